package io.ledgermind.world;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Random token amounts drawn with integer arithmetic only: a simulated amount never passes through a double, so
 * what a simulator records is exactly what it booked.
 */
public final class Amounts {
  private Amounts() {}

  /**
   * A log-uniform-ish amount: a decade d in [minDecade, maxDecade] uniformly, then a whole number of tokens in
   * [10^d, 10^(d+1)) and two decimal places, scaled to {@code decimals} smallest units.
   *
   * <pre>{@code
   * BigInteger usdc = Amounts.logUniform(random, 1, 5, 6); // 10.00 .. 999,999.99 USDC in micro-units
   * }</pre>
   */
  public static BigInteger logUniform(SplittableRandom random, int minDecade, int maxDecade, int decimals) {
    if (minDecade < 0 || maxDecade < minDecade || maxDecade > 15 || decimals < 2) {
      throw new IllegalArgumentException("decades " + minDecade + ".." + maxDecade + ", decimals " + decimals);
    }
    int decade = minDecade + random.nextInt(maxDecade - minDecade + 1);
    long low = pow10(decade);
    long whole = random.nextLong(low, low * 10);
    long cents = random.nextLong(100);
    return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(decimals))
        .add(BigInteger.valueOf(cents).multiply(BigInteger.TEN.pow(decimals - 2)));
  }

  /**
   * Whole tokens between {@code minTokens} and {@code maxTokens}, log-uniformly (so $10M and $100M are as likely as
   * $100M and $1B), in {@code decimals} smallest units. The draw picks a whole-token count through a double; the
   * amount itself is an exact integer from then on. {@code min == max} gives exactly that amount (round tranches).
   */
  public static BigInteger logUniformTokens(SplittableRandom random, long minTokens, long maxTokens, int decimals) {
    if (minTokens <= 0 || maxTokens < minTokens) {
      throw new IllegalArgumentException("tokens " + minTokens + ".." + maxTokens);
    }
    long whole = minTokens;
    if (maxTokens > minTokens) {
      double exponent = random.nextDouble(Math.log(minTokens), Math.log(maxTokens));
      whole = Math.max(minTokens, Math.min(maxTokens, (long) Math.exp(exponent)));
    }
    return tokens(whole, decimals);
  }

  /** Uniform in [low, high) for non-negative values that fit a long. */
  public static BigInteger uniform(SplittableRandom random, long low, long high) {
    return BigInteger.valueOf(random.nextLong(low, high));
  }

  /** {@code tokens} whole tokens in smallest units. */
  public static BigInteger tokens(long tokens, int decimals) {
    return BigInteger.valueOf(tokens).multiply(BigInteger.TEN.pow(decimals));
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }
}
