package io.ledgermind.flink.smoke;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.flink.sink.clickhouse.RowEncoder;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * ClickHouse tables of the smoke run, in the dialect that works on Debian's 18.16 and on modern servers.
 * ReplacingMergeTree keyed by the deterministic event id: a replayed batch collapses into the rows it repeats.
 */
public final class SmokeTables {
  private final String database;

  public SmokeTables(String database) {
    this.database = database;
  }

  public ClickHouseTable events() {
    return new ClickHouseTable(database + ".smoke_events", List.of("event_id", "sequence", "event_time", "amount", "note"));
  }

  public ClickHouseTable deadLetters() {
    return new ClickHouseTable(database + ".smoke_dead_letters", List.of("dead_letter_id", "reason", "error_type",
        "source_topic", "source_partition", "source_offset", "original", "processor", "failed_at"));
  }

  /** Creates the database and tables when missing. */
  public void create(ClickHouseHttpClient client) {
    client.execute("CREATE DATABASE IF NOT EXISTS " + database);
    client.execute(
        "CREATE TABLE IF NOT EXISTS " + events().qualifiedName() + " ("
            + " event_id String, sequence UInt64, event_time DateTime('UTC'), amount String, note String,"
            + " ingested_at DateTime('UTC') DEFAULT now()"
            + ") ENGINE = ReplacingMergeTree(ingested_at) PARTITION BY toYYYYMM(event_time) ORDER BY (event_id)");
    client.execute(
        "CREATE TABLE IF NOT EXISTS " + deadLetters().qualifiedName() + " ("
            + " dead_letter_id String, reason String, error_type String, source_topic String, source_partition UInt32,"
            + " source_offset UInt64, original String, processor String, failed_at DateTime('UTC')"
            + ") ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(failed_at) ORDER BY (dead_letter_id)");
  }

  public static RowEncoder<SmokeEvent> eventEncoder() {
    return (event, out) ->
        out.writeString(event.getEventId())
            .writeUInt64(event.getSequence())
            .writeDateTime(event.getEventTime())
            .writeString(event.getAmount())
            .writeString(event.getNote());
  }

  public static RowEncoder<DeadLetter> deadLetterEncoder() {
    return (letter, out) ->
        out.writeString(letter.getDeadLetterId())
            .writeString(letter.getReason())
            .writeString(letter.getErrorType())
            .writeString(letter.getSourceTopic())
            .writeUInt32(letter.getSourcePartition())
            .writeUInt64(letter.getSourceOffset())
            .writeBytes(bytes(letter.getOriginal()))
            .writeString(letter.getProcessor())
            .writeDateTime(letter.getFailedAt());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
