package io.ledgermind.schemas.serde;

/**
 * Bytes that are not a valid record of a known schema. Checked on purpose: a consumer must decide what happens to the
 * input (normally a {@code DeadLetter} carrying {@link #reason()} and {@link #getMessage()}) instead of letting it
 * kill the job.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why decoding failed; the name goes into {@code DeadLetter.errorType}. */
  public enum Reason {
    /** Shorter than a header, or not starting with the single-object marker {@code C3 01}. */
    BAD_HEADER,
    /** The header's schema fingerprint is not one of ours (current or published history). */
    UNKNOWN_FINGERPRINT,
    /** The body ends before the record does. */
    TRUNCATED,
    /** The body does not parse as the writer schema, or has bytes left over after the record. */
    CORRUPT,
    /** Parsed, but an exact amount is not a valid uint256/int256/decimal. */
    OUT_OF_RANGE,
    /** A valid record, of another type than the caller expected. */
    WRONG_TYPE
  }

  private final Reason reason;

  public DecodeException(Reason reason, String message) {
    this(reason, message, null);
  }

  public DecodeException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
