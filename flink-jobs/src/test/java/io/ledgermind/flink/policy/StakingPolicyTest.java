package io.ledgermind.flink.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.Observation;
import io.ledgermind.models.Policy;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.PolicyAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The staking policy operator with the real bundled policy (DJL), counting its batched calls. */
class StakingPolicyTest {
  private static final long TEMPO = 4_320_000;
  private static final AtomicInteger CALLS = new AtomicInteger();

  private KeyedOneInputStreamOperatorTestHarness<String, FeatureWindow, PolicyAction> harness;

  /** The bundled policy, counting decide() calls. */
  static Policy counting() throws Exception {
    Policy real = PolicyFactory.bundled().open();
    return new Policy() {
      @Override
      public List<PolicyDecision> decide(List<Observation> observations) throws io.ledgermind.models.ModelInputException {
        CALLS.incrementAndGet();
        return real.decide(observations);
      }

      @Override
      public ModelInfo model() {
        return real.model();
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }

  @BeforeEach
  void open() throws Exception {
    CALLS.set(0);
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        StakingPolicy.defaults(StakingPolicyTest::counting), w -> StakingPolicy.KEY, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void subnet(int netuid, long tempo, double share) throws Exception {
    FeatureWindow w = FeatureWindow.newBuilder().setFeatureId("n" + netuid + "t" + tempo)
        .setDomain(Domain.BITTENSOR).setEntity("netuid:" + netuid)
        .setWindowStart(Instant.ofEpochMilli(tempo * TEMPO)).setWindowEnd(Instant.ofEpochMilli((tempo + 1) * TEMPO))
        .setValues(Map.of("emission_share", share, "log_price_to_ema", 0.01 * netuid, "alpha_emission", 100.0,
            "alpha_staked", 1000.0 * netuid, "tao_reserve", 5000.0))
        .setExactValues(Map.of()).setEventCount(1).setRetractedCount(0).setRevision(0).setFeatureSpec("t")
        .setComputedAt(Instant.EPOCH).build();
    harness.processElement(new StreamRecord<>(w, (tempo + 1) * TEMPO - 1));
  }

  @Test
  void decidesOnceAllTrackedSubnetsReportedWithOneBatchedCallForAllPortfolios() throws Exception {
    subnet(1, 10, 0.02);
    subnet(2, 10, 0.01);
    subnet(3, 10, 0.005);
    subnet(9, 10, 0.3); // not tracked
    assertThat(harness.extractOutputValues()).isEmpty();

    subnet(4, 10, 0.001);
    List<PolicyAction> actions = harness.extractOutputValues();
    assertThat(CALLS.get()).isEqualTo(1);
    assertThat(actions).extracting(PolicyAction::getEntity)
        .containsExactly("portfolio:small", "portfolio:medium", "portfolio:large");
    assertThat(actions).extracting(PolicyAction::getActionId).doesNotHaveDuplicates();
    for (PolicyAction action : actions) {
      assertThat(action.getAllocations().stream().mapToDouble(a -> a.getWeight()).sum()).isCloseTo(1.0, within(1e-9));
      assertThat(action.getProbabilities()).hasSize(5);
    }
  }

  @Test
  void aTempoThatNeverCompletesIsDroppedAfterFourTempos() throws Exception {
    subnet(1, 10, 0.02);
    assertThat(harness.numKeyedStateEntries()).isPositive();
    harness.processWatermark(14 * TEMPO);
    subnet(1, 20, 0.02);
    harness.processWatermark(25 * TEMPO);
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anActionMovesTheChunkIntoItsSubnetProRataFromTheOthers() {
    StakingPolicy policy = StakingPolicy.defaults(StakingPolicyTest::counting);
    double[] next = policy.apply(new double[] {0.25, 0.25, 0.25, 0.25}, 1);
    assertThat(next[0]).isCloseTo(0.5, within(1e-12));
    assertThat(next[1]).isCloseTo(0.25 * (1 - 0.25 / 0.75), within(1e-12));
    assertThat(policy.apply(new double[] {0.25, 0.25, 0.25, 0.25}, 0)).containsExactly(0.25, 0.25, 0.25, 0.25);
    assertThat(policy.apply(new double[] {1, 0, 0, 0}, 1)).containsExactly(1, 0, 0, 0);
  }
}
