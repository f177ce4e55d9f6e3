package io.ledgermind.flink.smoke;

/** An input record that could not be processed, with the reason and its original bytes. Flink POJO. */
public class DeadLetter {
  public String reason;
  public String topic;
  public int partition;
  public long offset;
  public byte[] original;

  public DeadLetter() {}
}
