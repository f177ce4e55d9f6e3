package io.ledgermind.models.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelRegistry;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.data.Series;
import io.ledgermind.models.data.Dataset;
import io.ledgermind.models.data.FeatureWindowSeries;
import io.ledgermind.models.runtime.LoadedNetwork;
import io.ledgermind.models.runtime.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny training run on the pipeline's DePIN feature windows recorded beside the bundled forecaster: deterministic
 * for a seed, the loss falls, and save + reload changes no output bit.
 */
class LstmTrainingITCase {
  private static final Map<String, Object> DATA = Map.of("dataset", "bundled lstm-depin-usage/dataset.tsv");

  @TempDir
  Path dir;

  private static LstmTrainingConfig tiny(long seed) {
    return LstmTrainingConfig.builder(SeriesFamily.DEPIN_USAGE).seed(seed).epochs(2).hiddenSize(8).build();
  }

  private static Dataset depin() {
    try {
      return Dataset.bundled(SeriesFamily.DEPIN_USAGE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TrainedModel train(LstmTrainingConfig config) {
    return LstmTrainer.train(config, depin(), DATA);
  }

  @Test
  void sameSeedSameParametersDifferentSeedDifferentModel() {
    TrainedModel a = train(tiny(1));
    TrainedModel b = train(tiny(1));
    TrainedModel c = train(tiny(2));
    assertThat(b.parameters()).isEqualTo(a.parameters());
    assertThat(b.manifest().modelHash()).isEqualTo(a.manifest().modelHash());
    assertThat(c.manifest().modelHash()).isNotEqualTo(a.manifest().modelHash());
    assertThat(a.manifest().training()).containsKeys("seed", "epochs", "data", "lossPerEpoch");
  }

  @Test
  void saveReloadPredictGivesTheTrainedNetworksOutputsBitForBit() throws Exception {
    TrainedModel trained = train(tiny(3));
    trained.writeTo(dir);
    LoadedArtifact artifact = ArtifactStore.read(dir);
    assertThat(artifact.manifest().modelHash()).isEqualTo(trained.manifest().modelHash());
    InferenceOptions cpu = InferenceOptions.builder().device(InferenceOptions.DeviceChoice.CPU).build();
    try (LoadedNetwork network = new LoadedNetwork(artifact,
        LstmNetwork.build(artifact.manifest().model().architecture()), cpu)) {
      assertThat(network.predict(trained.probeInput())).isEqualTo(trained.probeOutput());
    }

    List<ForecastInput> inputs = new ArrayList<>();
    for (Series s : depin().series()) {
      for (int t = 250; t < 260; t++) {
        inputs.add(ForecastInput.builder().entity(s.entity()).family(SeriesFamily.DEPIN_USAGE)
            .windowEndMillis(s.endMillis(t)).window(Arrays.copyOfRange(s.rows(), t - 47, t + 1)).build());
      }
    }
    List<ForecastResult> first;
    try (Forecaster forecaster = ModelRegistry.openForecaster(dir, cpu)) {
      first = forecaster.forecast(inputs);
    }
    try (Forecaster again = ModelRegistry.openForecaster(dir, cpu)) {
      assertThat(again.forecast(inputs)).isEqualTo(first);
    }
    assertThat(first.get(0).modelHash()).isEqualTo(trained.manifest().modelHash());
  }

  @Test
  void theLossFallsAndTheBoundsOfTheTrainingInputsAreRecorded() {
    TrainedModel trained = train(LstmTrainingConfig.builder(SeriesFamily.DEPIN_USAGE).seed(5).epochs(4)
        .hiddenSize(8).build());
    @SuppressWarnings("unchecked")
    List<Number> losses = (List<Number>) trained.manifest().training().get("lossPerEpoch");
    assertThat(losses.get(losses.size() - 1).doubleValue()).isLessThan(losses.get(0).doubleValue());
    // Providers are constant in the simulated history (their log-difference is 0); usage moves.
    assertThat(trained.manifest().model().features().inputBounds()).containsOnlyKeys("usage", "providers")
        .allSatisfy((name, bound) -> assertThat(bound).isNotNegative());
    assertThat(trained.manifest().model().features().inputBounds().get("usage")).isPositive();
  }

  /** An input far outside what the training windows held is flagged, one inside is not. */
  @Test
  void anInputBeyondTheTrainingRangeIsFlaggedOutOfDistribution() throws Exception {
    TrainedModel trained = train(tiny(4));
    trained.writeTo(dir);
    Series s = depin().series().get(0);
    float[][] window = Arrays.copyOfRange(s.rows(), 100, 148);
    float[][] shocked = Arrays.stream(window).map(float[]::clone).toArray(float[][]::new);
    shocked[10][0] = shocked[10][0] * 1_000; // usage 1,000 times the level of the window's end
    InferenceOptions cpu = InferenceOptions.builder().device(InferenceOptions.DeviceChoice.CPU).build();
    try (Forecaster forecaster = ModelRegistry.openForecaster(dir, cpu)) {
      List<ForecastResult> results = forecaster.forecast(List.of(
          ForecastInput.builder().entity(s.entity()).family(SeriesFamily.DEPIN_USAGE).windowEndMillis(s.endMillis(147))
              .window(window).build(),
          ForecastInput.builder().entity(s.entity()).family(SeriesFamily.DEPIN_USAGE).windowEndMillis(s.endMillis(147))
              .window(shocked).build()));
      assertThat(results.get(0).outOfDistribution()).isFalse();
      assertThat(results.get(1).outOfDistribution()).isTrue();
    }
  }

  @Test
  void refusesASeriesTooShortToHoldOutAWindow() {
    Dataset full = depin();
    List<Series> cut = FeatureWindowSeries.between(full.series(), full.series().get(0).endMillis(0),
        full.series().get(0).endMillis(99));
    Dataset shortened = new Dataset(full.family(), full.features(), cut);
    assertThatThrownBy(() -> LstmTrainer.train(tiny(1), shortened, DATA))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("held-out");
  }
}
