package io.ledgermind.flink.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference thread of one subtask: forms batches from the requests the task thread hands over and calls the
 * predictor once per batch.
 *
 * <p>One thread does both the waiting and the predicting. Requests that arrive while a predict call runs queue up
 * and leave together in the next batch as soon as the call returns, so under load batches fill by themselves and
 * {@code maxWait} only matters for thin traffic. A batch's deadline counts from its oldest request's arrival, not from
 * when the thread got to it.
 *
 * <p>Memory: the queue holds at most the async operator's capacity, because Flink stops handing in requests (and
 * backpressures upstream) once that many are unanswered.
 */
final class BatchWorker<I, O> implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);
  private static final long IDLE_POLL_MILLIS = 100;

  private final BatchPredictor<I, O> predictor;
  private final int maxBatchSize;
  private final long maxWaitNanos;
  private final InferenceMetrics metrics;
  private final LinkedBlockingQueue<Request<I, O>> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running = true;

  /** One request: its input, where its answer goes and when it arrived. */
  record Request<I, O>(I input, ResultFuture<O> future, long arrivedNanos) {}

  BatchWorker(BatchPredictor<I, O> predictor, MicroBatchConfig config, InferenceMetrics metrics) {
    this.predictor = predictor;
    this.maxBatchSize = config.maxBatchSize();
    this.maxWaitNanos = config.maxWait().toNanos();
    this.metrics = metrics;
  }

  /** Called by the task thread; never blocks. */
  void submit(I input, ResultFuture<O> future) {
    inFlight.incrementAndGet();
    queue.add(new Request<>(input, future, System.nanoTime()));
  }

  int buffered() {
    return queue.size();
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Stops taking batches; the caller interrupts and joins the thread. Returns the requests left unanswered. */
  int stop() {
    running = false;
    return queue.size();
  }

  @Override
  public void run() {
    try {
      while (running) {
        List<Request<I, O>> batch = nextBatch();
        if (!batch.isEmpty()) {
          try {
            predictOrIsolate(batch, null);
          } catch (RuntimeException e) {
            // Only completing a future can throw here (e.g. the task is shutting down); keep serving the rest.
            LOG.error("could not answer a batch of {} requests", batch.size(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks for the first request, then gathers more until the batch is full or the oldest one's wait is up. */
  private List<Request<I, O>> nextBatch() throws InterruptedException {
    Request<I, O> first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    List<Request<I, O>> batch = new ArrayList<>(maxBatchSize);
    batch.add(first);
    long deadline = first.arrivedNanos() + maxWaitNanos;
    while (batch.size() < maxBatchSize) {
      queue.drainTo(batch, maxBatchSize - batch.size());
      long remaining = deadline - System.nanoTime();
      if (batch.size() >= maxBatchSize || remaining <= 0) {
        break;
      }
      Request<I, O> next = queue.poll(remaining, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
    }
    return batch;
  }

  /**
   * Predicts the batch in one call; when that throws, finds the offending inputs (by the index the predictor names,
   * else by halving) so that every other input still gets its prediction. {@code firstFailure} is the exception a
   * larger batch containing this one already threw (null for a fresh batch).
   */
  private void predictOrIsolate(List<Request<I, O>> batch, Exception firstFailure) {
    List<I> inputs = new ArrayList<>(batch.size());
    batch.forEach(r -> inputs.add(r.input()));
    if (firstFailure != null) {
      metrics.isolationCalls.inc();
    }
    long start = System.nanoTime();
    List<O> outputs;
    try {
      outputs = predictor.predict(Collections.unmodifiableList(inputs));
    } catch (Exception e) {
      isolate(batch, inputs, e);
      return;
    } catch (Throwable t) {
      // An Error (out of memory, a broken native library) is no input's fault: fail the job rather than dead-letter.
      batch.forEach(r -> answerExceptionally(r, t));
      return;
    }
    long end = System.nanoTime();
    if (outputs == null || outputs.size() != batch.size()) {
      PredictorContractException e = new PredictorContractException("predict returned "
          + (outputs == null ? "null" : outputs.size() + " outputs") + " for " + batch.size() + " inputs");
      batch.forEach(r -> answerExceptionally(r, e));
      return;
    }
    metrics.batches.inc();
    metrics.batchSize.update(batch.size());
    metrics.inferenceLatencyUs.update((end - start) / 1_000);
    for (int i = 0; i < batch.size(); i++) {
      answer(batch.get(i), outputs.get(i), end);
    }
  }

  private void isolate(List<Request<I, O>> batch, List<I> inputs, Exception cause) {
    if (batch.size() == 1) {
      fail(batch.get(0), cause);
      return;
    }
    int bad = safeFailingIndex(inputs, cause);
    if (bad >= 0 && bad < batch.size()) {
      fail(batch.get(bad), cause);
      List<Request<I, O>> rest = new ArrayList<>(batch);
      rest.remove(bad);
      predictOrIsolate(rest, cause);
      return;
    }
    int half = batch.size() / 2;
    predictOrIsolate(new ArrayList<>(batch.subList(0, half)), cause);
    predictOrIsolate(new ArrayList<>(batch.subList(half, batch.size())), cause);
  }

  private int safeFailingIndex(List<I> inputs, Exception cause) {
    try {
      return predictor.failingIndex(inputs, cause);
    } catch (RuntimeException e) {
      LOG.warn("failingIndex threw; isolating by halving instead", e);
      return -1;
    }
  }

  private void fail(Request<I, O> request, Exception cause) {
    metrics.failed.inc();
    O output;
    try {
      output = predictor.failed(request.input(), cause);
    } catch (RuntimeException e) {
      e.addSuppressed(cause);
      answerExceptionally(request, new PredictorContractException("failed(...) threw", e));
      return;
    }
    answer(request, output, System.nanoTime());
  }

  private void answer(Request<I, O> request, O output, long nowNanos) {
    metrics.requestLatencyUs.update((nowNanos - request.arrivedNanos()) / 1_000);
    inFlight.decrementAndGet();
    request.future().complete(Collections.singletonList(output));
  }

  private void answerExceptionally(Request<I, O> request, Throwable t) {
    inFlight.decrementAndGet();
    request.future().completeExceptionally(t);
  }
}
