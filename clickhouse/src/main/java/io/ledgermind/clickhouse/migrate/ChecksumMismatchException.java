package io.ledgermind.clickhouse.migrate;

/**
 * A migration recorded as applied has a different checksum from its file now: someone edited a released migration.
 * The database was built from the old text, so applying anything on top could diverge silently; the runner refuses
 * until the file is restored (and the change moved to a new migration).
 */
public final class ChecksumMismatchException extends MigrationException {
  private final String recordedChecksum;
  private final String fileChecksum;

  public ChecksumMismatchException(Migration migration, String database, String recordedChecksum) {
    super(migration.version(),
        "migration " + migration.label() + " (" + migration.fileName() + ") was applied to database " + database
            + " with checksum " + recordedChecksum + " but the file now has " + migration.checksum()
            + ": a released migration was edited. Restore the file and put the change in a new migration.",
        null);
    this.recordedChecksum = recordedChecksum;
    this.fileChecksum = migration.checksum();
  }

  public String recordedChecksum() {
    return recordedChecksum;
  }

  public String fileChecksum() {
    return fileChecksum;
  }
}
