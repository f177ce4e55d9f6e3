package io.ledgermind.flink.forecast;

import io.ledgermind.models.ModelArtifactException;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelKind;
import io.ledgermind.models.ModelRegistry;
import java.util.List;

/** The forecasters a job feeds, read from model manifests when the job graph is built. */
public final class ForecastModels {
  private ForecastModels() {}

  /** One spec per LSTM artifact bundled with the models module. */
  public static List<ForecastModelSpec> bundled() {
    try {
      return of(ModelRegistry.bundled().models());
    } catch (ModelArtifactException e) {
      throw new IllegalStateException("bundled model artifacts are unreadable: " + e.getMessage(), e);
    }
  }

  public static List<ForecastModelSpec> of(List<ModelInfo> models) {
    return models.stream().filter(m -> m.kind() == ModelKind.LSTM_FORECASTER).map(ForecastModelSpec::of).toList();
  }
}
