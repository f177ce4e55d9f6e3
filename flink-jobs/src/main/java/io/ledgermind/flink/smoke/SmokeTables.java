package io.ledgermind.flink.smoke;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.flink.sink.clickhouse.RowEncoder;
import java.time.Instant;
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
    return new ClickHouseTable(
        database + ".smoke_events", List.of("event_id", "sequence", "event_time", "amount", "note", "source"));
  }

  public ClickHouseTable deadLetters() {
    return new ClickHouseTable(
        database + ".smoke_dead_letters", List.of("reason", "topic", "partition", "offset", "original"));
  }

  /** Creates the database and tables when missing. */
  public void create(ClickHouseHttpClient client) {
    client.execute("CREATE DATABASE IF NOT EXISTS " + database);
    client.execute(
        "CREATE TABLE IF NOT EXISTS " + events().qualifiedName() + " ("
            + " event_id String, sequence UInt64, event_time DateTime('UTC'), amount String, note String,"
            + " source String, ingested_at DateTime('UTC') DEFAULT now()"
            + ") ENGINE = ReplacingMergeTree(ingested_at) PARTITION BY toYYYYMM(event_time) ORDER BY (event_id)");
    client.execute(
        "CREATE TABLE IF NOT EXISTS " + deadLetters().qualifiedName() + " ("
            + " reason String, topic String, partition UInt32, offset UInt64, original String,"
            + " recorded_at DateTime('UTC') DEFAULT now()"
            + ") ENGINE = MergeTree() PARTITION BY toYYYYMM(recorded_at) ORDER BY (topic, partition, offset)");
  }

  public static RowEncoder<SmokeRow> eventEncoder() {
    return (row, out) ->
        out.writeString(row.eventId)
            .writeUInt64(row.sequence)
            .writeDateTime(Instant.ofEpochMilli(row.eventTimeMillis))
            .writeString(row.amount)
            .writeString(row.note)
            .writeString(row.source);
  }

  public static RowEncoder<DeadLetter> deadLetterEncoder() {
    return (letter, out) ->
        out.writeString(letter.reason)
            .writeString(letter.topic)
            .writeUInt32(letter.partition)
            .writeUInt64(letter.offset)
            .writeBytes(letter.original);
  }
}
