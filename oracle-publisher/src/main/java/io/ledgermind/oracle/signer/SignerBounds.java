package io.ledgermind.oracle.signer;

import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a signer agrees to sign, enforced by the signer itself (a compromised transmitter or pipeline cannot make it
 * sign outside these bounds):
 *
 * <ul>
 *   <li>only allowed feeds;
 *   <li>per feed, windows ({@code observedAt}) never go back, and one window is only ever signed with one content
 *       (no equivocation);
 *   <li>per feed, the answer moves at most {@code maxDeviationBps} from the last answer this signer signed (or
 *       {@code deviationFloor} in absolute units, whichever is larger, for values near zero);
 *   <li>at most {@code maxSignaturesPerSecond} signatures per second (token bucket, burst of one second).
 * </ul>
 *
 * Not thread-safe: one signer loop owns it.
 */
public final class SignerBounds {
  private final Set<String> allowedFeeds;
  private final long maxDeviationBps;
  private final BigInteger deviationFloor;
  private final double maxSignaturesPerSecond;
  private final Map<String, FeedUpdateEntry> lastSigned = new HashMap<>();
  private double tokens;
  private long lastRefillNanos = System.nanoTime();

  public SignerBounds(Set<String> allowedFeeds, long maxDeviationBps, BigInteger deviationFloor,
      double maxSignaturesPerSecond) {
    if (allowedFeeds.isEmpty()) {
      throw new IllegalArgumentException("a signer needs at least one allowed feed");
    }
    this.allowedFeeds = Set.copyOf(allowedFeeds);
    this.maxDeviationBps = maxDeviationBps;
    this.deviationFloor = deviationFloor;
    this.maxSignaturesPerSecond = maxSignaturesPerSecond;
    this.tokens = Math.max(1, maxSignaturesPerSecond);
  }

  public Set<String> allowedFeeds() {
    return allowedFeeds;
  }

  /** Seeds the last signed value of a feed (e.g. from the chain at start-up). */
  public void seed(FeedUpdateEntry published) {
    lastSigned.merge(published.feedName(), published,
        (a, b) -> a.observedAtSeconds() >= b.observedAtSeconds() ? a : b);
  }

  /** Why the batch may not be signed, or empty when it may (content checks only; no rate token taken). */
  public Optional<String> check(List<FeedUpdateEntry> entries) {
    for (FeedUpdateEntry e : entries) {
      if (!allowedFeeds.contains(e.feedName())) {
        return Optional.of("feed not allowed: " + e.feedName());
      }
      FeedUpdateEntry last = lastSigned.get(e.feedName());
      if (last == null) {
        continue;
      }
      if (e.observedAtSeconds() < last.observedAtSeconds()) {
        return Optional.of(e.feedName() + " window " + e.observedAtSeconds() + " is before the last signed window "
            + last.observedAtSeconds());
      }
      if (e.observedAtSeconds() == last.observedAtSeconds()) {
        if (!e.sameContent(last)) {
          return Optional.of(e.feedName() + " window " + e.observedAtSeconds() + " was already signed with other content");
        }
        continue;
      }
      BigInteger change = e.answer().subtract(last.answer()).abs();
      BigInteger allowed = new BigDecimal(last.answer().abs()).multiply(BigDecimal.valueOf(maxDeviationBps))
          .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.DOWN).toBigInteger().max(deviationFloor);
      if (change.compareTo(allowed) > 0) {
        return Optional.of(e.feedName() + " moves " + change + " from " + last.answer() + " (bound " + allowed + ")");
      }
    }
    return Optional.empty();
  }

  /** Takes a rate token; false when the signer is over its rate. */
  public boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(Math.max(1, maxSignaturesPerSecond),
        tokens + (now - lastRefillNanos) / 1e9 * maxSignaturesPerSecond);
    lastRefillNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Records a signed batch: its entries become the reference for the next checks. */
  public void signed(List<FeedUpdateEntry> entries) {
    entries.forEach(this::seed);
  }
}
