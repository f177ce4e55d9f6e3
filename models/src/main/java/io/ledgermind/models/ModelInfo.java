package io.ledgermind.models;

import java.util.List;
import java.util.Optional;

/**
 * Everything a caller needs to feed a model and label its output, read from the artifact's {@code manifest.json}.
 *
 * @param name model name, e.g. {@code lstm-stablecoin-net-flow}
 * @param hash SHA-256 (hex) over the parameter bytes and everything else that determines outputs (architecture,
 *     feature spec, normalisation statistics); see models/README.md
 * @param family the series family of a forecaster; empty for a policy
 * @param inputFeatures feature names, in the order of an input row (forecaster) or observation vector (policy)
 * @param windowLength rows per forecaster input window; 0 for a policy
 * @param horizons forecast horizons in steps; empty for a policy
 * @param intervalLevel nominal coverage of forecast intervals; 0 for a policy
 * @param entities entities the model has normalisation statistics for (forecaster); empty for a policy, which
 *     takes any entity
 * @param actionNames action names by index (policy); empty for a forecaster
 */
public record ModelInfo(
    String name,
    ModelKind kind,
    String hash,
    Optional<SeriesFamily> family,
    List<String> inputFeatures,
    int windowLength,
    List<Integer> horizons,
    double intervalLevel,
    List<String> entities,
    List<String> actionNames) {

  public ModelInfo {
    inputFeatures = List.copyOf(inputFeatures);
    horizons = List.copyOf(horizons);
    entities = List.copyOf(entities);
    actionNames = List.copyOf(actionNames);
  }
}
