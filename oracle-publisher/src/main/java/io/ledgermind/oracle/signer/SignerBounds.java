package io.ledgermind.oracle.signer;

import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a signer agrees to sign, enforced by the signer itself: a compromised transmitter, a compromised Kafka
 * producer or a buggy pipeline cannot make it sign outside these bounds.
 *
 * <ul>
 *   <li>only allowed feeds, and only once the feed's state has been read from the chain ({@link #seed}): a signer
 *       that cannot reach the chain signs nothing;
 *   <li>a window ({@code observedAt}) neither from the future (more than {@code maxFutureDrift} ahead of this
 *       signer's clock) nor older than the feed's on-chain max observation age;
 *   <li>the answer within {@code maxDeviationBps} (or the absolute {@code deviationFloor}, for values near zero) of
 *       <em>every</em> on-chain answer published in the last {@code deviationWindow}, and of the latest one. The
 *       reference is the chain, not what this signer signed last, so a run of rounds cannot ratchet a value: within
 *       a window the feed moves at most one bound from where it was;
 *   <li>at most {@code maxRoundsPerHour} windows per feed per hour, and {@code maxSignaturesPerSecond} signatures
 *       per second overall (token bucket, burst of one second);
 *   <li>no equivocation: per feed, windows never go below the newest this signer signed, and a window is only
 *       ever signed with one content; both come from the {@link SignerJournal}, which survives restarts.
 * </ul>
 *
 * Not thread-safe: one signer loop owns it.
 */
public final class SignerBounds {
  /** One published round as the chain stores it. */
  public record Round(BigInteger answer, long observedAt, long updatedAt) {}

  /**
   * A feed's on-chain state as the signer last read it.
   *
   * @param maxObservationAge the feed's max observation age, seconds
   * @param recent the rounds published within the deviation window, oldest first, always with the latest round
   *     (empty: the feed has no round yet)
   */
  public record OnChain(long maxObservationAge, List<Round> recent) {
    public OnChain {
      recent = List.copyOf(recent);
    }
  }

  private final Set<String> allowedFeeds;
  private final long maxDeviationBps;
  private final BigInteger deviationFloor;
  private final Duration deviationWindow;
  private final int maxRoundsPerHour;
  private final double maxSignaturesPerSecond;
  private final Duration maxFutureDrift;
  private final Map<String, OnChain> chain = new HashMap<>();
  private double tokens;
  private long lastRefillNanos = System.nanoTime();

  private SignerBounds(Builder b) {
    if (b.allowedFeeds.isEmpty()) {
      throw new IllegalArgumentException("a signer needs at least one allowed feed");
    }
    if (b.maxDeviationBps <= 0 || b.maxRoundsPerHour <= 0 || b.maxSignaturesPerSecond <= 0
        || b.deviationFloor.signum() < 0 || b.maxFutureDrift.isNegative() || b.deviationWindow.isNegative()) {
      throw new IllegalArgumentException("signer bounds must be positive");
    }
    this.allowedFeeds = Set.copyOf(b.allowedFeeds);
    this.maxDeviationBps = b.maxDeviationBps;
    this.deviationFloor = b.deviationFloor;
    this.deviationWindow = b.deviationWindow;
    this.maxRoundsPerHour = b.maxRoundsPerHour;
    this.maxSignaturesPerSecond = b.maxSignaturesPerSecond;
    this.maxFutureDrift = b.maxFutureDrift;
    this.tokens = Math.max(1, maxSignaturesPerSecond);
  }

  public static Builder builder(Set<String> allowedFeeds) {
    return new Builder(allowedFeeds);
  }

  public Set<String> allowedFeeds() {
    return allowedFeeds;
  }

  public Duration deviationWindow() {
    return deviationWindow;
  }

  /** Replaces what the signer knows about a feed's on-chain state. */
  public void seed(String feed, OnChain state) {
    chain.put(feed, state);
  }

  public boolean seeded(String feed) {
    return chain.containsKey(feed);
  }

  /**
   * Why the batch may not be signed, or empty when it may (content checks only; no rate token taken). A reason
   * prefixed {@code wait:} may pass later (the feed is not seeded yet).
   *
   * @param journal what this signer signed before
   * @param nowSeconds this signer's clock, unix seconds
   */
  public Optional<String> check(List<FeedUpdateEntry> entries, SignerJournal journal, long nowSeconds) {
    for (FeedUpdateEntry e : entries) {
      Optional<String> refused = check(e, journal, nowSeconds);
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }

  private Optional<String> check(FeedUpdateEntry e, SignerJournal journal, long nowSeconds) {
    String feed = e.feedName();
    if (!allowedFeeds.contains(feed)) {
      return Optional.of("feed not allowed: " + feed);
    }
    OnChain state = chain.get(feed);
    if (state == null) {
      return Optional.of("wait: " + feed + " is not seeded from the chain yet");
    }
    Optional<SignerJournal.Signed> same = journal.signed(feed, e.observedAtSeconds());
    if (same.isPresent()) {
      return same.get().contentHash().equals(SignerJournal.contentHash(e)) ? Optional.empty()
          : Optional.of(feed + " window " + e.observedAtSeconds() + " was already signed with other content");
    }
    Optional<SignerJournal.Signed> latest = journal.latest(feed);
    if (latest.isPresent() && e.observedAtSeconds() < latest.get().observedAt()) {
      return Optional.of(feed + " window " + e.observedAtSeconds() + " is before the last signed window "
          + latest.get().observedAt());
    }
    if (e.observedAtSeconds() > nowSeconds + maxFutureDrift.toSeconds()) {
      return Optional.of(feed + " window " + e.observedAtSeconds() + " lies more than " + maxFutureDrift.toSeconds()
          + " s ahead of this signer's clock (" + nowSeconds + ")");
    }
    if (e.observedAtSeconds() + state.maxObservationAge() < nowSeconds) {
      return Optional.of(feed + " window " + e.observedAtSeconds() + " is older than the feed's max observation age of "
          + state.maxObservationAge() + " s");
    }
    int recentRounds = journal.signedSince(feed, (nowSeconds - 3_600) * 1_000);
    if (recentRounds >= maxRoundsPerHour) {
      return Optional.of(feed + ": " + recentRounds + " windows signed in the last hour (max " + maxRoundsPerHour + ")");
    }
    for (Round ref : state.recent()) {
      BigInteger allowed = ref.answer().abs().multiply(BigInteger.valueOf(maxDeviationBps))
          .divide(BigInteger.valueOf(10_000)).max(deviationFloor);
      BigInteger change = e.answer().subtract(ref.answer()).abs();
      if (change.compareTo(allowed) > 0) {
        return Optional.of(feed + " moves " + change + " from the on-chain answer " + ref.answer() + " of window "
            + ref.observedAt() + " (bound " + allowed + ")");
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

  /** Settings of a signer's bounds; defaults as the {@code oracle signer} command documents them. */
  public static final class Builder {
    private final Set<String> allowedFeeds;
    private long maxDeviationBps = 5_000;
    private BigInteger deviationFloor = BigInteger.valueOf(100_000_000L);
    private Duration deviationWindow = Duration.ofHours(1);
    private int maxRoundsPerHour = 60;
    private double maxSignaturesPerSecond = 20;
    private Duration maxFutureDrift = Duration.ofSeconds(15);

    private Builder(Set<String> allowedFeeds) {
      this.allowedFeeds = allowedFeeds;
    }

    public Builder maxDeviationBps(long bps) {
      this.maxDeviationBps = bps;
      return this;
    }

    public Builder deviationFloor(BigInteger floor) {
      this.deviationFloor = floor;
      return this;
    }

    public Builder deviationWindow(Duration window) {
      this.deviationWindow = window;
      return this;
    }

    public Builder maxRoundsPerHour(int rounds) {
      this.maxRoundsPerHour = rounds;
      return this;
    }

    public Builder maxSignaturesPerSecond(double rate) {
      this.maxSignaturesPerSecond = rate;
      return this;
    }

    public Builder maxFutureDrift(Duration drift) {
      this.maxFutureDrift = drift;
      return this;
    }

    public SignerBounds build() {
      return new SignerBounds(this);
    }
  }
}
