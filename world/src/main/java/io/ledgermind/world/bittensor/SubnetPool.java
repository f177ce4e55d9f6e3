package io.ledgermind.world.bittensor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A subnet's Balancer-style weighted pool of TAO and alpha (docs/domain.md): spot price of alpha in TAO
 * {@code p = (w_alpha · tao_reserve) / (w_tao · alpha_reserve)}, which is {@code tao_reserve / alpha_reserve} with
 * equal weights. Reserves are exact integers (rao and alpha's smallest unit).
 *
 * <p>Swaps use Balancer's out-given-in formula. With equal weights it reduces to the constant product and is
 * computed in integers; with unequal weights the exponent is fractional, so the reserve <em>ratio</em> goes
 * through a double power while the amounts stay integers, floored in the pool's favour.
 */
public final class SubnetPool {
  private static final int PPM = 1_000_000;
  private static final MathContext RATIO = MathContext.DECIMAL128;

  private final long taoWeightPpm;
  private final long alphaWeightPpm;
  private BigInteger taoReserve;
  private BigInteger alphaReserve;

  public SubnetPool(BigInteger taoReserve, BigInteger alphaReserve, int taoWeightPpm) {
    if (taoReserve.signum() <= 0 || alphaReserve.signum() <= 0) {
      throw new IllegalArgumentException("reserves must be positive");
    }
    this.taoReserve = taoReserve;
    this.alphaReserve = alphaReserve;
    this.taoWeightPpm = taoWeightPpm;
    this.alphaWeightPpm = PPM - taoWeightPpm;
  }

  public BigInteger taoReserve() {
    return taoReserve;
  }

  public BigInteger alphaReserve() {
    return alphaReserve;
  }

  /** Spot price of one alpha in TAO (a ratio, so a double). */
  public double price() {
    return new BigDecimal(taoReserve.multiply(BigInteger.valueOf(alphaWeightPpm)))
        .divide(new BigDecimal(alphaReserve.multiply(BigInteger.valueOf(taoWeightPpm))), MathContext.DECIMAL128)
        .doubleValue();
  }

  /** Alpha worth {@code tao} at the spot price, floored. */
  public BigInteger alphaAtSpot(BigInteger tao) {
    return tao.multiply(BigInteger.valueOf(taoWeightPpm)).multiply(alphaReserve)
        .divide(BigInteger.valueOf(alphaWeightPpm).multiply(taoReserve));
  }

  /** TAO worth {@code alpha} at the spot price, floored. */
  public BigInteger taoAtSpot(BigInteger alpha) {
    return alpha.multiply(BigInteger.valueOf(alphaWeightPpm)).multiply(taoReserve)
        .divide(BigInteger.valueOf(taoWeightPpm).multiply(alphaReserve));
  }

  /** Adds liquidity without a trade (emission injection). */
  public void inject(BigInteger tao, BigInteger alpha) {
    taoReserve = taoReserve.add(requireNonNegative(tao));
    alphaReserve = alphaReserve.add(requireNonNegative(alpha));
  }

  /** Sells {@code taoIn} to the pool; returns the alpha paid out. */
  public BigInteger buyAlpha(BigInteger taoIn) {
    BigInteger out = outGivenIn(taoReserve, taoWeightPpm, alphaReserve, alphaWeightPpm, requireNonNegative(taoIn));
    taoReserve = taoReserve.add(taoIn);
    alphaReserve = alphaReserve.subtract(out);
    return out;
  }

  /** Sells {@code alphaIn} to the pool; returns the TAO paid out. */
  public BigInteger sellAlpha(BigInteger alphaIn) {
    BigInteger out = outGivenIn(alphaReserve, alphaWeightPpm, taoReserve, taoWeightPpm, requireNonNegative(alphaIn));
    alphaReserve = alphaReserve.add(alphaIn);
    taoReserve = taoReserve.subtract(out);
    return out;
  }

  /** Balancer: out = B_out · (1 − (B_in / (B_in + in))^(w_in / w_out)), never the whole reserve. */
  static BigInteger outGivenIn(BigInteger balanceIn, long weightIn, BigInteger balanceOut, long weightOut,
      BigInteger in) {
    if (in.signum() == 0) {
      return BigInteger.ZERO;
    }
    BigInteger out;
    if (weightIn == weightOut) {
      out = balanceOut.multiply(in).divide(balanceIn.add(in));
    } else {
      double ratio = new BigDecimal(balanceIn).divide(new BigDecimal(balanceIn.add(in)), RATIO).doubleValue();
      double kept = Math.pow(ratio, (double) weightIn / weightOut);
      out = new BigDecimal(balanceOut).multiply(BigDecimal.valueOf(1 - kept)).setScale(0, RoundingMode.FLOOR)
          .toBigInteger();
    }
    return out.min(balanceOut.subtract(BigInteger.ONE)).max(BigInteger.ZERO);
  }

  private static BigInteger requireNonNegative(BigInteger amount) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must be >= 0: " + amount);
    }
    return amount;
  }
}
