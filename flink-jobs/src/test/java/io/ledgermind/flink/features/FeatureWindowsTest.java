package io.ledgermind.flink.features;

import static io.ledgermind.flink.features.RawEvents.HOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureWindowsTest {
  private static final long HOUR = 3_600_000;
  private static final Duration LATENESS = Duration.ofMinutes(10);

  private KeyedOneInputStreamOperatorTestHarness<String, FeatureInput, FeatureWindow> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(windowsFunction(), FeatureInput::seriesKey,
        Types.STRING);
  }

  private static FeatureWindows windowsFunction() {
    return new FeatureWindows(FeatureSpec.defaults(), LATENESS, "test",
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void mint(String id, long time, String amount) throws Exception {
    FeatureInput input = RawEvents.input(RawEvents.usdc(id, time, StablecoinEventKind.MINT, null, HOLDER, amount));
    harness.processElement(new StreamRecord<>(input, time));
  }

  private List<FeatureWindow> windows() {
    return harness.extractOutputValues();
  }

  @Test
  void emitsAWindowOnceTheWatermarkPassesItsEndAndClearsStateAfterTheLateness() throws Exception {
    mint("a", 10 * HOUR + 1_000, "1000000");
    mint("b", 10 * HOUR + 2_000, "2000000");
    mint("c", 11 * HOUR + 5, "7");
    harness.processWatermark(11 * HOUR - 2);
    assertThat(windows()).isEmpty();

    harness.processWatermark(11 * HOUR - 1);
    assertThat(windows()).singleElement().satisfies(w -> {
      assertThat(w.getEntity()).isEqualTo("USDC");
      assertThat(w.getWindowStart()).isEqualTo(Instant.ofEpochMilli(10 * HOUR));
      assertThat(w.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(11 * HOUR));
      assertThat(w.getExactValues()).containsEntry("minted", "3000000");
      assertThat(w.getEventCount()).isEqualTo(2);
      assertThat(w.getRevision()).isZero();
    });

    // Both windows fire and are purged once the watermark passes the second one's end plus the lateness.
    harness.processWatermark(12 * HOUR - 1 + LATENESS.toMillis());
    assertThat(windows()).hasSize(2);
    assertThat(harness.numKeyedStateEntries()).as("only the purge horizon is left").isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aPurgedWindowStaysClosedAfterARestoreThoughTheWatermarkStartsOver() throws Exception {
    mint("a", 10 * HOUR + 1_000, "5");
    harness.processWatermark(11 * HOUR + LATENESS.toMillis());
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(windowsFunction()),
        FeatureInput::seriesKey, Types.STRING);
    harness.initializeState(snapshot);
    harness.open();
    mint("after-restore", 10 * HOUR + 30_000, "6");
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(windows()).as("no second revision 0 of the purged window").isEmpty();
    assertThat(harness.getSideOutput(FeatureWindows.LATE)).hasSize(1);
  }

  @Test
  void aLateEventWithinTheLatenessReEmitsTheWindowWithTheNextRevision() throws Exception {
    mint("a", 10 * HOUR + 1_000, "5");
    harness.processWatermark(11 * HOUR + 60_000);
    mint("late", 10 * HOUR + 30_000, "6");

    assertThat(windows()).extracting(FeatureWindow::getRevision).containsExactly(0, 1);
    FeatureWindow corrected = windows().get(1);
    assertThat(corrected.getExactValues()).containsEntry("minted", "11");
    assertThat(corrected.getFeatureId()).isNotEqualTo(windows().get(0).getFeatureId());
  }

  @Test
  void anEventAfterTheLatenessBecomesADeadLetterAndChangesNothing() throws Exception {
    mint("a", 10 * HOUR + 1_000, "5");
    harness.processWatermark(11 * HOUR + LATENESS.toMillis());
    mint("too-late", 10 * HOUR + 30_000, "6");

    assertThat(windows()).hasSize(1);
    List<DeadLetter> late = harness.getSideOutput(FeatureWindows.LATE).stream().map(StreamRecord::getValue).toList();
    assertThat(late).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorType()).isEqualTo("LATE_EVENT");
      assertThat(letter.getReason()).contains("too-late").contains("window closed");
    });
    assertThat(harness.numKeyedStateEntries()).as("only the purge horizon is left").isEqualTo(1);
  }

  @Test
  void aWithdrawalCorrectsTheEmittedWindowExactly() throws Exception {
    FeatureInput kept = RawEvents.input(RawEvents.usdc("k", 10 * HOUR + 1, StablecoinEventKind.MINT, null, HOLDER,
        "100"));
    FeatureInput orphaned = RawEvents.input(RawEvents.usdc("o", 10 * HOUR + 2, StablecoinEventKind.MINT, null,
        HOLDER, "40"));
    harness.processElement(new StreamRecord<>(kept, kept.eventTime));
    harness.processElement(new StreamRecord<>(orphaned, orphaned.eventTime));
    harness.processWatermark(11 * HOUR);
    harness.processElement(new StreamRecord<>(orphaned.withdrawn(), 11 * HOUR + 5));

    assertThat(windows()).hasSize(2);
    FeatureWindow corrected = windows().get(1);
    assertThat(corrected.getRevision()).isEqualTo(1);
    assertThat(corrected.getExactValues()).containsEntry("minted", "100");
    assertThat(corrected.getEventCount()).isEqualTo(1);
    assertThat(corrected.getRetractedCount()).isEqualTo(1);
  }
}
