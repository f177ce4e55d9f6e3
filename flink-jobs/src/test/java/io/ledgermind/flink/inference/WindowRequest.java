package io.ledgermind.flink.inference;

/** A test/benchmark request: one USDC window of 48 hourly rows (net_flow, mint, burn), flattened. A Flink POJO. */
public class WindowRequest {
  public String key;
  public long seq;
  public float[] rows;
  /** When the request entered the pipeline (System.nanoTime, same JVM): for end-to-end latency in the benchmark. */
  public long createdNanos;

  public WindowRequest() {}
}
