package io.ledgermind.clickhouse.migrate;

import java.util.List;

/**
 * Where a database stands against the known migrations ({@link MigrationRunner#status()}).
 *
 * @param database the target database
 * @param applied known migrations recorded as applied, in version order
 * @param pending known migrations not applied yet, in the order {@code migrate} would apply them
 * @param unknown versions recorded in the database that this build does not know (applied by a newer build)
 * @param edited versions recorded with a checksum other than their file's now: {@code migrate} refuses to run
 */
public record MigrationStatus(
    String database, List<AppliedMigration> applied, List<Migration> pending, List<AppliedMigration> unknown,
    List<Integer> edited) {
  public MigrationStatus {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
    unknown = List.copyOf(unknown);
    edited = List.copyOf(edited);
  }

  /** Nothing pending and no edited migration. */
  public boolean upToDate() {
    return pending.isEmpty() && edited.isEmpty();
  }
}
