package io.ledgermind.flink.features;

import static io.ledgermind.flink.features.RawEvents.HOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResolveRetractionsTest {
  private static final Duration HORIZON = Duration.ofMinutes(15);
  private KeyedOneInputStreamOperatorTestHarness<String, FeatureInput, FeatureInput> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ResolveRetractions(HORIZON),
        input -> input.sourceKey, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private FeatureInput event(String id, long time) throws Exception {
    FeatureInput input = RawEvents.input(RawEvents.usdc(id, time, StablecoinEventKind.MINT, null, HOLDER, "9"));
    harness.processElement(new StreamRecord<>(input, time));
    return input;
  }

  private void retract(FeatureInput of, long time) throws Exception {
    harness.processElement(new StreamRecord<>(FeatureInput.retraction(of.sourceKey, of.eventId, time), time));
  }

  @Test
  void aRetractionBecomesTheWithdrawalOfWhatItsEventContributed() throws Exception {
    FeatureInput event = event("e1", 1_000);
    retract(event, 2_000);

    List<FeatureInput> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    FeatureInput withdrawal = out.get(1);
    assertThat(withdrawal.retraction).isTrue();
    assertThat(withdrawal.eventId).isEqualTo("e1");
    assertThat(withdrawal.entity).isEqualTo("USDC");
    assertThat(withdrawal.eventTime).as("lands in the withdrawn event's window").isEqualTo(1_000);
    assertThat(withdrawal.accumulator().exact("minted")).isEqualTo(event.accumulator().exact("minted"));
  }

  @Test
  void aSecondRetractionOrAReplayedEventChangesNothing() throws Exception {
    FeatureInput event = event("e1", 1_000);
    event("e1", 1_000);
    retract(event, 2_000);
    retract(event, 3_000);

    assertThat(harness.extractOutputValues()).extracting(i -> i.retraction).containsExactly(false, true);
  }

  @Test
  void contributionsAreForgottenOnceOlderThanTheReorgHorizon() throws Exception {
    FeatureInput event = event("e1", 1_000);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(1_000 + HORIZON.toMillis() + 60_000);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();

    retract(event, 2_000);
    assertThat(harness.extractOutputValues()).hasSize(1);
  }
}
