package io.ledgermind.world.bittensor;

import java.math.BigInteger;

/**
 * Bittensor's issuance-based halving, computed exactly in rao (1 TAO = 10^9 rao):
 * {@code emission = base / 2^floor(log2(1 / (1 − issuance / totalSupply)))}.
 *
 * <p>Why integers: {@code floor(log2(x)) = floor(log2(floor(x)))} for x ≥ 1, so the exponent is the bit length of
 * {@code floor(S / (S − I))} minus one, with no logarithm and no rounding near a threshold. With S = 21M TAO the
 * first halving happens when issuance reaches exactly 10.5M TAO (1 TAO → 0.5 TAO per block, 7,200 → 3,600 TAO per
 * day), the second at 15.75M. subtensor computes the same in I96F32 fixed point
 * ({@code get_block_emission_for_issuance}); the same curve drives each subnet's alpha emission from its alpha
 * issuance.
 */
public final class TaoEmission {
  /** 1 TAO in rao. */
  public static final BigInteger RAO_PER_TAO = BigInteger.valueOf(1_000_000_000L);
  /** 21M TAO, in rao. */
  public static final BigInteger TOTAL_SUPPLY_RAO = BigInteger.valueOf(21_000_000L).multiply(RAO_PER_TAO);

  private TaoEmission() {}

  /**
   * Emission of one block at {@code issuance} (all in rao); zero once issuance reaches the total supply.
   *
   * <pre>{@code
   * TaoEmission.perBlock(tao(10_499_999), TOTAL_SUPPLY_RAO, RAO_PER_TAO); // 1_000_000_000 rao
   * TaoEmission.perBlock(tao(10_500_000), TOTAL_SUPPLY_RAO, RAO_PER_TAO); //   500_000_000 rao
   * }</pre>
   */
  public static BigInteger perBlock(BigInteger issuance, BigInteger totalSupply, BigInteger baseEmission) {
    if (issuance.signum() < 0) {
      throw new IllegalArgumentException("issuance must be >= 0: " + issuance);
    }
    if (issuance.compareTo(totalSupply) >= 0) {
      return BigInteger.ZERO;
    }
    return baseEmission.shiftRight(halvings(issuance, totalSupply));
  }

  /** floor(log2(S / (S − I))): how many halvings have happened at issuance I. */
  public static int halvings(BigInteger issuance, BigInteger totalSupply) {
    BigInteger ratio = totalSupply.divide(totalSupply.subtract(issuance));
    return ratio.bitLength() - 1;
  }

  /** {@code tao} whole TAO in rao. */
  public static BigInteger tao(long tao) {
    return BigInteger.valueOf(tao).multiply(RAO_PER_TAO);
  }
}
