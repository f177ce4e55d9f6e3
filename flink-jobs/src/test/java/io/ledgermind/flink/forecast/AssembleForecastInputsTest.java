package io.ledgermind.flink.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.FeatureWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssembleForecastInputsTest {
  private static final long HOUR = 3_600_000;
  private static final ForecastModelSpec STABLECOIN = new ForecastModelSpec(SeriesFamily.STABLECOIN_NET_FLOW,
      "lstm-test", "abc", List.of("net_flow", "mint", "burn"), 4, HOUR, Set.of("USDC"));
  private static final ForecastModelSpec SUBNET = new ForecastModelSpec(SeriesFamily.SUBNET_EMISSION_SHARE,
      "lstm-subnet", "def", List.of("emission_share", "log_price_to_ema"), 3, 4_320_000, Set.of("netuid:1"));

  private KeyedOneInputStreamOperatorTestHarness<String, FeatureWindow, ForecastRequest> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new AssembleForecastInputs(List.of(STABLECOIN, SUBNET)), w -> w.getDomain() + "|" + w.getEntity(),
        Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void window(Domain domain, String entity, long start, long size, int revision, Map<String, Double> values)
      throws Exception {
    FeatureWindow w = FeatureWindow.newBuilder().setFeatureId(entity + "@" + start + "#" + revision)
        .setDomain(domain).setEntity(entity).setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(start + size)).setValues(values).setExactValues(Map.of())
        .setEventCount(1).setRetractedCount(0).setRevision(revision).setFeatureSpec("test")
        .setComputedAt(Instant.EPOCH).build();
    harness.processElement(new StreamRecord<>(w, start + size - 1));
  }

  private void usdc(long hour, double netFlow) throws Exception {
    window(Domain.STABLECOIN, "USDC", hour * HOUR, HOUR, 0, Map.of("net_flow", netFlow, "mint", 1.0, "burn", 0.5));
  }

  private List<ForecastRequest> requests() {
    return harness.extractOutputValues();
  }

  @Test
  void waitsForAFullWindowThenEmitsOneRequestPerNewWindowInModelFeatureOrder() throws Exception {
    for (int h = 0; h < 3; h++) {
      usdc(h, h);
    }
    assertThat(requests()).isEmpty();

    usdc(3, 3);
    usdc(4, 4);
    assertThat(requests()).hasSize(2);
    ForecastRequest last = requests().get(1);
    assertThat(last.windowEnd).isEqualTo(5 * HOUR);
    assertThat(last.featureId).isEqualTo("USDC@" + 4 * HOUR + "#0");
    assertThat(last.window()).isEqualTo(new float[][] {{1, 1, 0.5f}, {2, 1, 0.5f}, {3, 1, 0.5f}, {4, 1, 0.5f}});
    assertThat(last.lastTarget()).isEqualTo(4.0);
    assertThat(last.filledRows).isZero();
    assertThat(last.inputsCommitment).matches("0x[0-9a-f]{64}").isNotEqualTo(requests().get(0).inputsCommitment);
  }

  @Test
  void stablecoinGapsAreZeroFlowWhileLevelsCarryForward() throws Exception {
    usdc(0, 5);
    usdc(3, 7); // hours 1 and 2 had no events
    assertThat(requests()).singleElement().satisfies(r -> {
      assertThat(r.window()[1]).containsExactly(0f, 0f, 0f);
      assertThat(r.window()[2]).containsExactly(0f, 0f, 0f);
      assertThat(r.filledRows).isEqualTo(2);
    });

    long tempo = SUBNET.stepMillis();
    Map<String, Double> share = Map.of("emission_share", 0.2, "log_price_to_ema", 0.01);
    window(Domain.BITTENSOR, "netuid:1", 0, tempo, 0, share);
    window(Domain.BITTENSOR, "netuid:1", 2 * tempo, tempo, 0, Map.of("emission_share", 0.3, "log_price_to_ema", 0.0));
    ForecastRequest subnet = requests().get(1);
    assertThat(subnet.window()[1]).as("carried forward").containsExactly(0.2f, 0.01f);
  }

  @Test
  void correctionsOfThePastUpdateTheHistoryButOnlyTheLatestWindowIsForecastAgain() throws Exception {
    for (int h = 0; h < 4; h++) {
      usdc(h, h);
    }
    window(Domain.STABLECOIN, "USDC", HOUR, HOUR, 1, Map.of("net_flow", 10.0, "mint", 1.0, "burn", 0.5));
    assertThat(requests()).hasSize(1);

    window(Domain.STABLECOIN, "USDC", 3 * HOUR, HOUR, 1, Map.of("net_flow", 30.0, "mint", 1.0, "burn", 0.5));
    assertThat(requests()).hasSize(2);
    assertThat(requests().get(1).window()[1][0]).as("the corrected past row").isEqualTo(10f);
    assertThat(requests().get(1).featureId).endsWith("#1");
  }

  @Test
  void entitiesWithoutModelStatisticsAreNotForecastAndLeaveNoState() throws Exception {
    for (int h = 0; h < 10; h++) {
      window(Domain.STABLECOIN, "DAI", h * HOUR, HOUR, 0, Map.of("net_flow", 1.0, "mint", 0.0, "burn", 0.0));
      usdc(h, h);
    }
    assertThat(requests()).extracting(r -> r.entity).containsOnly("USDC");
    // USDC's four states (rows, feature ids, latest, first); DAI has none.
    assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
  }
}
