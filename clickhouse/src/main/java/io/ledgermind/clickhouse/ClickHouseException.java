package io.ledgermind.clickhouse;

/**
 * A ClickHouse request failed. {@link #isRetriable()} separates transient failures (connection refused, timeouts,
 * 5xx) from permanent ones (bad SQL, unknown table, type mismatch: ClickHouse answers those with 4xx or a 500 whose
 * body names an error code, but a retry cannot fix them either way).
 */
public final class ClickHouseException extends RuntimeException {
  private final int statusCode;
  private final boolean retriable;

  public ClickHouseException(String message, int statusCode, boolean retriable, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.retriable = retriable;
  }

  /** HTTP status, or -1 when no response arrived. */
  public int statusCode() {
    return statusCode;
  }

  public boolean isRetriable() {
    return retriable;
  }
}
