package io.ledgermind.flink.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A plain-Java {@link BatchPredictor} for harness tests: predicts {@code "p<n>"} for input n, fails batches that
 * contain a poisoned input, can hold calls at a gate, and records every call. The operator's contract is the subject
 * of those tests, not the model. State lives in a static {@link Probe} looked up by id, so it survives the operator
 * serializing its function.
 */
final class RecordingPredictor implements BatchPredictor<Integer, String> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Probe> PROBES = new ConcurrentHashMap<>();

  /** What a test controls and observes. */
  static final class Probe {
    final List<List<Integer>> calls = new CopyOnWriteArrayList<>();
    final List<Long> callNanos = new CopyOnWriteArrayList<>();
    final List<Integer> failedCalls = new CopyOnWriteArrayList<>();
    /** One permit per predict call; unlimited unless a test drains it. */
    final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    volatile Set<Integer> poison = Set.of();
    /** Report the poisoned input's index (like ModelInputException) instead of leaving isolation to bisection. */
    volatile boolean namesFailingIndex;
    /** Return one output too few: a contract violation. */
    volatile boolean dropOneOutput;
    volatile int opened;
    volatile int closed;

    /** Successful calls' batches, in call order. */
    List<List<Integer>> successfulBatches() {
      List<List<Integer>> ok = new ArrayList<>();
      for (List<Integer> call : calls) {
        if (call.stream().noneMatch(poison::contains)) {
          ok.add(call);
        }
      }
      return ok;
    }
  }

  private final String id;

  private RecordingPredictor(String id) {
    this.id = id;
  }

  static RecordingPredictor create() {
    String id = UUID.randomUUID().toString();
    PROBES.put(id, new Probe());
    return new RecordingPredictor(id);
  }

  Probe probe() {
    return PROBES.get(id);
  }

  @Override
  public void open() {
    probe().opened++;
  }

  @Override
  public List<String> predict(List<Integer> batch) throws Exception {
    Probe probe = probe();
    if (!probe.gate.tryAcquire(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("test gate never opened");
    }
    probe.calls.add(List.copyOf(batch));
    probe.callNanos.add(System.nanoTime());
    for (int i = 0; i < batch.size(); i++) {
      if (probe.poison.contains(batch.get(i))) {
        throw new PoisonException(i);
      }
    }
    List<String> out = new ArrayList<>();
    batch.forEach(n -> out.add("p" + n));
    if (probe.dropOneOutput) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  @Override
  public int failingIndex(List<Integer> batch, Exception cause) {
    return probe().namesFailingIndex && cause instanceof PoisonException p ? p.index : -1;
  }

  @Override
  public String failed(Integer input, Exception cause) {
    probe().failedCalls.add(input);
    return "failed" + input + ":" + cause.getClass().getSimpleName();
  }

  @Override
  public void close() {
    probe().closed++;
  }

  /** The model refusing one input of a batch. */
  static final class PoisonException extends Exception {
    private static final long serialVersionUID = 1L;
    final int index;

    PoisonException(int index) {
      super("poisoned input at " + index);
      this.index = index;
    }
  }
}
