package io.ledgermind.models.policy;

/**
 * Hand-written strategies the learned policy is measured against. Each sees only the observation, as the policy
 * does.
 */
public final class Baselines {
  private Baselines() {}

  /** A strategy: observation in, action out. */
  @FunctionalInterface
  public interface Strategy {
    int act(float[] observation);
  }

  /** Keeps the starting equal-weight portfolio: never trades. */
  public static Strategy equalWeight() {
    return obs -> 0;
  }

  /**
   * Chases the highest staker yield right now: shifts into the subnet with the largest {@code yield_rel} unless it
   * already holds 90 % of the portfolio there.
   */
  public static Strategy greedyYield() {
    return obs -> {
      int n = obs.length / StakingEnv.FEATURES_PER_SUBNET;
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (obs[i * StakingEnv.FEATURES_PER_SUBNET + 2] > obs[best * StakingEnv.FEATURES_PER_SUBNET + 2]) {
          best = i;
        }
      }
      return obs[best * StakingEnv.FEATURES_PER_SUBNET + 4] >= 0.9f ? 0 : best + 1;
    };
  }

  /**
   * Follows the price-EMA gap: shifts into the subnet whose price stands furthest above its moving average (the
   * largest {@code momentum}), unless it already holds 90 % of the portfolio. Under the PRICE_EMA emission rule a
   * price above its EMA pulls the EMA, and so the subnet's future emission share, up.
   */
  public static Strategy followPriceEmaGap() {
    return obs -> {
      int n = obs.length / StakingEnv.FEATURES_PER_SUBNET;
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (obs[i * StakingEnv.FEATURES_PER_SUBNET + 1] > obs[best * StakingEnv.FEATURES_PER_SUBNET + 1]) {
          best = i;
        }
      }
      return obs[best * StakingEnv.FEATURES_PER_SUBNET + 4] >= 0.9f ? 0 : best + 1;
    };
  }
}
