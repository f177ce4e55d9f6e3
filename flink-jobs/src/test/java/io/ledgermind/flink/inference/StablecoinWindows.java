package io.ledgermind.flink.inference;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastPoint;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.SeriesFamily;
import java.util.Random;

/**
 * Deterministic USDC windows for the ITCase and the benchmark: request {@code seq} always has the same rows (seeded by
 * seq), so a test can rebuild the exact inputs the job saw. Every {@code poisonEvery}-th request (if > 0) carries a
 * NaN, which the model refuses.
 */
final class StablecoinWindows {
  static final int WINDOW = 48;
  static final int FEATURES = 3; // net_flow, mint, burn (models/README.md)
  /** 2026-01-05T00:00Z, a Monday; request seq ends seq hours later. */
  static final long FIRST_WINDOW_END = 1_767_571_200_000L;
  private static final long HOUR = 3_600_000L;

  private StablecoinWindows() {}

  static WindowRequest request(long seq, int keys, int poisonEvery) {
    Random random = new Random(seq * 0x9E3779B97F4A7C15L);
    float[] rows = new float[WINDOW * FEATURES];
    for (int t = 0; t < WINDOW; t++) {
      float mint = random.nextFloat() < 0.1f ? (float) (random.nextDouble() * 50) : 0f;
      float burn = random.nextFloat() < 0.1f ? (float) (random.nextDouble() * 50) : 0f;
      rows[t * FEATURES] = (float) (random.nextGaussian() * 8 + 0.8 * (mint - burn));
      rows[t * FEATURES + 1] = mint;
      rows[t * FEATURES + 2] = burn;
    }
    if (poisonEvery > 0 && seq % poisonEvery == poisonEvery / 2) {
      rows[5] = Float.NaN;
    }
    WindowRequest r = new WindowRequest();
    r.key = "k" + (seq % keys);
    r.seq = seq;
    r.rows = rows;
    return r;
  }

  static boolean poisoned(long seq, int poisonEvery) {
    return poisonEvery > 0 && seq % poisonEvery == poisonEvery / 2;
  }

  static ForecastInput toInput(WindowRequest r) {
    float[][] window = new float[WINDOW][FEATURES];
    for (int t = 0; t < WINDOW; t++) {
      System.arraycopy(r.rows, t * FEATURES, window[t], 0, FEATURES);
    }
    return ForecastInput.builder().entity("USDC").family(SeriesFamily.STABLECOIN_NET_FLOW)
        .windowEndMillis(FIRST_WINDOW_END + r.seq * HOUR).window(window).build();
  }

  static WindowForecast toOutput(WindowRequest r, ForecastResult result) {
    WindowForecast f = base(r);
    int n = result.points().size();
    f.values = new double[n];
    f.lower = new double[n];
    f.upper = new double[n];
    for (int i = 0; i < n; i++) {
      ForecastPoint p = result.points().get(i);
      f.values[i] = p.value();
      f.lower[i] = p.lower();
      f.upper[i] = p.upper();
    }
    return f;
  }

  static WindowForecast toFailure(WindowRequest r, Exception cause) {
    WindowForecast f = base(r);
    f.error = cause.toString();
    return f;
  }

  static ForecasterPredictor<WindowRequest, WindowForecast> predictor() {
    return ForecasterPredictor.<WindowRequest, WindowForecast>builder()
        .forecaster(ForecasterPredictor.ForecasterFactory.bundled())
        .input(StablecoinWindows::toInput)
        .output(StablecoinWindows::toOutput)
        .failure(StablecoinWindows::toFailure)
        .build();
  }

  private static WindowForecast base(WindowRequest r) {
    WindowForecast f = new WindowForecast();
    f.key = r.key;
    f.seq = r.seq;
    f.createdNanos = r.createdNanos;
    return f;
  }
}
