package io.ledgermind.flink.inference;

/** A test/benchmark result: the forecast of a {@link WindowRequest}, or the error that replaced it. A Flink POJO. */
public class WindowForecast {
  public String key;
  public long seq;
  public double[] values;
  public double[] lower;
  public double[] upper;
  /** Null for a forecast; the failure otherwise. */
  public String error;
  public long createdNanos;

  public WindowForecast() {}
}
