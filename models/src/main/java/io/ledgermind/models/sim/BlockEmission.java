package io.ledgermind.models.sim;

/**
 * TAO block emission under Bittensor's issuance-triggered halvings (docs/domain.md):
 * {@code emission = 1 / 2^floor(log2(1 / (1 - issuance / 21M)))} TAO per 12 s block. The first halving comes at
 * 10.5M TAO issued (Dec 2025), when emission drops from 1 to 0.5 TAO per block.
 */
public final class BlockEmission {
  public static final double MAX_SUPPLY_TAO = 21_000_000d;
  public static final int BLOCKS_PER_TEMPO = 360;
  public static final int BLOCKS_PER_DAY = 7_200;

  private BlockEmission() {}

  /** TAO emitted per block at the given cumulative issuance (TAO). */
  public static double taoPerBlock(double issuanceTao) {
    if (issuanceTao >= MAX_SUPPLY_TAO) {
      return 0;
    }
    double ratio = 1d / (1d - issuanceTao / MAX_SUPPLY_TAO);
    // floor(log2(x)) computed exactly on doubles >= 1 via the exponent, so 10.5M gives exactly 1, not 0.9999.
    int halvings = Math.getExponent(ratio);
    return 1d / (1L << halvings);
  }
}
