package io.ledgermind.flink.inference;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link MicroBatchingAsyncFunction} groups requests. A batch leaves when it holds {@code maxBatchSize}
 * requests or when its oldest request has waited {@code maxWait}, whichever comes first.
 *
 * <pre>{@code
 * MicroBatchConfig config = MicroBatchConfig.builder()
 *     .maxBatchSize(64).maxWait(Duration.ofMillis(20))   // latency bound when traffic is thin
 *     .capacity(256)                                     // in-flight requests per subtask before backpressure
 *     .timeout(Duration.ofSeconds(30))                   // a request older than this becomes failed(...)
 *     .build();
 * }</pre>
 */
public final class MicroBatchConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_MAX_BATCH_SIZE = 64;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(20);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Default capacity in batches: one being predicted, one filling, two queued behind a slow call. */
  public static final int DEFAULT_CAPACITY_BATCHES = 4;

  private final int maxBatchSize;
  private final Duration maxWait;
  private final int capacity;
  private final Duration timeout;

  private MicroBatchConfig(Builder b) {
    this.maxBatchSize = b.maxBatchSize;
    this.maxWait = b.maxWait;
    this.capacity = b.capacity > 0 ? b.capacity : DEFAULT_CAPACITY_BATCHES * b.maxBatchSize;
    this.timeout = b.timeout;
    if (capacity < maxBatchSize) {
      // Flink's async operator stops taking input at capacity, so a smaller capacity could never fill a batch.
      throw new IllegalArgumentException("capacity (" + capacity + ") must be >= maxBatchSize (" + maxBatchSize
          + "): a batch can never be larger than the in-flight requests");
    }
    if (timeout.compareTo(maxWait) <= 0) {
      throw new IllegalArgumentException("timeout (" + timeout + ") must be longer than maxWait (" + maxWait
          + "), or every request of a thin stream would time out before its batch leaves");
    }
  }

  public static MicroBatchConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Most requests per predict call. */
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /** Longest time the oldest request of a batch waits for the batch to fill. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Most requests in flight (buffered, being predicted or waiting for ordered emission) per subtask. */
  public int capacity() {
    return capacity;
  }

  /** A request not completed this long after it arrived is completed through {@link BatchPredictor#failed}. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "MicroBatchConfig[maxBatchSize=" + maxBatchSize + ", maxWait=" + maxWait + ", capacity=" + capacity
        + ", timeout=" + timeout + "]";
  }

  /** Builder of {@link MicroBatchConfig}; capacity defaults to 4 × maxBatchSize. */
  public static final class Builder {
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private int capacity;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    public Builder maxBatchSize(int maxBatchSize) {
      if (maxBatchSize < 1) {
        throw new IllegalArgumentException("maxBatchSize must be >= 1: " + maxBatchSize);
      }
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /** Zero sends whatever is buffered as soon as the inference thread is free (no waiting for company). */
    public Builder maxWait(Duration maxWait) {
      Objects.requireNonNull(maxWait, "maxWait");
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must be >= 0: " + maxWait);
      }
      this.maxWait = maxWait;
      return this;
    }

    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public MicroBatchConfig build() {
      return new MicroBatchConfig(this);
    }
  }
}
