package io.ledgermind.flink.inference;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.Forecaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Throughput of the micro-batching operator against the standalone batched forecaster at the same batch size, in one
 * JVM (same engine, same threads): (a) {@code Forecaster.forecast} on chunks of B pre-built inputs; (b) the same
 * number of inputs through a parallelism-1 MiniCluster job: source → map (builds the window) → operator (batch B) →
 * sink. Rates are measured after a warm-up of 10 % of the inputs; the goal is operator ≥ 0.8 × standalone.
 *
 * <p>Run with {@code java -cp} (exec:java's class loader breaks Flink's job submission); see flink-jobs/README.md.
 * Arguments: inputs, batch sizes, rounds (default {@code 20000 64,256 2}). PyTorch threads:
 * {@code -Dai.djl.pytorch.num_threads=N} (default 1). A shared or loaded machine makes single rounds swing by ±40 %:
 * read the median line.
 */
public final class InferenceOperatorBenchmark {
  private static final int KEYS = 50;
  private static final Duration MAX_WAIT = Duration.ofMillis(5);

  // The job runs in this JVM (local MiniCluster), so its operators can report here.
  private static final AtomicLong OUTPUTS = new AtomicLong();
  private static final AtomicLong WARM_NANOS = new AtomicLong();
  private static final AtomicLong LAST_NANOS = new AtomicLong();
  private static final AtomicLong FIRST_NANOS = new AtomicLong();
  private static final ConcurrentLinkedQueue<Long> LATENCIES_NANOS = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<int[]> BATCHES = new ConcurrentLinkedQueue<>(); // {size, micros}

