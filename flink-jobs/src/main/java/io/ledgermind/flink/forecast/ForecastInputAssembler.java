package io.ledgermind.flink.forecast;

import io.ledgermind.models.SeriesFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * How a forecaster's input window is built from feature windows, and the commitment to it: one definition for the
 * job ({@link AssembleForecastInputs}, rows from keyed state) and for {@code ledgermind verify} (rows from
 * ClickHouse), so that a verifier recomputes bit for bit what the job committed to on-chain.
 *
 * <p>A step without events has no feature window; it is filled: with zeros for stablecoin flows (no event means no
 * flow), by carrying the previous row forward for usage and emission share (levels, which do not drop to zero
 * because nobody was observed).
 */
public final class ForecastInputAssembler {
  private ForecastInputAssembler() {}

  /** Rows by window start; null when the step had no window. */
  @FunctionalInterface
  public interface Rows {
    float[] at(long windowStart) throws Exception;
  }

  /** The model's input features of one feature window, in the model's order; a missing feature becomes NaN. */
  public static float[] row(ForecastModelSpec model, Map<String, Double> values) {
    float[] row = new float[model.inputFeatures().size()];
    for (int i = 0; i < row.length; i++) {
      Double value = values.get(model.inputFeatures().get(i));
      // NaN is rejected by the forecaster with a named error (dead letter), never a guess.
      row[i] = value == null ? Float.NaN : value.floatValue();
    }
    return row;
  }

  /**
   * The request for the window of {@code model.windowLength()} steps whose first row starts at {@code oldest} and
   * whose last window ends at {@code windowEnd}; the row before {@code oldest} (if any) seeds the carry-forward.
   */
  public static ForecastRequest assemble(ForecastModelSpec model, String entity, String featureId, long windowEnd,
      long oldest, Rows rows) throws Exception {
    int length = model.windowLength();
    int width = model.inputFeatures().size();
    float[] values = new float[length * width];
    float[] previous = rows.at(oldest - model.stepMillis());
    int filled = 0;
    for (int r = 0; r < length; r++) {
      float[] row = rows.at(oldest + r * model.stepMillis());
      if (row == null) {
        filled++;
        row = model.family() == SeriesFamily.STABLECOIN_NET_FLOW || previous == null ? new float[width] : previous;
      }
      System.arraycopy(row, 0, values, r * width, width);
      previous = row;
    }
    ForecastRequest request = new ForecastRequest();
    request.family = model.family().name();
    request.domain = model.domain();
    request.entity = entity;
    request.featureId = featureId;
    request.windowEnd = windowEnd;
    request.rows = length;
    request.features = width;
    request.values = values;
    request.filledRows = filled;
    request.inputsCommitment = commitment(request);
    return request;
  }

  /** The first row's window start of the input whose newest window starts at {@code latestStart}. */
  public static long oldestStart(ForecastModelSpec model, long latestStart) {
    return latestStart - (long) (model.windowLength() - 1) * model.stepMillis();
  }

  /** SHA-256 over family, entity, window end, shape and the exact float bits of every input value. */
  public static String commitment(ForecastRequest request) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(request.family.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(request.entity.getBytes(StandardCharsets.UTF_8));
      ByteBuffer buffer = ByteBuffer.allocate(8 + 8 + 4 * request.values.length);
      buffer.putLong(request.windowEnd).putInt(request.rows).putInt(request.features);
      for (float v : request.values) {
        buffer.putFloat(v);
      }
      sha256.update(buffer.array());
      return "0x" + HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
