package io.ledgermind.models.policy;

import io.ledgermind.world.bittensor.SubnetState;
import java.util.Map;

/**
 * What the staking policy sees of one subnet in one tempo: the values of the intelligence job's subnet feature
 * window (flink-jobs {@code SubnetFeatures}, names as there). Training builds them from the world's snapshots with
 * the same arithmetic, so the policy is served what it learned from.
 *
 * @param emissionShare the subnet's share of the network's emission
 * @param logPriceToEma {@code ln(price / moving price)}
 * @param alphaEmission alpha emitted over the tempo (pool injection plus participants)
 * @param alphaStaked alpha held outside the pool (by stakers, miners, owner)
 * @param taoReserve TAO in the subnet's pool
 */
public record SubnetTempo(double emissionShare, double logPriceToEma, double alphaEmission, double alphaStaked,
    double taoReserve) {
  private static final double UNITS_PER_TOKEN = 1e9;

  /** From a feature window's values ({@code emission_share, log_price_to_ema, alpha_emission, …}); 0 if absent. */
  public static SubnetTempo fromFeatures(Map<String, Double> values) {
    return new SubnetTempo(values.getOrDefault("emission_share", 0.0), values.getOrDefault("log_price_to_ema", 0.0),
        values.getOrDefault("alpha_emission", 0.0), values.getOrDefault("alpha_staked", 0.0),
        values.getOrDefault("tao_reserve", 0.0));
  }

  /**
   * From one tempo snapshot, as the job's feature window of that tempo computes it: emission is the per-block rate
   * times the blocks the snapshot covers, amounts in whole tokens.
   */
  public static SubnetTempo fromSnapshot(SubnetState s) {
    return new SubnetTempo(s.emissionShare(),
        s.price() > 0 && s.movingPrice() > 0 ? Math.log(s.price() / s.movingPrice()) : 0.0,
        s.alphaEmission().doubleValue() * s.blocksCovered() / UNITS_PER_TOKEN,
        s.alphaOutstanding().doubleValue() / UNITS_PER_TOKEN,
        s.taoReserve().doubleValue() / UNITS_PER_TOKEN);
  }

  /** Alpha emitted per alpha held outside the pool this tempo (0 when nothing is held). */
  double yield() {
    return alphaStaked > 0 ? alphaEmission / alphaStaked : 0.0;
  }
}
