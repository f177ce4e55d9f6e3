package io.ledgermind.models.artifact;

import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelKind;
import java.util.List;
import java.util.Optional;

/** The public {@link ModelInfo} view of a manifest (no model loaded). */
public final class ModelInfos {
  private ModelInfos() {}

  public static ModelInfo of(Manifest manifest) {
    ModelSpec spec = manifest.model();
    if (manifest.kind() == ModelKind.LSTM_FORECASTER) {
      FeatureSpec f = spec.features();
      return new ModelInfo(manifest.name(), manifest.kind(), manifest.modelHash(), Optional.of(f.family()),
          f.inputs().stream().map(FeatureSpec.InputFeature::name).toList(), f.windowLength(), f.horizons(),
          f.intervalLevel(), List.copyOf(f.normalisation().keySet()), List.of());
    }
    return new ModelInfo(manifest.name(), manifest.kind(), manifest.modelHash(), Optional.empty(),
        spec.observation(), 0, List.of(), 0, List.of(), spec.actions());
  }
}
