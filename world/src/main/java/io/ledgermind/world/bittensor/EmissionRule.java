package io.ledgermind.world.bittensor;

/**
 * How the block emission is split across subnets. Both rules have been in force on subtensor main, so both are
 * selectable (docs/domain.md); the name is written into every {@code SubnetSnapshot.emissionRule}.
 */
public enum EmissionRule {
  /**
   * Shares proportional to each subnet's moving (EMA) price × (1 − MinerBurned), renormalised; falls back to plain
   * price shares when every weight is zero. In force on subtensor main since 2026-06-22 (the default).
   */
  PRICE_EMA,
  /**
   * Taoflow (Nov 2025): shares from each subnet's EMA of net TAO flow (stake in − stake out), offset by the lower
   * limit L = max(cutoff, min(0, min EMA)) and normalised with exponent p.
   */
  TAOFLOW
}
