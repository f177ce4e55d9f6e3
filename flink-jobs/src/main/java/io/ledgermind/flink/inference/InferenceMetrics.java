package io.ledgermind.flink.inference;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The operator's metrics, under the function's metric group:
 *
 * <ul>
 *   <li>{@code requests}, {@code failed} (mapped through {@link BatchPredictor#failed}: bad input or timeout),
 *       {@code batches} (predict calls that succeeded), {@code isolationCalls} (extra calls spent finding bad
 *       inputs): counters;
 *   <li>{@code batchSize}, {@code inferenceLatencyUs} (one predict call, µs), {@code requestLatencyUs} (arrival to
 *       result in µs: waiting for the batch plus inference): histograms over the last {@value #WINDOW} values;
 *   <li>{@code buffered} (waiting for a batch), {@code inFlight} (arrived, not yet answered): gauges.
 * </ul>
 */
final class InferenceMetrics {
  static final int WINDOW = 1024;

  final Counter requests = new SimpleCounter();
  final Counter failed = new SimpleCounter();
  final Counter batches = new SimpleCounter();
  final Counter isolationCalls = new SimpleCounter();
  final Histogram batchSize = new DescriptiveStatisticsHistogram(WINDOW);
  final Histogram inferenceLatencyUs = new DescriptiveStatisticsHistogram(WINDOW);
  final Histogram requestLatencyUs = new DescriptiveStatisticsHistogram(WINDOW);

  InferenceMetrics register(MetricGroup group, IntSupplier buffered, IntSupplier inFlight) {
    group.counter("requests", requests);
    group.counter("failed", failed);
    group.counter("batches", batches);
    group.counter("isolationCalls", isolationCalls);
    group.histogram("batchSize", batchSize);
    group.histogram("inferenceLatencyUs", inferenceLatencyUs);
    group.histogram("requestLatencyUs", requestLatencyUs);
    group.gauge("buffered", buffered::getAsInt);
    group.gauge("inFlight", inFlight::getAsInt);
    return this;
  }

  /** One line for the log when the operator closes. */
  String summary() {
    return "requests=" + requests.getCount() + " failed=" + failed.getCount() + " batches=" + batches.getCount()
        + " isolationCalls=" + isolationCalls.getCount()
        + String.format(" batchSize(mean=%.1f, max=%d)", batchSize.getStatistics().getMean(),
            batchSize.getStatistics().getMax())
        + String.format(" inferenceLatencyMs(p50=%.2f, p99=%.2f)",
            inferenceLatencyUs.getStatistics().getQuantile(0.5) / 1000,
            inferenceLatencyUs.getStatistics().getQuantile(0.99) / 1000);
  }
}
