package io.ledgermind.clickhouse.migrate;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.ClickHouseHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered ClickHouse migrations (V0001__raw_events.sql, ...) to one database, once each.
 *
 * <p>What a run does: creates the database when missing; creates {@code <database>.schema_migrations} (version,
 * name, checksum, applied_at); refuses with a {@link ChecksumMismatchException} when a recorded migration's file has
 * changed since; then applies every migration not recorded yet, in version order, statement by statement, and
 * records it after its last statement succeeded. A second run applies nothing.
 *
 * <p>Script format (see {@link SqlScript}): statements end with {@code ;}; {@code --} and block comments are
 * stripped; every table is written {@code ${database}.name} and the runner substitutes the database. Every statement
 * must be idempotent ({@code CREATE ... IF NOT EXISTS}): ClickHouse has no transactional DDL, so a migration that
 * failed half-way is simply applied again from its first statement by the next run. One exception, because 18.16
 * has no {@code ADD COLUMN IF NOT EXISTS}: an {@code ALTER TABLE ... ADD COLUMN} that fails with "column with this
 * name already exists" (code 44) counts as applied.
 *
 * <p>Not safe to run concurrently against one database (ClickHouse has no locks); the idempotent statements keep a
 * race harmless, and a version recorded twice is read once.
 *
 * <pre>{@code
 * ClickHouseHttpClient client = ClickHouseHttpClient.builder().url("http://127.0.0.1:18123").build();
 * MigrationRunner runner = MigrationRunner.builder().client(client).database("ledgermind").build();
 * MigrationResult result = runner.migrate();   // applies the project's migrations from the classpath
 * result.appliedVersions();                    // [1, 2, 3, 4] the first time, [] afterwards
 * runner.status().pending();                   // []
 * }</pre>
 */
public final class MigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final ClickHouseHttpClient client;
  private final String database;
  private final List<Migration> migrations;
  private final SchemaMigrationsTable table;

  private MigrationRunner(Builder builder) {
    this.client = builder.client;
    this.database = builder.database;
    this.migrations = builder.migrations;
    this.table = new SchemaMigrationsTable(client, database);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String database() {
    return database;
  }

  /**
   * Applies the pending migrations.
   *
   * @throws ChecksumMismatchException when an applied migration's file was edited (nothing is applied then)
   * @throws MigrationException when a statement fails, naming the migration and the statement
   */
  public MigrationResult migrate() {
    table.create();
    Map<Integer, AppliedMigration> recorded = table.read();
    verifyChecksums(recorded);
    List<Migration> applied = new ArrayList<>();
    List<AppliedMigration> alreadyApplied = new ArrayList<>();
    for (Migration migration : migrations) {
      AppliedMigration before = recorded.get(migration.version());
      if (before != null) {
        alreadyApplied.add(before);
        continue;
      }
      apply(migration);
      table.record(migration);
      applied.add(migration);
      LOG.info("applied ClickHouse migration {} to {}", migration.label(), database);
    }
    return new MigrationResult(database, applied, alreadyApplied);
  }

  /** Applied, pending, unknown and edited migrations; changes nothing (not even creating the database). */
  public MigrationStatus status() {
    Map<Integer, AppliedMigration> recorded = table.read();
    Set<Integer> known = migrations.stream().map(Migration::version).collect(Collectors.toSet());
    List<AppliedMigration> applied = new ArrayList<>();
    List<Migration> pending = new ArrayList<>();
    List<Integer> edited = new ArrayList<>();
    for (Migration migration : migrations) {
      AppliedMigration row = recorded.get(migration.version());
      if (row == null) {
        pending.add(migration);
      } else {
        applied.add(row);
        if (!row.checksum().equals(migration.checksum())) {
          edited.add(migration.version());
        }
      }
    }
    List<AppliedMigration> unknown =
        recorded.values().stream().filter(row -> !known.contains(row.version())).toList();
    return new MigrationStatus(database, applied, pending, unknown, edited);
  }

  private void verifyChecksums(Map<Integer, AppliedMigration> recorded) {
    for (Migration migration : migrations) {
      AppliedMigration row = recorded.get(migration.version());
      if (row != null && !row.checksum().equals(migration.checksum())) {
        throw new ChecksumMismatchException(migration, database, row.checksum());
      }
    }
  }

  private void apply(Migration migration) {
    List<String> statements = migration.statements(database);
    for (int i = 0; i < statements.size(); i++) {
      try {
        client.execute(statements.get(i));
      } catch (ClickHouseException e) {
        if (isRepeatedAddColumn(statements.get(i), e)) {
          LOG.info("migration {}: statement {} added a column that exists already (an earlier, interrupted run)",
              migration.label(), i + 1);
          continue;
        }
        throw new MigrationException(migration.version(), "migration " + migration.label() + " ("
            + migration.fileName() + ") failed at statement " + (i + 1) + " of " + statements.size()
            + " on database " + database + ": " + e.getMessage(), e);
      }
    }
  }

  private static final java.util.regex.Pattern ADD_COLUMN =
      java.util.regex.Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s+\\S+\\s+ADD\\s+COLUMN\\s.*");

  private static boolean isRepeatedAddColumn(String statement, ClickHouseException e) {
    return e.errorCode() == 44 && String.valueOf(e.getMessage()).contains("already exists")
        && ADD_COLUMN.matcher(statement).matches();
  }

  /** Builder for {@link MigrationRunner}; client and database are required. */
  public static final class Builder {
    private ClickHouseHttpClient client;
    private String database;
    private List<Migration> migrations;

    private Builder() {}

    public Builder client(ClickHouseHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Target database, {@code [A-Za-z_][A-Za-z0-9_]*}; created when missing. */
    public Builder database(String database) {
      this.database = database;
      return this;
    }

    /** The migrations to apply, in version order; default: {@link ClasspathMigrations#load()}. */
    public Builder migrations(List<Migration> migrations) {
      this.migrations = List.copyOf(migrations);
      return this;
    }

    public MigrationRunner build() {
      if (client == null) {
        throw new IllegalStateException("MigrationRunner needs a client");
      }
      if (database == null || !DATABASE_NAME.matcher(database).matches()) {
        throw new IllegalArgumentException(
            "database name must match [A-Za-z_][A-Za-z0-9_]*, got: " + database);
      }
      if (migrations == null) {
        migrations = ClasspathMigrations.load();
      }
      for (int i = 1; i < migrations.size(); i++) {
        if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
          throw new IllegalArgumentException("migrations must have unique, increasing versions: "
              + migrations.get(i - 1).fileName() + " then " + migrations.get(i).fileName());
        }
      }
      return new MigrationRunner(this);
    }
  }
}
