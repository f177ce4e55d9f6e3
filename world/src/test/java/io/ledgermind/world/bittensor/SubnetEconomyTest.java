package io.ledgermind.world.bittensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SubnetEconomyTest {
  @Test
  void issuanceGrowsByExactlyTheHalvedBlockEmission() {
    SubnetEconomy economy = new SubnetEconomy(EconomyParams.builder().seed(1).build());
    BigInteger start = economy.totalIssuance();
    for (int i = 0; i < 360; i++) {
      economy.step();
    }
    // 10.6M TAO issued: past the first halving, 0.5 TAO a block.
    assertThat(economy.totalIssuance().subtract(start)).isEqualTo(TaoEmission.tao(180));
  }

  @Test
  void aSnapshotCoversTheBlocksSinceThePreviousOneAndResetsItsFlows() {
    SubnetEconomy economy = new SubnetEconomy(EconomyParams.builder().seed(2).build());
    for (int i = 0; i < 360; i++) {
      economy.step();
    }
    SubnetState first = economy.snapshot(0);
    assertThat(first.blocksCovered()).isEqualTo(360);
    assertThat(first.taoStaked().add(first.taoUnstaked())).isPositive();
    assertThat(first.participantAlphaEmission()).isPositive().isLessThanOrEqualTo(first.alphaEmission());
    economy.step();
    SubnetState next = economy.snapshot(0);
    assertThat(next.blocksCovered()).isEqualTo(1);
    assertThat(next.taoStaked().add(next.taoUnstaked())).isLessThan(first.taoStaked().add(first.taoUnstaked()));
  }

  @Test
  void theSameParametersGiveTheSameEconomyAndEqualParametersAreEqual() {
    EconomyParams a = EconomyParams.builder().seed(3).build();
    EconomyParams b = EconomyParams.builder().seed(3).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(a.toBuilder().seed(4).build());
    assertThat(a.toBuilder().build()).isEqualTo(a);
    SubnetEconomy x = new SubnetEconomy(a);
    SubnetEconomy y = new SubnetEconomy(b);
    for (int i = 0; i < 720; i++) {
      x.step();
      y.step();
    }
    for (int i = 0; i < x.subnets(); i++) {
      assertThat(x.snapshot(i)).isEqualTo(y.snapshot(i));
    }
  }
}
