package io.ledgermind.models.eval;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.Forecaster;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.Observation;
import io.ledgermind.models.Policy;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.data.Series;
import io.ledgermind.models.data.Dataset;
import io.ledgermind.models.policy.EnvConfig;
import io.ledgermind.models.policy.EpisodeSeeds;
import io.ledgermind.models.policy.StakingEnv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput and latency of the public inference path (validation, normalisation, copies and the native call) at
 * a range of batch sizes, one thread calling. Not a test: numbers depend on the machine and its load.
 */
public final class Benchmark {
  private Benchmark() {}

  /** One cell: samples per second over the timed calls and the median latency of one call. */
  public record Row(String model, String mode, int batch, long calls, double samplesPerSecond, double p50Millis) {}

  /** An operation to time: one call with a batch prepared in advance. */
  @FunctionalInterface
  public interface Call {
    void run() throws ModelInputException;
  }

  public static Row measure(String model, String mode, int batch, double seconds, Call call)
      throws ModelInputException {
    long warmUntil = System.nanoTime() + (long) (Math.min(1.0, seconds / 2) * 1e9); // JIT and allocator warm-up
    while (System.nanoTime() < warmUntil) {
      call.run();
    }
    List<Long> latencies = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    do {
      long t0 = System.nanoTime();
      call.run();
      latencies.add(System.nanoTime() - t0);
    } while (System.nanoTime() < end || latencies.size() < 3);
    long total = latencies.stream().mapToLong(Long::longValue).sum();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Row(model, mode, batch, sorted.length, batch * sorted.length / (total / 1e9),
        sorted[sorted.length / 2] / 1e6);
  }

  /** {@code batch} valid inputs for a forecaster, from the pipeline's feature windows its family was trained on. */
  public static List<ForecastInput> forecastInputs(ModelInfo info, int batch) {
    SeriesFamily family = info.family().orElseThrow();
    List<Series> series;
    try {
      series = Dataset.bundled(family).series();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<ForecastInput> inputs = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      Series s = series.get(i % series.size());
      // Window ends walk forward through each series and wrap around: any batch size finds inputs.
      int t = info.windowLength() - 1 + (i / series.size()) % (s.length() - info.windowLength() + 1);
      inputs.add(ForecastInput.builder().entity(s.entity()).family(family).windowEndMillis(s.endMillis(t))
          .window(Arrays.copyOfRange(s.rows(), t - info.windowLength() + 1, t + 1)).build());
    }
    return inputs;
  }

  /** {@code batch} observations of the staking environment. */
  public static List<Observation> observations(int batch) {
    EnvConfig env = EnvConfig.defaults();
    List<Observation> obs = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      // Held-out episodes of one economy history: the first observation of each of its windows.
      obs.add(new Observation("bench", new StakingEnv(env, EpisodeSeeds.heldOut(i % env.heldOutWindows()))
          .observation()));
    }
    return obs;
  }

  public static Row forecaster(Forecaster forecaster, String mode, int batch, double seconds)
      throws ModelInputException {
    List<ForecastInput> inputs = forecastInputs(forecaster.models().get(0), batch);
    return measure(forecaster.models().get(0).name(), mode, batch, seconds, () -> forecaster.forecast(inputs));
  }

  public static Row policy(Policy policy, String mode, int batch, double seconds) throws ModelInputException {
    List<Observation> obs = observations(batch);
    return measure(policy.model().name(), mode, batch, seconds, () -> policy.decide(obs));
  }

  public static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| model | mode | batch | samples/s | p50 latency per call (ms) | calls |\n");
    out.append("|---|---|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.3f | %d |%n", r.model(), r.mode(), r.batch(),
          r.samplesPerSecond(), r.p50Millis(), r.calls()));
    }
    return out.toString();
  }
}
