package io.ledgermind.flink.features;

import static io.ledgermind.flink.features.RawEvents.EXCHANGE_WALLET;
import static io.ledgermind.flink.features.RawEvents.HOLDER;
import static io.ledgermind.flink.features.RawEvents.TREASURY;
import static io.ledgermind.flink.features.RawEvents.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StablecoinFeaturesTest {
  private final StablecoinFeatures features = StablecoinFeatures.defaults();

  private Accumulator window(FeatureInput... inputs) {
    Accumulator acc = new Accumulator();
    for (FeatureInput input : inputs) {
      acc.add(input.accumulator());
    }
    return acc;
  }

  @Test
  void usdcMintIsCountedOnceThoughItAlsoEmitsATransferFromZero() {
    Accumulator w = window(
        RawEvents.input(RawEvents.usdc("m", 1_000, StablecoinEventKind.MINT, null, HOLDER, "5000000")),
        RawEvents.input(RawEvents.usdc("t0", 1_000, StablecoinEventKind.TRANSFER, ZERO, HOLDER, "5000000")));

    assertThat(features.exactValues(w)).containsEntry("minted", "5000000").containsEntry("supply_change", "5000000")
        .doesNotContainKey("transfer_volume");
    assertThat(w.events()).isEqualTo(2);
  }

  @Test
  void aMintCountsInNetFlowOnceWhenTheTreasuryPassesItOnToAVenue() {
    Accumulator minted = window(
        RawEvents.input(RawEvents.usdc("m", 1_000, StablecoinEventKind.MINT, null, TREASURY, "9000000")),
        RawEvents.input(RawEvents.usdc("t0", 1_000, StablecoinEventKind.TRANSFER, ZERO, TREASURY, "9000000")));
    Accumulator passedOn = window(
        RawEvents.input(RawEvents.usdc("d", 5_000, StablecoinEventKind.TRANSFER, TREASURY, EXCHANGE_WALLET, "9000000")));

    assertThat(features.exactValues(minted)).containsEntry("net_flow", "0").containsEntry("supply_change", "9000000");
    assertThat(features.exactValues(passedOn)).containsEntry("net_flow", "9000000").containsEntry("supply_change", "0");
  }

  @Test
  void netFlowIsTheNetInflowToTrackedVenuesExactly() {
    // 2^70 does not fit a double exactly: the exact path must keep every unit.
    BigInteger huge = BigInteger.TWO.pow(70).add(BigInteger.ONE);
    Accumulator w = window(
        RawEvents.input(RawEvents.usdc("m", 1_000, StablecoinEventKind.MINT, null, HOLDER, huge.toString())),
        RawEvents.input(RawEvents.usdc("in", 2_000, StablecoinEventKind.TRANSFER, HOLDER, EXCHANGE_WALLET, "700")),
        RawEvents.input(RawEvents.usdc("out", 3_000, StablecoinEventKind.TRANSFER, EXCHANGE_WALLET, HOLDER, "200")),
        RawEvents.input(RawEvents.usdc("b", 4_000, StablecoinEventKind.BURN, HOLDER, null, "1")));

    assertThat(features.exactValues(w))
        .containsEntry("net_flow", "500")
        .containsEntry("supply_change", huge.subtract(BigInteger.ONE).toString())
        .containsEntry("in:EXCHANGE", "700")
        .containsEntry("out:EXCHANGE", "200")
        .containsEntry("transfer_volume", "900");
    assertThat(features.values(w).get("transfers")).isEqualTo(2.0);
    assertThat(features.values(w).get("mint")).isEqualTo(huge.doubleValue() / 1e12);
  }

  @Test
  void destroyedBlackFundsReduceSupplyWithoutAnyTransfer() {
    Accumulator w = window(RawEvents.input(
        RawEvents.usdc("d", 1_000, StablecoinEventKind.DESTROYED_BLACK_FUNDS, HOLDER, null, "42000000")));

    assertThat(features.exactValues(w)).containsEntry("burned", "42000000").containsEntry("supply_change", "-42000000");
    assertThat(features.values(w).get("burn")).isEqualTo(42.0 / 1e6);
  }

  @Test
  void accumulatorSurvivesItsStateEncodingAndRetractsExactly() {
    Accumulator a = new Accumulator().countEvent().addExact("x", new BigInteger("-123456789012345678901234567890"))
        .addSum("s", 1.5).addMember("providers", "p1");
    Accumulator b = new Accumulator().countEvent().addExact("x", BigInteger.TEN).addMember("providers", "p1")
        .addMember("providers", "p2");
    Accumulator sum = Accumulator.fromBytes(a.toBytes());
    sum.add(b);
    assertThat(sum.distinct("providers")).isEqualTo(2);

    sum.retract(b);
    Accumulator decoded = Accumulator.fromBytes(sum.toBytes());
    assertThat(decoded.exact("x")).isEqualTo(new BigInteger("-123456789012345678901234567890"));
    assertThat(decoded.members("providers")).containsOnlyKeys("p1");
    assertThat(decoded.events()).isEqualTo(1);
    assertThat(decoded.retracted()).isEqualTo(1);
    assertThat(decoded.sum("s")).isEqualTo(1.5);
  }
}
