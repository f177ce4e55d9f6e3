package io.ledgermind.flink.features;

import io.ledgermind.schemas.common.Domain;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The features of one domain: which raw records contribute what to whose window, and how a window's accumulator
 * becomes the named values of a {@code FeatureWindow}. Contributions are sums only (see {@link Accumulator}), which
 * is what makes retractions exact.
 */
public interface FeatureDefinition extends Serializable {

  Domain domain();

  /** Length of one window: one step of the series the forecaster reads. */
  Duration window();

  /**
   * What {@code record} contributes, or empty when it contributes nothing to this domain's features (another
   * record type, or an event that only mirrors another one, such as USDC's Transfer from the zero address beside
   * its Mint).
   */
  Optional<Contribution> extract(SpecificRecord record);

  /** Model inputs (doubles) of a window. */
  Map<String, Double> values(Accumulator window);

  /** Exact base-10 amounts of a window (int256). */
  Map<String, String> exactValues(Accumulator window);

  /** An entity's share of one event. */
  record Contribution(String entity, long eventTime, String eventId, Accumulator accumulator) {}
}
