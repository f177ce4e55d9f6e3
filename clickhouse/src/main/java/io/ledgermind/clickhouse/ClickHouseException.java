package io.ledgermind.clickhouse;

/**
 * A ClickHouse request failed. {@link #isRetriable()} separates transient failures (connection refused, timeouts,
 * 5xx) from permanent ones (bad SQL, unknown table, type mismatch: ClickHouse answers those with 4xx or a 500 whose
 * body names an error code, but a retry cannot fix them either way).
 */
public final class ClickHouseException extends RuntimeException {
  private final int statusCode;
  private final int errorCode;
  private final boolean retriable;

  public ClickHouseException(String message, int statusCode, boolean retriable, Throwable cause) {
    this(message, statusCode, -1, retriable, cause);
  }

  /**
   * @param statusCode HTTP status, -1 when no response arrived
   * @param errorCode ClickHouse's own error code ({@code Code: 60} = unknown table, ...), -1 when unknown
   */
  public ClickHouseException(String message, int statusCode, int errorCode, boolean retriable, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.retriable = retriable;
  }

  /** HTTP status, or -1 when no response arrived. */
  public int statusCode() {
    return statusCode;
  }

  /** ClickHouse's error code from the server's answer ({@code Code: N}), or -1 when there was none. */
  public int errorCode() {
    return errorCode;
  }

  public boolean isRetriable() {
    return retriable;
  }
}
