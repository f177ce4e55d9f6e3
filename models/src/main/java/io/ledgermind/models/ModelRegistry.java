package io.ledgermind.models;

import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.artifact.ModelInfos;
import io.ledgermind.models.lstm.FamilyRouter;
import io.ledgermind.models.lstm.LstmForecaster;
import io.ledgermind.models.policy.MlpPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The artifacts a process may serve, indexed by model hash. Reading an artifact verifies its hash; opening one
 * loads the native network. Look-ups by an unknown hash fail with {@link ModelInputException.Reason#UNKNOWN_MODEL_HASH}
 * rather than falling back to another model, because every published value names the model that produced it.
 *
 * <pre>{@code
 * ModelRegistry registry = ModelRegistry.bundled();              // artifacts shipped in this jar
 * try (Forecaster forecaster = registry.openForecasters(InferenceOptions.defaults())) {
 *   List<ForecastResult> results = forecaster.forecast(inputs);
 * }
 * }</pre>
 */
public final class ModelRegistry {
  private final Map<String, LoadedArtifact> byHash;

  private ModelRegistry(Map<String, LoadedArtifact> byHash) {
    this.byHash = byHash;
  }

  /** The artifacts bundled on the class path ({@code artifacts/index.txt}). */
  public static ModelRegistry bundled() throws ModelArtifactException {
    Map<String, LoadedArtifact> map = new LinkedHashMap<>();
    for (String name : ArtifactStore.bundledNames()) {
      LoadedArtifact artifact = ArtifactStore.readResource(name);
      map.put(artifact.manifest().modelHash(), artifact);
    }
    return new ModelRegistry(map);
  }

  /** The artifacts in the given directories. */
  public static ModelRegistry of(List<Path> directories) throws ModelArtifactException {
    Map<String, LoadedArtifact> map = new LinkedHashMap<>();
    for (Path dir : directories) {
      LoadedArtifact artifact = ArtifactStore.read(dir);
      map.put(artifact.manifest().modelHash(), artifact);
    }
    return new ModelRegistry(map);
  }

  /** Reads (and verifies) one artifact directory without registering it. */
  public static ModelInfo inspect(Path directory) throws ModelArtifactException {
    return ModelInfos.of(ArtifactStore.read(directory).manifest());
  }

  /** Opens the forecaster in an artifact directory. */
  public static Forecaster openForecaster(Path directory, InferenceOptions options) throws ModelArtifactException {
    return LstmForecaster.open(ArtifactStore.read(directory), options);
  }

  /** Opens the policy in an artifact directory. */
  public static Policy openPolicy(Path directory, InferenceOptions options) throws ModelArtifactException {
    return MlpPolicy.open(ArtifactStore.read(directory), options);
  }

  public List<ModelInfo> models() {
    List<ModelInfo> models = new ArrayList<>();
    byHash.values().forEach(a -> models.add(ModelInfos.of(a.manifest())));
    return models;
  }

  public ModelInfo describe(String modelHash) throws ModelInputException {
    return ModelInfos.of(artifact(modelHash).manifest());
  }

  /** Opens the forecaster with this hash. */
  public Forecaster openForecaster(String modelHash, InferenceOptions options)
      throws ModelInputException, ModelArtifactException {
    return LstmForecaster.open(artifact(modelHash), options);
  }

  /** Opens the policy with this hash. */
  public Policy openPolicy(String modelHash, InferenceOptions options)
      throws ModelInputException, ModelArtifactException {
    return MlpPolicy.open(artifact(modelHash), options);
  }

  /**
   * One forecaster routing each input to the registered model of its series family. Fails when two registered
   * forecasters serve the same family: which one serves must be an explicit choice (by hash).
   */
  public Forecaster openForecasters(InferenceOptions options) throws ModelArtifactException {
    Map<SeriesFamily, LoadedArtifact> chosen = new EnumMap<>(SeriesFamily.class);
    for (LoadedArtifact artifact : byHash.values()) {
      if (artifact.manifest().kind() == ModelKind.LSTM_FORECASTER) {
        SeriesFamily family = artifact.manifest().model().features().family();
        LoadedArtifact previous = chosen.put(family, artifact);
        if (previous != null) {
          throw new IllegalStateException("two forecasters for " + family.id() + ": " + previous.location() + " and "
              + artifact.location() + "; open one by hash");
        }
      }
    }
    Map<SeriesFamily, Forecaster> open = new EnumMap<>(SeriesFamily.class);
    try {
      for (Map.Entry<SeriesFamily, LoadedArtifact> e : chosen.entrySet()) {
        open.put(e.getKey(), LstmForecaster.open(e.getValue(), options));
      }
    } catch (ModelArtifactException | RuntimeException e) {
      open.values().forEach(Forecaster::close);
      throw e;
    }
    return new FamilyRouter(open);
  }

  /** The one registered policy; fails when there is none or more than one. */
  public Policy openPolicy(InferenceOptions options) throws ModelArtifactException {
    List<LoadedArtifact> policies = byHash.values().stream()
        .filter(a -> a.manifest().kind() == ModelKind.POLICY).toList();
    if (policies.size() != 1) {
      throw new IllegalStateException(policies.size() + " policies registered; open one by hash");
    }
    return MlpPolicy.open(policies.get(0), options);
  }

  private LoadedArtifact artifact(String modelHash) throws ModelInputException {
    LoadedArtifact artifact = modelHash == null ? null : byHash.get(modelHash.toLowerCase(java.util.Locale.ROOT));
    if (artifact == null) {
      throw ModelInputException.of(ModelInputException.Reason.UNKNOWN_MODEL_HASH,
          "no artifact with model hash " + modelHash + "; registered: " + byHash.keySet());
    }
    return artifact;
  }
}
