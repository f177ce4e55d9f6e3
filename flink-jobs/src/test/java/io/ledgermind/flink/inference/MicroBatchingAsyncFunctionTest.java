package io.ledgermind.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.flink.inference.RecordingPredictor.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The operator exactly as {@link MicroBatchInference} wires it (Flink's async wait operator, ordered, with the
 * config's capacity and timeout) in a one-subtask harness, with a recording test predictor.
 */
class MicroBatchingAsyncFunctionTest {
  private static final Duration LONG_WAIT = Duration.ofSeconds(10);

  @Test
  void sendsFullBatchesOfMaxBatchSize() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    // maxWait far longer than the test: only the size rule can send these batches.
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(4).maxWait(LONG_WAIT)
        .timeout(Duration.ofMinutes(1)).build();
    try (var harness = open(predictor, config)) {
      process(harness, IntStream.range(0, 12));
      await(() -> predictor.probe().calls.size() == 3, "three batches");
      harness.endInput();

      assertThat(predictor.probe().calls)
          .containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9, 10, 11));
      assertThat(harness.extractOutputValues()).containsExactlyElementsOf(expected(0, 12));
    }
  }

  @Test
  void sendsPartialBatchAfterMaxWait() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    Duration maxWait = Duration.ofMillis(150);
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(64).maxWait(maxWait).build();
    try (var harness = open(predictor, config)) {
      long before = System.nanoTime();
      process(harness, IntStream.range(0, 3));
      // No endInput yet: nothing but the timer can send a batch of 3 when 64 fit.
      await(() -> predictor.probe().calls.size() == 1, "one batch");
      long waitedMillis = (predictor.probe().callNanos.get(0) - before) / 1_000_000;

      assertThat(predictor.probe().calls).containsExactly(List.of(0, 1, 2));
      assertThat(waitedMillis).isBetween(maxWait.toMillis() - 5, 5_000L);
      harness.endInput();
      assertThat(harness.extractOutputValues()).containsExactly("p0", "p1", "p2");
    }
  }

  @Test
  void keepsEachKeysOrderWhenAnswersCompleteOutOfOrder() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    Probe probe = predictor.probe();
    // Inputs 0..8 are keys k = n % 3. Input 7 is poisoned and named by index: it is answered (failed) first, the
    // rest of its batch after the retry, i.e. answers complete in an order other than arrival.
    probe.poison = Set.of(7);
    probe.namesFailingIndex = true;
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(9).maxWait(LONG_WAIT)
        .timeout(Duration.ofMinutes(1)).build();
    try (var harness = open(predictor, config)) {
      process(harness, IntStream.range(0, 9));
      harness.endInput();

      assertThat(probe.calls).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), List.of(0, 1, 2, 3, 4, 5, 6, 8));
      List<String> out = harness.extractOutputValues();
      assertThat(out).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "failed7:PoisonException", "p8");
      Map<Integer, List<String>> byKey = new LinkedHashMap<>();
      for (int n = 0; n < 9; n++) {
        byKey.computeIfAbsent(n % 3, k -> new ArrayList<>()).add(out.get(n));
      }
      assertThat(byKey.get(1)).containsExactly("p1", "p4", "failed7:PoisonException");
    }
  }

  @Test
  void isolatesAFailingInputByBisection() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    Probe probe = predictor.probe();
    probe.poison = Set.of(3);
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(8).maxWait(LONG_WAIT)
        .timeout(Duration.ofMinutes(1)).build();
    try (var harness = open(predictor, config)) {
      process(harness, IntStream.range(0, 8));
      harness.endInput();

      List<String> expected = new ArrayList<>(expected(0, 8));
      expected.set(3, "failed3:PoisonException");
      assertThat(harness.extractOutputValues()).containsExactlyElementsOf(expected);
      assertThat(probe.failedCalls).containsExactly(3);
      // Good inputs were predicted exactly once, in batches that halve around the bad one.
      assertThat(probe.successfulBatches()).containsExactly(List.of(0, 1), List.of(2), List.of(4, 5, 6, 7));
    }
  }

  @Test
  void answersTimedOutRequestsThroughFailed() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    Probe probe = predictor.probe();
    probe.gate.drainPermits();
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(2).maxWait(Duration.ZERO)
        .timeout(Duration.ofMillis(500)).build();
    try (var harness = open(predictor, config)) {
      process(harness, IntStream.range(0, 2));
      harness.setProcessingTime(501); // the harness' clock drives Flink's timeout timers
      harness.endInput();

      assertThat(harness.extractOutputValues())
          .containsExactly("failed0:TimeoutException", "failed1:TimeoutException");
      probe.gate.release(Integer.MAX_VALUE / 2); // the late answer of the held batch is ignored by the operator
    }
  }

  @Test
  void backpressuresAtCapacity() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    Probe probe = predictor.probe();
    probe.gate.drainPermits();
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(2).capacity(4).maxWait(Duration.ZERO)
        .timeout(Duration.ofMinutes(1)).build();
    MicroBatchingAsyncFunction<Integer, String> function = new MicroBatchingAsyncFunction<>(predictor, config);
    AtomicInteger handedIn = new AtomicInteger();
    AtomicInteger peakInFlight = new AtomicInteger();
    AtomicReference<List<String>> output = new AtomicReference<>();
    // The harness is driven by its own thread (it is that thread's "task"), so this one can watch it block.
    Thread task = new Thread(() -> {
      try (var harness = harness(function)) {
        harness.open();
        for (int n = 0; n < 8; n++) {
          harness.processElement(n, n);
          handedIn.incrementAndGet();
          peakInFlight.accumulateAndGet(function.inFlight(), Math::max);
        }
        harness.endInput();
        output.set(harness.extractOutputValues());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    task.start();
    try {
      await(() -> handedIn.get() == 4, "four requests taken");
      Thread.sleep(200);
      assertThat(handedIn.get()).as("the fifth request waits for capacity").isEqualTo(4);
      assertThat(function.inFlight()).isEqualTo(4);
    } finally {
      probe.gate.release(Integer.MAX_VALUE / 2); // never leave the task thread blocked, even on failure
    }
    task.join(LONG_WAIT.toMillis());
    assertThat(output.get()).containsExactlyElementsOf(expected(0, 8));
    assertThat(peakInFlight.get()).isLessThanOrEqualTo(4);
  }

  @Test
  void replaysInFlightRequestsAfterRestoreSoEachIsAnsweredOnce() throws Exception {
    RecordingPredictor first = RecordingPredictor.create();
    Probe firstProbe = first.probe();
    firstProbe.gate.drainPermits();
    firstProbe.gate.release(1); // the first batch (0..3) is answered, the second (4..7) is held at the checkpoint
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(4).maxWait(Duration.ofMillis(20))
        .timeout(Duration.ofMinutes(1)).build();
    List<String> beforeCheckpoint;
    OperatorSubtaskState snapshot;
    try (var harness = open(first, config)) {
      process(harness, IntStream.range(0, 10));
      await(() -> firstProbe.calls.size() == 1, "first batch predicted");
      awaitOutputs(harness, 4);
      beforeCheckpoint = harness.extractOutputValues();
      snapshot = harness.snapshot(1L, 1L);
      // The failure: this subtask dies; whatever it would still emit is after the checkpoint and discarded.
      firstProbe.gate.release(Integer.MAX_VALUE / 2);
    }

    RecordingPredictor second = RecordingPredictor.create();
    try (var restored = harness(new MicroBatchingAsyncFunction<>(second, config))) {
      restored.initializeState(snapshot);
      restored.open();
      restored.endInput();

      assertThat(beforeCheckpoint).containsExactly("p0", "p1", "p2", "p3");
      assertThat(restored.extractOutputValues()).containsExactlyElementsOf(expected(4, 10));
      assertThat(second.probe().calls.stream().flatMap(List::stream)).containsExactly(4, 5, 6, 7, 8, 9);
    }
  }

  @Test
  void failsTheTaskWhenThePredictorReturnsTooFewOutputs() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    predictor.probe().dropOneOutput = true;
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(2).maxWait(LONG_WAIT)
        .timeout(Duration.ofMinutes(1)).build();
    try (var harness = harness(new MicroBatchingAsyncFunction<>(predictor, config))) {
      harness.getEnvironment().setExpectedExternalFailureCause(Throwable.class);
      harness.open();
      process(harness, IntStream.range(0, 2));
      await(() -> harness.getEnvironment().getActualExternalFailureCause().isPresent(), "task failure");

      assertThat(harness.getEnvironment().getActualExternalFailureCause().get())
          .hasRootCauseInstanceOf(PredictorContractException.class)
          .hasStackTraceContaining("predict returned 1 outputs for 2 inputs");
      drainMailbox(harness);
      assertThat(harness.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void opensAndClosesThePredictorOncePerSubtask() throws Exception {
    RecordingPredictor predictor = RecordingPredictor.create();
    try (var harness = open(predictor, MicroBatchConfig.defaults())) {
      assertThat(predictor.probe().opened).isEqualTo(1);
    }
    assertThat(predictor.probe().closed).isEqualTo(1);
  }

  private static OneInputStreamOperatorTestHarness<Integer, String> open(RecordingPredictor predictor,
      MicroBatchConfig config) throws Exception {
    var harness = harness(new MicroBatchingAsyncFunction<>(predictor, config));
    harness.open();
    return harness;
  }

  private static OneInputStreamOperatorTestHarness<Integer, String> harness(
      MicroBatchingAsyncFunction<Integer, String> function) throws Exception {
    return new OneInputStreamOperatorTestHarness<>(MicroBatchInference.operatorFactory(function),
        IntSerializer.INSTANCE);
  }

  private static void process(OneInputStreamOperatorTestHarness<Integer, String> harness, IntStream inputs)
      throws Exception {
    for (int n : inputs.toArray()) {
      harness.processElement(n, n);
    }
  }

  private static List<String> expected(int from, int to) {
    return IntStream.range(from, to).mapToObj(n -> "p" + n).toList();
  }

  /** Runs the mails the inference thread posted (emitting completed answers) without ending the input. */
  private static void drainMailbox(OneInputStreamOperatorTestHarness<Integer, String> harness) {
    TaskMailbox mailbox = harness.getTaskMailbox();
    Optional<Mail> mail;
    while ((mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
      try {
        mail.get().run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void awaitOutputs(OneInputStreamOperatorTestHarness<Integer, String> harness, int count)
      throws InterruptedException {
    await(() -> {
      drainMailbox(harness);
      return harness.extractOutputValues().size() >= count;
    }, count + " outputs");
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + LONG_WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}
