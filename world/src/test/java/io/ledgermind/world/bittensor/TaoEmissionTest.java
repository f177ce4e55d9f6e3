package io.ledgermind.world.bittensor;

import static io.ledgermind.world.bittensor.TaoEmission.RAO_PER_TAO;
import static io.ledgermind.world.bittensor.TaoEmission.TOTAL_SUPPLY_RAO;
import static io.ledgermind.world.bittensor.TaoEmission.tao;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Issuance-based halving, exact at every threshold. */
class TaoEmissionTest {
  private static BigInteger emission(BigInteger issuance) {
    return TaoEmission.perBlock(issuance, TOTAL_SUPPLY_RAO, RAO_PER_TAO);
  }

  @Test
  void oneTaoPerBlockUntilHalfTheSupplyIsIssued() {
    assertThat(emission(BigInteger.ZERO)).isEqualTo(RAO_PER_TAO);
    assertThat(emission(tao(10_500_000).subtract(BigInteger.ONE))).isEqualTo(RAO_PER_TAO);
  }

  @Test
  void firstHalvingHappensAtExactlyTenAndAHalfMillion() {
    assertThat(emission(tao(10_500_000))).isEqualTo(BigInteger.valueOf(500_000_000));
    assertThat(TaoEmission.halvings(tao(10_500_000), TOTAL_SUPPLY_RAO)).isEqualTo(1);
  }

  @Test
  void laterHalvingsFollowTheRemainingSupply() {
    // 1 − I/S = 1/4 at 15.75M, 1/8 at 18.375M.
    assertThat(emission(tao(15_750_000).subtract(BigInteger.ONE))).isEqualTo(BigInteger.valueOf(500_000_000));
    assertThat(emission(tao(15_750_000))).isEqualTo(BigInteger.valueOf(250_000_000));
    assertThat(emission(tao(18_375_000))).isEqualTo(BigInteger.valueOf(125_000_000));
  }

  @Test
  void emissionEndsAtTheTotalSupply() {
    assertThat(emission(TOTAL_SUPPLY_RAO)).isZero();
    assertThat(emission(TOTAL_SUPPLY_RAO.add(BigInteger.TEN))).isZero();
    // One rao short: 2^54 <= 2.1e16 < 2^55, so 1e9 >> 54 = 0 as well.
    assertThat(emission(TOTAL_SUPPLY_RAO.subtract(BigInteger.ONE))).isZero();
  }

  @Test
  void rejectsNegativeIssuance() {
    assertThatThrownBy(() -> emission(BigInteger.valueOf(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
