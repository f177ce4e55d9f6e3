package io.ledgermind.schemas;

/**
 * Bytes that are not a record of the expected schema: wrong or missing single-object header, unknown schema
 * fingerprint, truncated or corrupt body. Checked on purpose: a consumer must decide what happens to the input
 * (normally a dead letter carrying {@link #getMessage()} as the reason) instead of letting it kill the job.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
