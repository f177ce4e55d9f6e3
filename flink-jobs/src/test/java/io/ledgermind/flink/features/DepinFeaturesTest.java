package io.ledgermind.flink.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import org.junit.jupiter.api.Test;

/** DePIN features: entities by network and provider class, usage units, and amounts kept per denomination. */
class DepinFeaturesTest {
  private final DepinFeatures features = DepinFeatures.defaults();

  @Test
  void renderUsageIsOctaneBenchHoursAndAmountsStayInEightDecimalRender() {
    Accumulator day = window(
        render("j1", DepinEventKind.JOB_COMPLETED, "op-1", null, "120.5"),
        render("p1", DepinEventKind.PAYMENT, "op-1", "72300000", "120.5"),
        render("b1", DepinEventKind.BURN, "op-1", "68685000", "120.5"),
        render("j2", DepinEventKind.JOB_COMPLETED, "op-2", null, "10"),
        render("m1", DepinEventKind.MINT, "op-1", "411000000000", "120.5"));

    assertThat(features.values(day)).containsEntry("usage", 130.5).containsEntry("jobs", 2.0)
        .containsEntry("providers", 2.0);
    assertThat(features.exactValues(day)).containsOnly(
        java.util.Map.entry("paid:RENDER:8", "72300000"),
        java.util.Map.entry("burned:RENDER:8", "68685000"),
        java.util.Map.entry("minted:RENDER:8", "411000000000"));
  }

  @Test
  void akashLeasesCountLeaseHoursPerProviderClassAndNeverAddDenominations() {
    // 3,600 blocks of 6.5 s = 6.5 lease-hours; one lease paid in uact, one in uakt: two sums, never one.
    Accumulator gpu = window(
        akash("l1", "gpu-a100", "uact", "900000"),
        akash("l2", "gpu-h100", "uakt", "450000"));
    assertThat(DepinFeatures.entity(akashEvent("l1", "gpu-a100", "uact", "1"))).isEqualTo("akash:gpu");
    assertThat(DepinFeatures.entity(akashEvent("l3", "cpu-standard", "uact", "1"))).isEqualTo("akash:cpu");

    assertThat(features.values(gpu).get("usage")).isEqualTo(13.0);
    assertThat(features.exactValues(gpu)).containsEntry("paid:uact:6", "900000").containsEntry("paid:uakt:6", "450000")
        .doesNotContainKey("paid");
  }

  @Test
  void eventsWithoutAmountAddNoAmountAndCountAsOrders() {
    Accumulator day = window(render("s1", DepinEventKind.JOB_SUBMITTED, null, null, "5"));
    assertThat(features.exactValues(day)).isEmpty();
    assertThat(features.values(day)).containsEntry("orders", 1.0).containsEntry("usage", 0.0);
  }

  private Accumulator window(DepinUsageEvent... events) {
    Accumulator acc = new Accumulator();
    for (DepinUsageEvent event : events) {
      acc.add(features.extract(event).orElseThrow().accumulator());
    }
    return acc;
  }

  private static DepinUsageEvent render(String id, DepinEventKind kind, String operator, String amount, String obh) {
    return DepinUsageEvent.newBuilder().setMeta(RawEvents.meta(id, 1_000)).setNetwork(DepinNetwork.RENDER)
        .setKind(kind).setProvider(operator).setWorkId("job").setProviderClass("tier-1")
        .setAmount(amount).setDenom(amount == null ? null : "RENDER").setDecimals(amount == null ? null : 8)
        .setResourceUnits(obh).setResourceUnit("OBh").build();
  }

  private static DepinUsageEvent akash(String id, String providerClass, String denom, String amount) {
    return akashEvent(id, providerClass, denom, amount);
  }

  private static DepinUsageEvent akashEvent(String id, String providerClass, String denom, String amount) {
    return DepinUsageEvent.newBuilder().setMeta(RawEvents.meta(id, 1_000)).setNetwork(DepinNetwork.AKASH)
        .setKind(DepinEventKind.LEASE_CLOSED).setProvider("akash1provider" + id).setWorkId("owner/1/1/1")
        .setProviderClass(providerClass).setAmount(amount).setDenom(denom).setDecimals(6)
        .setResourceUnits("3600").setResourceUnit("blocks").build();
  }
}
