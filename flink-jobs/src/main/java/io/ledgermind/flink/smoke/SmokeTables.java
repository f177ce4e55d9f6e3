package io.ledgermind.flink.smoke;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.flink.sink.clickhouse.RowEncoder;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.util.List;

/**
 * The ClickHouse table of the smoke run's events (its dead letters go to the real {@code dead_letters} table), in the dialect that works on Debian's 18.16 and on modern servers.
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

  /** Creates the database and the table when missing. */
  public void create(ClickHouseHttpClient client) {
    client.execute("CREATE DATABASE IF NOT EXISTS " + database);
    client.execute(
        "CREATE TABLE IF NOT EXISTS " + events().qualifiedName() + " ("
            + " event_id String, sequence UInt64, event_time DateTime('UTC'), amount String, note String,"
            + " ingested_at DateTime('UTC') DEFAULT now()"
            + ") ENGINE = ReplacingMergeTree(ingested_at) PARTITION BY toYYYYMM(event_time) ORDER BY (event_id)");
  }

  public static RowEncoder<SmokeEvent> eventEncoder() {
    return (event, out) ->
        out.writeString(event.getEventId())
            .writeUInt64(event.getSequence())
            .writeDateTime(event.getEventTime())
            .writeString(event.getAmount())
            .writeString(event.getNote());
  }
}
