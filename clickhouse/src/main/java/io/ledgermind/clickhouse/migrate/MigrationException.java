package io.ledgermind.clickhouse.migrate;

/**
 * A migration could not be applied, or must not be: the message and {@link #version()} name the migration. Permanent:
 * retrying the same run cannot help (a failed statement is a bad statement or a server that refuses it; every
 * statement is idempotent, so after a fix the next run simply applies the migration again).
 */
public class MigrationException extends RuntimeException {
  private final int version;

  /** {@code version} is 0 when the problem concerns no single migration (e.g. a broken index). */
  public MigrationException(int version, String message, Throwable cause) {
    super(message, cause);
    this.version = version;
  }

  /** Version of the migration concerned, or 0. */
  public int version() {
    return version;
  }
}
