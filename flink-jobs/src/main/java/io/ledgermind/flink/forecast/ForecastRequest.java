package io.ledgermind.flink.forecast;

/**
 * One entity's input window, ready for the forecaster: {@code features} values per row, rows oldest first,
 * flattened row-major (Flink serializes a flat primitive array without Kryo). A Flink POJO: in-flight requests of the
 * async inference operator are checkpointed with this type.
 */
public class ForecastRequest {
  /** {@code SeriesFamily} name. */
  public String family;
  public String domain;
  public String entity;
  /** The latest feature window of the input: the forecast's {@code featureId}. */
  public String featureId;
  /** End of the last row; forecasts are issued at this instant. */
  public long windowEnd;
  public int rows;
  public int features;
  public float[] values;
  /** Rows the assembler filled because no window had events in that step. */
  public int filledRows;
  /** 0x-prefixed SHA-256 over entity, window end and every input value: what the oracle commits to. */
  public String inputsCommitment;

  public ForecastRequest() {}

  /** The input window as {@code [row][feature]}. */
  public float[][] window() {
    float[][] window = new float[rows][features];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values, r * features, window[r], 0, features);
    }
    return window;
  }

  /** The target series' value in the last row: what the previous forecast predicted for this step. */
  public double lastTarget() {
    return values[(rows - 1) * features];
  }

  @Override
  public String toString() {
    return "ForecastRequest{" + family + " " + entity + " windowEnd=" + windowEnd + " feature=" + featureId + "}";
  }
}
