package io.ledgermind.models.data;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.sim.MarketConfig;
import io.ledgermind.models.sim.Randoms;
import io.ledgermind.models.sim.SubnetMarket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-tempo emission share of each subnet of a simulated {@link SubnetMarket} (8 subnets, price-EMA rule by
 * default): shares follow each subnet's price EMA x (1 - MinerBurned), renormalised, so a price above its EMA
 * predicts a rising share.
 *
 * <p>Features: {@code emission_share} (target), {@code log_price_to_ema} = ln(spot price / price EMA).
 */
public final class SubnetEmissionGenerator implements SeriesGenerator {
  /** 2025-02-13T00:00Z (dynamic TAO launch): first tempo of every generated subnet series. */
  public static final long START_MILLIS = 1_739_404_800_000L;
  private static final int WARM_UP_TEMPOS = 50;

  private final MarketConfig config;

  public SubnetEmissionGenerator() {
    this(MarketConfig.defaults());
  }

  public SubnetEmissionGenerator(MarketConfig config) {
    this.config = config;
  }

  @Override
  public SeriesFamily family() {
    return SeriesFamily.SUBNET_EMISSION_SHARE;
  }

  @Override
  public List<String> features() {
    return List.of("emission_share", "log_price_to_ema");
  }

  /** Entity name of subnet index i (netuids start at 1; 0 is the root network). */
  public static String entity(int i) {
    return "netuid:" + (i + 1);
  }

  @Override
  public List<Series> generate(long seed, int steps) {
    SplittableRandom rng = Randoms.forEntity(seed, "subnet-market");
    SubnetMarket market = new SubnetMarket(config, rng);
    for (int t = 0; t < WARM_UP_TEMPOS; t++) {
      market.step(rng);
    }
    int n = market.subnets();
    float[][][] rows = new float[n][steps][];
    for (int t = 0; t < steps; t++) {
      market.step(rng);
      for (int i = 0; i < n; i++) {
        rows[i][t] = new float[] {(float) market.share(i), (float) Math.log(market.price(i) / market.priceEma(i))};
      }
    }
    List<Series> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Series(entity(i), family(), START_MILLIS, rows[i]));
    }
    return out;
  }
}
