package io.ledgermind.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgermind.flink.testutils.FlinkTestEnvironments;
import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator on a MiniCluster (parallelism 2) with the real bundled stablecoin forecaster (DJL + PyTorch, CPU):
 * every request yields one output, each key's outputs keep their order, refused inputs become error records without
 * costing their batch-mates, and the forecasts equal a direct batched call.
 */
class MicroBatchInferenceITCase {
  private static final int REQUESTS = 400;
  private static final int KEYS = 7;
  private static final int POISON_EVERY = 97;

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniCluster();

  @Test
  void forecastsEveryRequestOnceInKeyOrderAndMatchesADirectBatchedCall() throws Exception {
    StreamExecutionEnvironment env = FlinkTestEnvironments.environment(null);
    // A single source subtask emits seq in ascending order, so ascending seq is each key's arrival order.
    DataStream<WindowRequest> requests = env.fromSequence(0, REQUESTS - 1).setParallelism(1)
        .map(seq -> StablecoinWindows.request(seq, KEYS, POISON_EVERY)).setParallelism(1)
        .returns(TypeInformation.of(WindowRequest.class));
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(32).maxWait(Duration.ofMillis(20)).build();
    List<WindowForecast> out = new ArrayList<>();
    MicroBatchInference.apply(requests.keyBy(r -> r.key), StablecoinWindows.predictor(), config,
        TypeInformation.of(WindowForecast.class), "forecast-inference").executeAndCollect().forEachRemaining(out::add);

    assertThat(out).hasSize(REQUESTS);
    assertThat(out.stream().map(f -> f.seq).distinct()).hasSize(REQUESTS);
    Map<String, Long> lastSeqByKey = new HashMap<>();
    for (WindowForecast f : out) {
      Long previous = lastSeqByKey.put(f.key, f.seq);
      assertThat(previous == null || previous < f.seq).as("order of key %s at seq %d", f.key, f.seq).isTrue();
    }

    List<WindowForecast> errors = out.stream().filter(f -> f.error != null).toList();
    assertThat(errors).extracting(f -> f.seq)
        .containsExactlyInAnyOrderElementsOf(poisonedSeqs());
    assertThat(errors).allSatisfy(f -> assertThat(f.error).contains("NON_FINITE"));

    Map<Long, ForecastResult> direct = directForecasts();
    for (WindowForecast f : out) {
      if (f.error == null) {
        ForecastResult expected = direct.get(f.seq);
        assertThat(f.values).hasSize(expected.points().size());
        for (int h = 0; h < f.values.length; h++) {
          // Batch composition changes the last bits of a row's result (models/README.md), nothing more.
          double tolerance = 1e-4 * Math.max(1, Math.abs(expected.points().get(h).value()));
          assertThat(f.values[h]).isCloseTo(expected.points().get(h).value(), within(tolerance));
          assertThat(f.lower[h]).isCloseTo(expected.points().get(h).lower(), within(tolerance));
          assertThat(f.upper[h]).isCloseTo(expected.points().get(h).upper(), within(tolerance));
        }
      }
    }
  }

  private static List<Long> poisonedSeqs() {
    List<Long> seqs = new ArrayList<>();
    for (long seq = 0; seq < REQUESTS; seq++) {
      if (StablecoinWindows.poisoned(seq, POISON_EVERY)) {
        seqs.add(seq);
      }
    }
    return seqs;
  }

  /** All good requests in one direct call to the same forecaster, outside Flink. */
  private static Map<Long, ForecastResult> directForecasts() throws Exception {
    List<Long> seqs = new ArrayList<>();
    List<ForecastInput> inputs = new ArrayList<>();
    for (long seq = 0; seq < REQUESTS; seq++) {
      if (!StablecoinWindows.poisoned(seq, POISON_EVERY)) {
        seqs.add(seq);
        inputs.add(StablecoinWindows.toInput(StablecoinWindows.request(seq, KEYS, POISON_EVERY)));
      }
    }
    Map<Long, ForecastResult> bySeq = new HashMap<>();
    try (Forecaster forecaster = ForecasterPredictor.ForecasterFactory.bundled().open()) {
      List<ForecastResult> results = forecaster.forecast(inputs);
      for (int i = 0; i < seqs.size(); i++) {
        bySeq.put(seqs.get(i), results.get(i));
      }
    }
    return bySeq;
  }
}
