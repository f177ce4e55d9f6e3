package io.ledgermind.oracle.chain;

import java.math.BigInteger;

/**
 * How a feed is registered on the oracle: how old a window may be when it is published, and the range of answers
 * the contract publishes (an entry outside it is skipped, never published). Answers and bounds are in the feed's
 * scaled integer units (8 decimals: 1.0 = 100,000,000); the contract stores the bounds as int72.
 *
 * @param maxObservationAgeSeconds 1 .. 7 days
 * @param minAnswer lowest answer published
 * @param maxAnswer highest answer published, above {@code minAnswer}
 */
public record FeedSettings(long maxObservationAgeSeconds, BigInteger minAnswer, BigInteger maxAnswer) {
  /** The widest range the contract can store: no answer bound beyond what int72 allows. */
  public static final BigInteger INT72_MIN = BigInteger.ONE.shiftLeft(71).negate();
  public static final BigInteger INT72_MAX = BigInteger.ONE.shiftLeft(71).subtract(BigInteger.ONE);
  public static final long MAX_OBSERVATION_AGE_SECONDS = 7 * 24 * 3600L;

  public FeedSettings {
    if (maxObservationAgeSeconds <= 0 || maxObservationAgeSeconds > MAX_OBSERVATION_AGE_SECONDS) {
      throw new IllegalArgumentException("max observation age must be 1.." + MAX_OBSERVATION_AGE_SECONDS
          + " s, got " + maxObservationAgeSeconds);
    }
    if (minAnswer.compareTo(INT72_MIN) < 0 || maxAnswer.compareTo(INT72_MAX) > 0) {
      throw new IllegalArgumentException("answer bounds must lie within int72 [" + INT72_MIN + ", " + INT72_MAX + "]");
    }
    if (minAnswer.compareTo(maxAnswer) >= 0) {
      throw new IllegalArgumentException("min answer " + minAnswer + " must be below max answer " + maxAnswer);
    }
  }

  /** A feed with the contract's widest answer range. */
  public static FeedSettings unbounded(long maxObservationAgeSeconds) {
    return new FeedSettings(maxObservationAgeSeconds, INT72_MIN, INT72_MAX);
  }
}
