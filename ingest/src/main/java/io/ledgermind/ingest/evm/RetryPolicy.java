package io.ledgermind.ingest.evm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with full jitter for transient RPC failures (HTTP 429 and 5xx, timeouts, connection
 * resets, truncated responses), plus a requests-per-second cap so a backfill does not earn the 429s in the first
 * place.
 *
 * @param maxAttempts attempts per call, the first included
 * @param baseDelay delay before the first retry; doubles each attempt
 * @param maxDelay cap of one delay
 * @param requestsPerSecond rate limit of calls (0 = unlimited)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double requestsPerSecond) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(5), 50);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
  }

  /** Delay before retry number {@code attempt} (1 = first retry): random in [0, min(max, base * 2^(attempt-1))]. */
  Duration delay(int attempt) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
  }
}
