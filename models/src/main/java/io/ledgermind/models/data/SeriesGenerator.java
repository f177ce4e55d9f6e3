package io.ledgermind.models.data;

import io.ledgermind.models.SeriesFamily;
import java.util.List;

/**
 * Deterministic synthetic series of one family, following the domain mechanics of docs/domain.md. Stands in for real
 * history until the ingest simulators / ClickHouse tables can be read (see models/README.md).
 */
public interface SeriesGenerator {

  SeriesFamily family();

  /** Feature names of each row; the first is the target. */
  List<String> features();

  /** One series per entity, {@code steps} rows each; the same seed always gives the same values. */
  List<Series> generate(long seed, int steps);

  /** The generator of a family. */
  static SeriesGenerator of(SeriesFamily family) {
    return switch (family) {
      case STABLECOIN_NET_FLOW -> new StablecoinFlowGenerator();
      case DEPIN_USAGE -> new DepinUsageGenerator();
      case SUBNET_EMISSION_SHARE -> new SubnetEmissionGenerator();
    };
  }
}
