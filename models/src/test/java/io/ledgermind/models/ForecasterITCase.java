package io.ledgermind.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgermind.models.eval.Benchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled forecasters through the public API: routing, intervals, typed errors, the predictor pool. */
class ForecasterITCase {
  private static ModelRegistry registry;
  private static Forecaster forecaster;
  private static List<ForecastInput> mixed;

  @BeforeAll
  static void open() throws Exception {
    registry = ModelRegistry.bundled();
    forecaster = registry.openForecasters(InferenceOptions.builder().device(InferenceOptions.DeviceChoice.CPU)
        .poolSize(2).build());
    mixed = new ArrayList<>();
    List<List<ForecastInput>> perFamily = new ArrayList<>();
    for (ModelInfo info : forecaster.models()) {
      perFamily.add(Benchmark.forecastInputs(info, 5));
    }
    for (int i = 0; i < 5; i++) {
      for (List<ForecastInput> family : perFamily) {
        mixed.add(family.get(i)); // interleaved families
      }
    }
  }

  @AfterAll
  static void close() {
    forecaster.close();
  }

  @Test
  void forecastsAMixedBatchInOrderWithOrderedIntervals() throws Exception {
    assertThat(forecaster.models()).hasSize(3);
    List<ForecastResult> results = forecaster.forecast(mixed);
    assertThat(results).hasSize(mixed.size());
    for (int i = 0; i < mixed.size(); i++) {
      ForecastInput in = mixed.get(i);
      ForecastResult r = results.get(i);
      assertThat(r.entity()).isEqualTo(in.entity());
      assertThat(r.family()).isEqualTo(in.family());
      assertThat(r.issuedAt()).isEqualTo(in.windowEndMillis());
      assertThat(r.intervalLevel()).isEqualTo(0.8, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(registry.describe(r.modelHash()).family()).contains(in.family());
      assertThat(r.points()).hasSize(6);
      for (ForecastPoint p : r.points()) {
        assertThat(p.lower()).isLessThanOrEqualTo(p.value());
        assertThat(p.value()).isLessThanOrEqualTo(p.upper());
        assertThat(p.targetTime()).isEqualTo(in.windowEndMillis() + p.horizonMillis());
        assertThat(Double.isFinite(p.value())).isTrue();
      }
    }
    assertThat(forecaster.forecast(List.of())).isEmpty();
  }

  @Test
  void typedErrorsNameTheIndexInTheCallersBatch() {
    List<ForecastInput> bad = new ArrayList<>(mixed);
    ForecastInput victim = mixed.get(4);
    float[][] window = new float[victim.window().length][];
    for (int t = 0; t < window.length; t++) {
      window[t] = victim.window()[t].clone();
    }
    window[10][0] = Float.NaN;
    bad.set(4, ForecastInput.builder().entity(victim.entity()).family(victim.family())
        .windowEndMillis(victim.windowEndMillis()).window(window).build());
    ModelInputException e = catchThrowableOfType(ModelInputException.class, () -> forecaster.forecast(bad));
    assertThat(e.reason()).isEqualTo(ModelInputException.Reason.NON_FINITE);
    assertThat(e.index()).isEqualTo(4);
    assertThat(e.entity()).isEqualTo(victim.entity());

    ForecastInput stranger = ForecastInput.builder().entity("DAI").family(SeriesFamily.STABLECOIN_NET_FLOW)
        .windowEndMillis(0).window(mixed.get(0).window()).build();
    assertThat(mixed.get(0).family()).isEqualTo(SeriesFamily.STABLECOIN_NET_FLOW);
    assertThat(catchThrowableOfType(ModelInputException.class, () -> forecaster.forecast(List.of(stranger)))
        .reason()).isEqualTo(ModelInputException.Reason.UNKNOWN_ENTITY);

    ForecastInput shortWindow = ForecastInput.builder().entity(victim.entity()).family(victim.family())
        .windowEndMillis(0).window(java.util.Arrays.copyOf(victim.window(), 47)).build();
    assertThat(catchThrowableOfType(ModelInputException.class, () -> forecaster.forecast(List.of(shortWindow)))
        .reason()).isEqualTo(ModelInputException.Reason.WRONG_WINDOW_LENGTH);
  }

  @Test
  void unknownModelHashIsATypedError() {
    ModelInputException e = catchThrowableOfType(ModelInputException.class,
        () -> registry.openForecaster("00".repeat(32), InferenceOptions.defaults()));
    assertThat(e.reason()).isEqualTo(ModelInputException.Reason.UNKNOWN_MODEL_HASH);
    assertThat(catchThrowableOfType(ModelInputException.class, () -> registry.describe("beef")).reason())
        .isEqualTo(ModelInputException.Reason.UNKNOWN_MODEL_HASH);
  }

  @Test
  void poolServesConcurrentCallersWithTheSameResults() throws Exception {
    List<ForecastResult> expected = forecaster.forecast(mixed);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<ForecastResult>>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(pool.submit(() -> forecaster.forecast(mixed)));
      }
      for (Future<List<ForecastResult>> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void opensOneModelByHash() throws Exception {
    ModelInfo depin = registry.models().stream()
        .filter(m -> m.family().orElse(null) == SeriesFamily.DEPIN_USAGE).findFirst().orElseThrow();
    try (Forecaster one = registry.openForecaster(depin.hash(), InferenceOptions.defaults())) {
      assertThat(one.models()).containsExactly(depin);
      assertThat(depin.inputFeatures()).containsExactly("usage", "providers");
      assertThat(depin.entities()).contains("render", "akash:gpu", "akash:cpu");
      ModelInputException e = catchThrowableOfType(ModelInputException.class,
          () -> one.forecast(List.of(mixed.get(0))));
      assertThat(e.reason()).isEqualTo(ModelInputException.Reason.WRONG_SERIES_FAMILY); // a stablecoin input
    }
  }
}
