package io.ledgermind.flink.smoke;

/** A decoded smoke event as written to ClickHouse. Flink POJO. */
public class SmokeRow {
  public String eventId;
  public long sequence;
  public long eventTimeMillis;
  /** Base-10 integer string: exact for the whole uint256 range. */
  public String amount;
  public String note;
  public String source;

  public SmokeRow() {}
}
