package io.ledgermind.world.bittensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two share rules and the exact integer split. */
class EmissionSharesTest {
  @Test
  void priceEmaWeighsMovingPriceByOneMinusMinerBurned() {
    double[] shares = EmissionShares.normalise(EmissionShares.priceEma(new double[] {0.02, 0.02, 0.04},
        new double[] {0.0, 0.5, 0.0}));
    // weights 0.02, 0.01, 0.04 -> 2/7, 1/7, 4/7
    assertThat(shares[0]).isCloseTo(2.0 / 7, within(1e-15));
    assertThat(shares[1]).isCloseTo(1.0 / 7, within(1e-15));
    assertThat(shares[2]).isCloseTo(4.0 / 7, within(1e-15));
  }

  @Test
  void priceEmaFallsBackToPlainPricesWhenEverySubnetBurnsEverything() {
    double[] shares = EmissionShares.normalise(EmissionShares.priceEma(new double[] {1, 3}, new double[] {1, 1}));
    assertThat(shares).containsExactly(0.25, 0.75);
  }

  @Test
  void taoflowOffsetsByTheLowestNegativeEmaSoItGetsNothing() {
    double[] shares = EmissionShares.normalise(EmissionShares.taoflow(new double[] {-5, 5, 15},
        Double.NEGATIVE_INFINITY, 1));
    // L = -5 -> offsets 0, 10, 20
    assertThat(shares[0]).isZero();
    assertThat(shares[1]).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(shares[2]).isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void taoflowKeepsPositiveFlowsWhenNoneIsNegativeAndHonoursTheCutoffAndExponent() {
    assertThat(EmissionShares.normalise(EmissionShares.taoflow(new double[] {1, 3}, Double.NEGATIVE_INFINITY, 1)))
        .containsExactly(0.25, 0.75);
    // cutoff -1 above the lowest EMA -4: L = -1, offsets 0, 2 -> all to the second
    assertThat(EmissionShares.normalise(EmissionShares.taoflow(new double[] {-4, 1}, -1, 1)))
        .containsExactly(0.0, 1.0);
    // p = 2 squares offsets 1, 3 -> 1/10, 9/10
    double[] squared = EmissionShares.normalise(EmissionShares.taoflow(new double[] {1, 3}, 0, 2));
    assertThat(squared[0]).isCloseTo(0.1, within(1e-15));
  }

  @Test
  void apportionSumsExactlyAndStaysWithinOneUnitOfTheQuota() {
    SplittableRandom random = new SplittableRandom(1);
    for (int round = 0; round < 500; round++) {
      double[] weights = new double[1 + random.nextInt(64)];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = random.nextInt(4) == 0 ? 0 : random.nextDouble() * Math.pow(10, random.nextInt(-6, 6));
      }
      if (Arrays.stream(weights).sum() == 0) {
        weights[0] = 1;
      }
      BigInteger total = BigInteger.valueOf(random.nextLong(0, 2_000_000_000L));
      BigInteger[] parts = EmissionShares.apportion(total, weights);
      assertThat(Arrays.stream(parts).reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(total);
      double[] shares = EmissionShares.normalise(weights);
      for (int i = 0; i < parts.length; i++) {
        assertThat(parts[i].signum()).isNotNegative();
        assertThat(parts[i].doubleValue()).isCloseTo(shares[i] * total.doubleValue(), within(1.0 + 1e-12 * total.doubleValue()));
        if (weights[i] == 0) {
          assertThat(parts[i]).isZero();
        }
      }
    }
  }
}
