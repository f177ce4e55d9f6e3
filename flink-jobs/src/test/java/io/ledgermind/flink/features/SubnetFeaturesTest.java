package io.ledgermind.flink.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgermind.schemas.raw.SubnetSnapshot;
import org.junit.jupiter.api.Test;

/** Subnet features: means over the tempo's snapshots, exact emission over the blocks the snapshots cover. */
class SubnetFeaturesTest {
  private final SubnetFeatures features = SubnetFeatures.defaults();

  @Test
  void aTempoSnapshotStandsForItsBlocksAndASingleBlockSnapshotForOne() {
    // Simulator: one snapshot per tempo, flows summed over 360 blocks. Reader: one block's flow (blocksCovered 1).
    Accumulator simulated = window(snapshot("s", 360, "5000000", "1000000000", 0.01, 1.10, 1.00));
    Accumulator read = window(snapshot("r", 1, "5000000", "2000000", 0.01, 1.10, 1.00));

    assertThat(features.exactValues(simulated)).containsEntry("tao_emission", "1800000000")
        .containsEntry("net_tao_flow", "1000000000");
    assertThat(features.exactValues(read)).containsEntry("tao_emission", "5000000");
    assertThat(features.values(simulated)).containsEntry("blocks", 360.0).containsEntry("tao_emission", 1.8);
    assertThat(features.values(read)).containsEntry("blocks", 1.0);
  }

  @Test
  void anOldSnapshotWithoutBlocksCoveredStandsForOneTempo() {
    Accumulator old = window(snapshot("o", null, "1000", "0", 0.02, 1.0, 1.0));
    assertThat(features.exactValues(old)).containsEntry("tao_emission", "360000");
  }

  @Test
  void sharesAndPricesAreMeansAndTheGapIsLogPriceOverItsEma() {
    Accumulator w = window(snapshot("a", 180, "10", "0", 0.010, 1.2, 1.0),
        snapshot("b", 180, "10", "0", 0.006, 1.0, 1.0));
    assertThat(features.values(w).get("emission_share")).isCloseTo(0.008, within(1e-12));
    assertThat(features.values(w).get("log_price_to_ema")).isCloseTo(Math.log(1.1), within(1e-12));
    assertThat(features.values(w)).containsEntry("snapshots", 2.0).containsEntry("blocks", 360.0);
  }

  @Test
  void alphaStakedIsTheAlphaOutsideThePoolNotOutstandingMinusTheReserve() {
    // SubnetAlphaOut (3,000 alpha) is already outside the pool; subtracting the reserve (1,000) counted it twice.
    Accumulator w = window(snapshot("s", 360, "10", "0", 0.01, 1.0, 1.0));
    assertThat(features.values(w)).containsEntry("alpha_staked", 3_000.0).containsEntry("tao_reserve", 1_000.0);
  }

  private Accumulator window(SubnetSnapshot... snapshots) {
    Accumulator acc = new Accumulator();
    for (SubnetSnapshot s : snapshots) {
      acc.add(features.extract(s).orElseThrow().accumulator());
    }
    return acc;
  }

  private static SubnetSnapshot snapshot(String id, Integer blocks, String taoPerBlock, String netFlow, double share,
      double price, double movingPrice) {
    return SubnetSnapshot.newBuilder().setMeta(RawEvents.meta(id, 1_000)).setNetuid(3).setTempo(360)
        .setTaoReserve("1000000000000").setAlphaReserve("1000000000000").setAlphaOutstanding("3000000000000")
        .setPrice(price).setMovingPrice(movingPrice).setTaoEmission(taoPerBlock).setAlphaEmission("1000000000")
        .setEmissionShare(share).setTaoStaked(netFlow).setTaoUnstaked("0").setNetTaoFlow(netFlow)
        .setBlockEmission("500000000").setTotalIssuance("10600000000000000").setEmissionRule("PRICE_EMA")
        .setBlocksCovered(blocks).build();
  }
}
