package io.ledgermind.ingest.source;

/**
 * The upstream endpoint did not deliver: retries exhausted on 429/5xx/timeouts, or a permanent refusal (other 4xx).
 * Distinct from {@link MalformedPayloadException}: here there is no payload to dead-letter, the caller should back
 * off and try the same height later (nothing was consumed, so nothing is lost).
 */
public final class SourceUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final int status;
  private final int attempts;
  private final boolean retriable;

  /**
   * @param status    last HTTP status, or -1 when the request failed below HTTP (timeout, connection refused)
   * @param retriable true when a later retry may succeed (rate limit, outage), false for a permanent refusal
   */
  public SourceUnavailableException(String endpoint, int status, int attempts, boolean retriable, String message,
      Throwable cause) {
    super(endpoint + ": " + message + " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
        + (status > 0 ? ", last status " + status : "") + ")", cause);
    this.endpoint = endpoint;
    this.status = status;
    this.attempts = attempts;
    this.retriable = retriable;
  }

  public String endpoint() {
    return endpoint;
  }

  public int status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public boolean retriable() {
    return retriable;
  }
}
