package io.ledgermind.clickhouse.migrate;

import java.time.Instant;

/**
 * A row of {@code <database>.schema_migrations}: a migration that was applied.
 *
 * @param version migration version
 * @param description description part of its file name at the time
 * @param checksum SHA-256 of its script at the time (see {@link Migration#checksum()})
 * @param appliedAt when it was recorded, to the second
 */
public record AppliedMigration(int version, String description, String checksum, Instant appliedAt) {
  /** {@code V0001 raw_events}. */
  public String label() {
    return String.format("V%04d %s", version, description);
  }
}
