package io.ledgermind.clickhouse.migrate;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code <database>.schema_migrations} table: one row per applied migration (version, name, checksum,
 * applied_at). A plain MergeTree: rows are only ever appended. Should two runners race and record a version twice,
 * {@link #read()} keeps the first row of each version, so the duplicate is harmless.
 */
final class SchemaMigrationsTable {
  static final String NAME = "schema_migrations";

  private final ClickHouseHttpClient client;
  private final String database;

  SchemaMigrationsTable(ClickHouseHttpClient client, String database) {
    this.client = client;
    this.database = database;
  }

  /** Creates the database and the table when missing. */
  void create() {
    client.execute("CREATE DATABASE IF NOT EXISTS " + database);
    // PARTITION BY tuple(): one partition; the table holds a handful of rows. Portable to 18.16 and 26.x.
    client.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName()
        + " (version UInt32, name String, checksum String, applied_at DateTime('UTC'))"
        + " ENGINE = MergeTree() PARTITION BY tuple() ORDER BY (version)");
  }

  boolean exists() {
    return "1".equals(client.query("SELECT count() FROM system.tables WHERE database = '" + database
        + "' AND name = '" + NAME + "'"));
  }

  /** Applied migrations by version; empty when the table does not exist. */
  Map<Integer, AppliedMigration> read() {
    Map<Integer, AppliedMigration> applied = new TreeMap<>();
    if (!exists()) {
      return applied;
    }
    String rows = client.query("SELECT version, name, checksum, toUnixTimestamp(applied_at) FROM "
        + qualifiedName() + " ORDER BY version, applied_at");
    for (String row : rows.split("\n")) {
      if (row.isEmpty()) {
        continue;
      }
      String[] f = row.split("\t", -1);
      if (f.length != 4) {
        throw new MigrationException(0, "unexpected row in " + qualifiedName() + ": " + row, null);
      }
      int version = Integer.parseInt(f[0]);
      applied.putIfAbsent(version,
          new AppliedMigration(version, f[1], f[2], Instant.ofEpochSecond(Long.parseLong(f[3]))));
    }
    return applied;
  }

  /** Records {@code migration} as applied now. */
  void record(Migration migration) {
    // Version, description ([A-Za-z0-9_]) and checksum (hex) need no escaping.
    client.execute("INSERT INTO " + qualifiedName() + " (version, name, checksum, applied_at) VALUES ("
        + migration.version() + ", '" + migration.description() + "', '" + migration.checksum() + "', now())");
  }

  String qualifiedName() {
    return database + "." + NAME;
  }
}
