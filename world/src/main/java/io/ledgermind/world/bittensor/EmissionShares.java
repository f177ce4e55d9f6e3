package io.ledgermind.world.bittensor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The two per-subnet share rules (see {@link EmissionRule}) and an exact split of an integer emission by weights.
 *
 * <p>Weights are doubles (prices, flows). The split is exact anyway: each double is an exact binary fraction, so
 * {@link #apportion} computes quotas with exact decimal arithmetic, floors them, and hands the few leftover rao to
 * the largest remainders (ties to the lower index). The parts always sum to the total, rao for rao.
 */
public final class EmissionShares {
  private EmissionShares() {}

  /**
   * PRICE_EMA weights: {@code movingPrice[i] × (1 − minerBurned[i])}; when they sum to zero, the plain moving
   * prices (as subtensor falls back to unweighted price shares); when those are zero too, equal weights.
   */
  public static double[] priceEma(double[] movingPrices, double[] minerBurned) {
    double[] weights = new double[movingPrices.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.max(0, movingPrices[i]) * (1 - Math.min(1, Math.max(0, minerBurned[i])));
    }
    if (sum(weights) > 0) {
      return weights;
    }
    double[] prices = Arrays.stream(movingPrices).map(p -> Math.max(0, p)).toArray();
    return sum(prices) > 0 ? prices : equal(movingPrices.length);
  }

  /**
   * TAOFLOW weights: {@code max(ema[i] − L, 0)^p} with {@code L = max(cutoff, min(0, min ema))}; equal weights when
   * every offset flow is zero.
   */
  public static double[] taoflow(double[] flowEmas, double cutoff, double exponent) {
    double lowest = 0;
    for (double ema : flowEmas) {
      lowest = Math.min(lowest, ema);
    }
    double limit = Math.max(cutoff, lowest);
    double[] weights = new double[flowEmas.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.pow(Math.max(flowEmas[i] - limit, 0), exponent);
    }
    return sum(weights) > 0 ? weights : equal(flowEmas.length);
  }

  /** {@code weights} normalised to sum to 1. */
  public static double[] normalise(double[] weights) {
    double total = sum(weights);
    return Arrays.stream(weights).map(w -> w / total).toArray();
  }

  /**
   * Splits {@code total} in proportion to {@code weights} (non-negative, not all zero) with parts that sum to
   * {@code total} exactly.
   */
  public static BigInteger[] apportion(BigInteger total, double[] weights) {
    BigDecimal[] exact = new BigDecimal[weights.length];
    BigDecimal weightSum = BigDecimal.ZERO;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " must be finite and >= 0: " + weights[i]);
      }
      exact[i] = new BigDecimal(weights[i]);
      weightSum = weightSum.add(exact[i]);
    }
    if (weightSum.signum() == 0) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    BigDecimal totalExact = new BigDecimal(total);
    BigInteger[] parts = new BigInteger[weights.length];
    BigDecimal[] remainders = new BigDecimal[weights.length];
    BigInteger assigned = BigInteger.ZERO;
    for (int i = 0; i < weights.length; i++) {
      BigDecimal scaled = totalExact.multiply(exact[i]);
      parts[i] = scaled.divide(weightSum, 0, RoundingMode.FLOOR).toBigIntegerExact();
      remainders[i] = scaled.subtract(new BigDecimal(parts[i]).multiply(weightSum));
      assigned = assigned.add(parts[i]);
    }
    int leftover = total.subtract(assigned).intValueExact();
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byRemainder = remainders[b].compareTo(remainders[a]);
      return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
    });
    for (int k = 0; k < leftover; k++) {
      parts[order[k]] = parts[order[k]].add(BigInteger.ONE);
    }
    return parts;
  }

  private static double[] equal(int n) {
    double[] weights = new double[n];
    Arrays.fill(weights, 1.0);
    return weights;
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }
}
