package io.ledgermind.world.bittensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SubnetPoolTest {
  private static final BigInteger TAO = BigInteger.valueOf(1_000_000_000L);

  @Test
  void equalWeightsPriceTaoOverAlphaAndKeepTheConstantProductInIntegers() {
    SubnetPool pool = new SubnetPool(TAO.multiply(BigInteger.valueOf(1_000)), TAO.multiply(BigInteger.valueOf(10_000)),
        500_000);
    assertThat(pool.price()).isEqualTo(0.1);
    BigInteger k = pool.taoReserve().multiply(pool.alphaReserve());
    BigInteger alpha = pool.buyAlpha(TAO.multiply(BigInteger.valueOf(100)));
    assertThat(alpha).isLessThan(TAO.multiply(BigInteger.valueOf(1_000))); // slippage: less than 100 / 0.1
    // Floored in the pool's favour: the product never falls.
    assertThat(pool.taoReserve().multiply(pool.alphaReserve())).isGreaterThanOrEqualTo(k);
    BigInteger back = pool.sellAlpha(alpha);
    assertThat(back).isLessThanOrEqualTo(TAO.multiply(BigInteger.valueOf(100)))
        .isGreaterThan(TAO.multiply(BigInteger.valueOf(100)).subtract(BigInteger.TEN));
  }

  @Test
  void unequalWeightsFollowBalancersPriceFormula() {
    SubnetPool pool = new SubnetPool(TAO.multiply(BigInteger.valueOf(1_000)), TAO.multiply(BigInteger.valueOf(10_000)),
        800_000);
    // p = (wAlpha · tao) / (wTao · alpha) = (0.2 · 1000) / (0.8 · 10000)
    assertThat(pool.price()).isCloseTo(0.025, within(1e-15));
  }

  @Test
  void aSwapNeverEmptiesTheReserve() {
    SubnetPool pool = new SubnetPool(TAO, TAO, 500_000);
    BigInteger out = pool.buyAlpha(TAO.multiply(TAO));
    assertThat(pool.alphaReserve()).isPositive();
    assertThat(out).isLessThan(TAO);
  }
}
