package io.ledgermind.models.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubnetMarketTest {
  @Test
  void blockEmissionHalvesByIssuance() {
    assertThat(BlockEmission.taoPerBlock(0)).isEqualTo(1.0);
    assertThat(BlockEmission.taoPerBlock(10_499_999)).isEqualTo(1.0);
    assertThat(BlockEmission.taoPerBlock(10_500_000)).isEqualTo(0.5);
    assertThat(BlockEmission.taoPerBlock(15_750_000)).isEqualTo(0.25);
    assertThat(BlockEmission.taoPerBlock(21_000_000)).isEqualTo(0);
  }

  @Test
  void equalWeightPoolPricesTaoOverAlphaAndChargesSlippage() {
    WeightedPool pool = new WeightedPool(1_000, 10_000, 0.5, 0);
    assertThat(pool.price()).isEqualTo(0.1);
    double alpha = pool.buyAlpha(100);
    assertThat(alpha).isCloseTo(10_000 - 1_000 * 10_000 / 1_100d, within(1e-6)); // x*y = k
    assertThat(alpha).isLessThan(100 / 0.1);
    assertThat(pool.sellAlpha(alpha)).isCloseTo(100, within(1e-6)); // round trip without fee is lossless
  }

  @Test
  void weightedPoolPriceFollowsBalancerFormula() {
    WeightedPool pool = new WeightedPool(1_000, 10_000, 0.8, 0);
    // p = (wAlpha * tao) / (wTao * alpha) = (0.2 * 1000) / (0.8 * 10000)
    assertThat(pool.price()).isCloseTo(0.025, within(1e-12));
  }

  @Test
  void priceEmaRuleGivesSharesProportionalToEmaTimesUnburnedAndRenormalised() {
    MarketConfig config = MarketConfig.builder().subnets(6).build();
    SubnetMarket market = new SubnetMarket(config, new SplittableRandom(3));
    for (int t = 0; t < 20; t++) {
      market.step(new SplittableRandom(t));
    }
    double total = 0;
    for (int i = 0; i < 6; i++) {
      total += market.share(i);
    }
    assertThat(total).as("6 of 128 subnets get a fraction of the emission").isBetween(0.01, 0.2);
    for (int i = 1; i < 6; i++) {
      double expected = market.priceEma(i) * (1 - market.minerBurned(i))
          / (market.priceEma(0) * (1 - market.minerBurned(0)));
      assertThat(market.share(i) / market.share(0)).isCloseTo(expected, within(1e-9));
    }
  }

  @Test
  void sameSeedSameMarket() {
    SubnetMarket a = new SubnetMarket(MarketConfig.defaults(), new SplittableRandom(9));
    SubnetMarket b = new SubnetMarket(MarketConfig.defaults(), new SplittableRandom(9));
    SplittableRandom ra = new SplittableRandom(1);
    SplittableRandom rb = new SplittableRandom(1);
    for (int t = 0; t < 50; t++) {
      a.step(ra);
      b.step(rb);
    }
    for (int i = 0; i < a.subnets(); i++) {
      assertThat(a.price(i)).isEqualTo(b.price(i));
      assertThat(a.share(i)).isEqualTo(b.share(i));
    }
    assertThat(a.issuance()).isGreaterThan(MarketConfig.defaults().initialIssuanceTao());
  }
}
