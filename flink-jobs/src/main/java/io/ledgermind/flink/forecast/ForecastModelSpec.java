package io.ledgermind.flink.forecast;

import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.SeriesFamily;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What the job needs to know about one forecaster to feed it, read from the artifact's manifest when the job graph
 * is built (so a task manager never guesses a window length or feature order).
 */
public record ForecastModelSpec(
    SeriesFamily family,
    String modelName,
    String modelHash,
    List<String> inputFeatures,
    int windowLength,
    long stepMillis,
    Set<String> entities)
    implements Serializable {

  public ForecastModelSpec {
    inputFeatures = List.copyOf(inputFeatures);
    entities = Set.copyOf(entities);
    if (windowLength < 1) {
      throw new IllegalArgumentException("window length must be positive: " + windowLength);
    }
  }

  public static ForecastModelSpec of(ModelInfo info) {
    SeriesFamily family = info.family().orElseThrow(
        () -> new IllegalArgumentException(info.name() + " is not a forecaster"));
    return new ForecastModelSpec(family, info.name(), info.hash(), info.inputFeatures(), info.windowLength(),
        family.step().toMillis(), Set.copyOf(info.entities()));
  }

  /** The {@code Domain} symbol whose feature windows feed this model. */
  public String domain() {
    return family.domain();
  }
}
