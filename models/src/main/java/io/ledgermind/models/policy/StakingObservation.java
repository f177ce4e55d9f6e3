package io.ledgermind.models.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The policy's input vector, built in one place for training ({@link StakingEnv}) and serving (the job's
 * {@code StakingPolicy}). Five features per subnet, subnet-major:
 * <ol>
 *   <li>{@code share_rel}: emission share against an equal split of the network, {@code share × networkSubnets − 1};
 *   <li>{@code momentum}: {@code 10 × ln(price / price EMA)};
 *   <li>{@code yield_rel}: {@code ln(y_i / mean y)}, {@code y} = alpha emitted per alpha held outside the pool;
 *   <li>{@code size_to_depth}: {@code ln(portfolio TAO / TAO reserve_i)};
 *   <li>{@code weight}: the portfolio's weight in the subnet.
 * </ol>
 */
public final class StakingObservation {
  public static final int FEATURES_PER_SUBNET = 5;
  private static final List<String> FEATURES = List.of("share_rel", "momentum", "yield_rel", "size_to_depth",
      "weight");

  private StakingObservation() {}

  public static float[] of(List<SubnetTempo> subnets, double portfolioTao, double[] weights, int networkSubnets) {
    int n = subnets.size();
    if (weights.length != n) {
      throw new IllegalArgumentException(n + " subnets but " + weights.length + " weights");
    }
    double meanYield = 0;
    for (SubnetTempo s : subnets) {
      meanYield += s.yield() / n;
    }
    float[] obs = new float[n * FEATURES_PER_SUBNET];
    for (int i = 0; i < n; i++) {
      SubnetTempo s = subnets.get(i);
      int o = i * FEATURES_PER_SUBNET;
      obs[o] = (float) (s.emissionShare() * networkSubnets - 1);
      obs[o + 1] = (float) (10 * s.logPriceToEma());
      obs[o + 2] = (float) (meanYield > 0 && s.yield() > 0 ? Math.log(s.yield() / meanYield) : 0.0);
      obs[o + 3] = (float) (s.taoReserve() > 0 && portfolioTao > 0 ? Math.log(portfolioTao / s.taoReserve()) : 0.0);
      obs[o + 4] = (float) weights[i];
    }
    return obs;
  }

  /** Observation names in vector order (written into the policy manifest). */
  public static List<String> names(int subnets) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < subnets; i++) {
      for (String f : FEATURES) {
        names.add("subnet" + i + "." + f);
      }
    }
    return names;
  }
}
