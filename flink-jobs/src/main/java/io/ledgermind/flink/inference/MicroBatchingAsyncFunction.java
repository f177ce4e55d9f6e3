package io.ledgermind.flink.inference;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batching model inference inside Flink's async I/O operator: each request is handed to one inference thread
 * per subtask, which sends batches of up to {@code maxBatchSize} requests (or fewer after {@code maxWait}) through a
 * {@link BatchPredictor} and answers each request's future.
 *
 * <p>What the async operator around it provides (use {@link MicroBatchInference#apply}, which sets it up): the task
 * thread never waits for the model (watermarks and checkpoints go on while a batch runs); at most {@code capacity}
 * requests are in flight, beyond which the operator backpressures; ordered emission; and in-flight requests are part
 * of every checkpoint and are handed to {@link #asyncInvoke} again after a restore, so each request yields exactly one
 * output.
 *
 * <p>Failures: an input the predictor cannot handle is isolated (the rest of its batch still gets predictions) and
 * answered with {@link BatchPredictor#failed}, as is a request that times out; neither fails the job. A predictor
 * that breaks its contract or an {@link Error} does.
 */
public class MicroBatchingAsyncFunction<I, O> extends RichAsyncFunction<I, O> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchingAsyncFunction.class);
  /** How long close() lets a running predict call finish before interrupting it. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final BatchPredictor<I, O> predictor;
  private final MicroBatchConfig config;

  private transient InferenceMetrics metrics;
  private transient BatchWorker<I, O> worker;
  private transient Thread thread;

  public MicroBatchingAsyncFunction(BatchPredictor<I, O> predictor, MicroBatchConfig config) {
    this.predictor = Objects.requireNonNull(predictor, "predictor");
    this.config = Objects.requireNonNull(config, "config");
  }

  public MicroBatchConfig config() {
    return config;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    predictor.open();
    metrics = new InferenceMetrics();
    worker = new BatchWorker<>(predictor, config, metrics);
    metrics.register(getRuntimeContext().getMetricGroup(), worker::buffered, worker::inFlight);
    // One thread, not a pool: predictors (DJL's above all) are not thread-safe, and one call at a time on big batches
    // is the throughput sweet spot on CPU anyway.
    thread = new Thread(worker, "micro-batch-inference " + getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks());
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues the request for the next batch; never blocks the task thread. */
  @Override
  public void asyncInvoke(I input, ResultFuture<O> resultFuture) {
    metrics.requests.inc();
    worker.submit(input, resultFuture);
  }

  /**
   * A request that waited longer than {@code timeout} becomes a failed output rather than a job failure (Flink's
   * default). If its batch still completes later, that second answer is ignored by the operator.
   */
  @Override
  public void timeout(I input, ResultFuture<O> resultFuture) {
    metrics.failed.inc();
    resultFuture.complete(Collections.singletonList(predictor.failed(input,
        new TimeoutException("no prediction within " + config.timeout() + " (" + config + ")"))));
  }

  @Override
  public void close() throws Exception {
    try {
      stopWorker();
    } finally {
      predictor.close();
    }
  }

  private void stopWorker() throws InterruptedException {
    if (worker == null) {
      return;
    }
    int left = worker.stop();
    // Let a running predict call end normally first: interrupting it could turn good inputs into failed outputs.
    thread.join(STOP_GRACE.toMillis());
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join(STOP_GRACE.toMillis());
    }
    if (left > 0 || worker.inFlight() > 0) {
      // Only on cancel or failure (a normal end waits for every answer): these requests are in the last checkpoint
      // and will be predicted again after the restore.
      LOG.warn("inference stopped with {} requests unanswered ({} not yet batched); they replay from the last "
          + "checkpoint", worker.inFlight(), left);
    }
    LOG.info("micro-batch inference closed: {}", metrics.summary());
  }

  /** For tests: requests arrived but not yet answered by this subtask. */
  int inFlight() {
    return worker == null ? 0 : worker.inFlight();
  }
}
