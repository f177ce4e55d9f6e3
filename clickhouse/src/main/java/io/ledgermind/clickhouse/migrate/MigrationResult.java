package io.ledgermind.clickhouse.migrate;

import java.util.List;

/**
 * What {@link MigrationRunner#migrate()} did.
 *
 * @param database the target database
 * @param applied migrations applied by this run, in order
 * @param alreadyApplied known migrations that were recorded before this run, in order
 */
public record MigrationResult(String database, List<Migration> applied, List<AppliedMigration> alreadyApplied) {
  public MigrationResult {
    applied = List.copyOf(applied);
    alreadyApplied = List.copyOf(alreadyApplied);
  }

  /** Versions applied by this run. */
  public List<Integer> appliedVersions() {
    return applied.stream().map(Migration::version).toList();
  }

  /** Versions that were already recorded. */
  public List<Integer> alreadyAppliedVersions() {
    return alreadyApplied.stream().map(AppliedMigration::version).toList();
  }
}