  private InferenceOperatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int[] batchSizes = Arrays.stream((args.length > 1 ? args[1] : "64,256").split(","))
        .mapToInt(Integer::parseInt).toArray();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<ForecastInput> prebuilt = new ArrayList<>(inputs);
    for (long seq = 0; seq < inputs; seq++) {
      prebuilt.add(StablecoinWindows.toInput(StablecoinWindows.request(seq, KEYS, 0)));
    }
    System.out.printf("inputs=%d, batch sizes=%s, rounds=%d, maxWait=%s, PyTorch threads=%s, cores=%d%n", inputs,
        Arrays.toString(batchSizes), rounds, MAX_WAIT, System.getProperty("ai.djl.pytorch.num_threads", "1"),
        Runtime.getRuntime().availableProcessors());
    System.out.println("| round | batch | standalone inputs/s | operator inputs/s | ratio | operator incl. start-up "
        + "inputs/s | mean batch | predict p50 / p99 ms | request p50 / p99 ms |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    double[][] ratios = new double[batchSizes.length][rounds];
    try (Forecaster forecaster = ForecasterPredictor.ForecasterFactory.bundled().open()) {
      standalone(forecaster, prebuilt, 64); // engine and JIT warm-up
      for (int round = 1; round <= rounds; round++) {
        for (int i = 0; i < batchSizes.length; i++) {
          int b = batchSizes[i];
          double alone = standalone(forecaster, prebuilt, b);
          OperatorRun op = operator(inputs, b);
          ratios[i][round - 1] = op.steadyRate / alone;
          System.out.printf("| %d | %d | %,.0f | %,.0f | %.2f | %,.0f | %.1f | %.2f / %.2f | %.2f / %.2f |%n", round, b,
              alone, op.steadyRate, op.steadyRate / alone, op.overallRate, op.meanBatch, op.predictP50Ms,
              op.predictP99Ms, op.requestP50Ms, op.requestP99Ms);
        }
      }
    }
    for (int i = 0; i < batchSizes.length; i++) {
      double[] sorted = ratios[i].clone();
      Arrays.sort(sorted);
      System.out.printf("batch %d: operator / standalone median %.2f (min %.2f, max %.2f over %d rounds; goal >= 0.8)%n",
          batchSizes[i], sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], rounds);
    }
  }

  /** Inputs/s of direct batched calls, after the first 10 % as warm-up. */
  static double standalone(Forecaster forecaster, List<ForecastInput> inputs, int batch) throws Exception {
    int warm = inputs.size() / 10;
    long start = 0;
    for (int from = 0; from < inputs.size(); from += batch) {
      if (start == 0 && from >= warm) {
        start = System.nanoTime();
        warm = from;
      }
      forecaster.forecast(inputs.subList(from, Math.min(inputs.size(), from + batch)));
    }
    return (inputs.size() - warm) / ((System.nanoTime() - start) / 1e9);
  }

  record OperatorRun(double steadyRate, double overallRate, double meanBatch, double predictP50Ms,
      double predictP99Ms, double requestP50Ms, double requestP99Ms) {}

  static OperatorRun operator(int inputs, int batch) throws Exception {
    OUTPUTS.set(0);
    FIRST_NANOS.set(0);
    LATENCIES_NANOS.clear();
    BATCHES.clear();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    MicroBatchConfig config = MicroBatchConfig.builder().maxBatchSize(batch).maxWait(MAX_WAIT).build();
    var requests = env.fromSequence(0, inputs - 1).map(new Generate()).returns(TypeInformation.of(WindowRequest.class));
    MicroBatchInference.apply(requests, new TimedPredictor(StablecoinWindows.predictor()), config,
            TypeInformation.of(WindowForecast.class), "forecast-inference")
        .map(new Measure(inputs / 10)).returns(TypeInformation.of(WindowForecast.class))
        .sinkTo(new DiscardingSink<>());
    long submitted = System.nanoTime();
    env.execute("inference operator benchmark, batch " + batch);
    if (OUTPUTS.get() != inputs) {
      throw new IllegalStateException(OUTPUTS.get() + " outputs for " + inputs + " inputs");
    }
    long warmOutputs = inputs / 10;
    double steady = (inputs - warmOutputs) / ((LAST_NANOS.get() - WARM_NANOS.get()) / 1e9);
    double overall = inputs / ((LAST_NANOS.get() - FIRST_NANOS.get()) / 1e9);
    double[] sizes = BATCHES.stream().mapToDouble(x -> x[0]).toArray();
    double[] predictMs = BATCHES.stream().mapToDouble(x -> x[1] / 1000.0).sorted().toArray();
    double[] requestMs = LATENCIES_NANOS.stream().mapToDouble(x -> x / 1e6).sorted().toArray();
    System.err.printf("  (job with batch %d: %.1f s from submission, incl. MiniCluster start)%n", batch,
        (System.nanoTime() - submitted) / 1e9);
    return new OperatorRun(steady, overall, Arrays.stream(sizes).average().orElse(0), quantile(predictMs, 0.5),
        quantile(predictMs, 0.99), quantile(requestMs, 0.5), quantile(requestMs, 0.99));
  }

  private static double quantile(double[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  /** Builds request seq (the same rows as the standalone inputs) and stamps its entry time. */
  static final class Generate implements MapFunction<Long, WindowRequest> {
    @Override
    public WindowRequest map(Long seq) {
      WindowRequest r = StablecoinWindows.request(seq, KEYS, 0);
      r.createdNanos = System.nanoTime();
      FIRST_NANOS.compareAndSet(0, r.createdNanos);
      return r;
    }
  }

  /** Counts outputs, notes when the warm-up ended and the last output left, and each request's latency. */
  static final class Measure implements MapFunction<WindowForecast, WindowForecast> {
    private final long warmOutputs;

    Measure(long warmOutputs) {
      this.warmOutputs = warmOutputs;
    }

    @Override
    public WindowForecast map(WindowForecast f) {
      long now = System.nanoTime();
      long n = OUTPUTS.incrementAndGet();
      if (n == warmOutputs) {
        WARM_NANOS.set(now);
      }
      LAST_NANOS.set(now);
      LATENCIES_NANOS.add(now - f.createdNanos);
      if (f.error != null) {
        throw new IllegalStateException("benchmark input failed: " + f.error);
      }
      return f;
    }
  }

  /** Records each predict call's size and duration around the real predictor. */
  static final class TimedPredictor implements BatchPredictor<WindowRequest, WindowForecast> {
    private static final long serialVersionUID = 1L;
    private final BatchPredictor<WindowRequest, WindowForecast> delegate;

    TimedPredictor(BatchPredictor<WindowRequest, WindowForecast> delegate) {
      this.delegate = delegate;
    }

    @Override
    public void open() throws Exception {
      delegate.open();
    }

    @Override
    public List<WindowForecast> predict(List<WindowRequest> batch) throws Exception {
      long start = System.nanoTime();
      List<WindowForecast> out = delegate.predict(batch);
      BATCHES.add(new int[] {batch.size(), (int) ((System.nanoTime() - start) / 1000)});
      return out;
    }

    @Override
    public WindowForecast failed(WindowRequest input, Exception cause) {
      return delegate.failed(input, cause);
    }

    @Override
    public int failingIndex(List<WindowRequest> batch, Exception cause) {
      return delegate.failingIndex(batch, cause);
    }

    @Override
    public void close() throws Exception {
      delegate.close();
    }
  }
}
