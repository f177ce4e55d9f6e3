package io.ledgermind.models.sim;

/**
 * How the TAO block emission is split across subnets. Both rules have been live on subtensor, so both are
 * selectable (docs/domain.md); the default follows subtensor main since 2026-06-22.
 */
public enum EmissionRule {
  /** Shares proportional to each subnet's price EMA x (1 - MinerBurned), renormalised (since 2026-06-22). */
  PRICE_EMA,
  /** Shares proportional to the positive part of each subnet's net TAO flow EMA ("Taoflow", Nov 2025). */
  TAOFLOW
}
