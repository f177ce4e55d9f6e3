package io.ledgermind.clickhouse.rollup;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.Migration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the V0005 rollup tables equal to the aggregate of the distinct raw events again, for whole UTC days.
 *
 * <p>Why it exists: a materialized view sees INSERT blocks. When the at-least-once ClickHouse sink re-inserts a
 * batch after a failure, the raw ReplacingMergeTree collapses the copies but the rollup counts them twice; and
 * rows inserted before V0005 was applied never reached the rollup at all. For each key of the range this computes
 * (aggregate of the raw table FINAL) - (sum of the rollup's rows) and inserts the non-zero differences as rows:
 * SummingMergeTree adds them up. Retracted events stay in the rollup by design; the views subtract them.
 *
 * <pre>{@code
 * RollupReconciler reconciler = RollupReconciler.builder().client(client).database("ledgermind").build();
 * Map<Rollup, Long> corrected = reconciler.reconcile(LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-26"));
 * }</pre>
 *
 * <p>Run it for days whose raw rows are complete (older than the sink's replay window): a row inserted between the
 * read and the correcting insert could be counted twice. Running it again with nothing new inserts nothing.
 */
public final class RollupReconciler {
  private final ClickHouseHttpClient client;
  private final String database;

  private RollupReconciler(Builder builder) {
    this.client = Objects.requireNonNull(builder.client, "client");
    this.database = Objects.requireNonNull(builder.database, "database");
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("database must be [A-Za-z_][A-Za-z0-9_]*, got: " + database);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reconciles every rollup over {@code [from, to)}; returns the correcting rows inserted per rollup. */
  public Map<Rollup, Long> reconcile(LocalDate from, LocalDate to) {
    Map<Rollup, Long> corrected = new EnumMap<>(Rollup.class);
    for (Rollup rollup : Rollup.values()) {
      corrected.put(rollup, reconcile(rollup, from, to));
    }
    return corrected;
  }

  /** Reconciles one rollup over the UTC days {@code [from, to)}; returns the number of correcting rows inserted. */
  public long reconcile(Rollup rollup, LocalDate from, LocalDate to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("empty day range [" + from + ", " + to + ")");
    }
    String corrections = correctionQuery(rollup, from, to);
    // Counting first keeps a clean range free of writes (and tells the caller what happened).
    long rows = Long.parseLong(client.query("SELECT count() FROM (" + corrections + ")"));
    if (rows > 0) {
      client.execute("INSERT INTO " + database + "." + rollup.table() + " " + corrections);
    }
    return rows;
  }

  /** The SELECT that yields the correcting rows (visible for tests and for running by hand). */
  public String correctionQuery(Rollup rollup, LocalDate from, LocalDate to) {
    return resource(rollup.correctionResource())
        .replace(Migration.DATABASE_PLACEHOLDER, database)
        .replace("${from}", from.toString())
        .replace("${to}", to.toString())
        .replaceAll("(?m)^--.*\\n", "")
        .strip();
  }

  private static String resource(String name) {
    try (InputStream in = RollupReconciler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to " + RollupReconciler.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builder: client and database, both required. */
  public static final class Builder {
    private ClickHouseHttpClient client;
    private String database;

    private Builder() {}

    public Builder client(ClickHouseHttpClient client) {
      this.client = client;
      return this;
    }

    public Builder database(String database) {
      this.database = database;
      return this;
    }

    public RollupReconciler build() {
      return new RollupReconciler(this);
    }
  }
}
