package io.ledgermind.ingest.source;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff for transient endpoint failures (429, 5xx, timeouts, connection resets): attempt n
 * waits {@code initial × multiplier^(n−1)}, capped at {@code max}, with up to 20 % jitter so parallel readers do
 * not retry in lockstep. A {@code Retry-After} header (seconds) wins when present, still capped at {@code max}.
 *
 * @param maxAttempts   attempts in total, including the first (>= 1)
 * @param initial       wait before the second attempt
 * @param max           longest single wait
 * @param multiplier    growth per attempt (>= 1)
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max, double multiplier) {
  public RetryPolicy {
    if (maxAttempts < 1 || initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1) {
      throw new IllegalArgumentException("retry policy: maxAttempts >= 1, 0 <= initial <= max, multiplier >= 1");
    }
  }

  /** 6 attempts, 250 ms doubling to at most 15 s: rides out a public RPC's per-minute rate limit window. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(15), 2.0);
  }

  /** Wait before attempt {@code attempt + 1} (attempt counts from 1). */
  public Duration backoff(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
    double base = initial.toMillis() * Math.pow(multiplier, attempt - 1);
    double jittered = base * (1 + 0.2 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis((long) Math.min(jittered, max.toMillis()));
  }
}
