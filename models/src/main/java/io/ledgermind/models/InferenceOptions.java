package io.ledgermind.models;

/**
 * How a model runs. Defaults: the best device present (CUDA when the engine sees a GPU, else CPU), two predictors
 * in the pool, batches of up to 1024 inputs per native call.
 *
 * <p>Deterministic mode ({@link #deterministic()}) is for outputs that must be reproducible bit for bit (on-chain
 * verification): CPU only, one intra-op thread (the JVM must start the engine with
 * {@code ai.djl.pytorch.num_threads=1}, the default of this module), and every input computed alone, because
 * PyTorch's CPU kernels take different summation paths for a batch of one than for larger batches (measured: a
 * row computed in a batch of 256 differs from the same row alone in the last bits). The same input then gives the
 * same bits in every run and every JVM on the same build and CPU family; throughput drops to the batch-1 rate.
 *
 * <p>{@code InferenceOptions.builder().device(InferenceOptions.DeviceChoice.CPU).poolSize(4).build()}
 */
public final class InferenceOptions {
  /** Where to run. */
  public enum DeviceChoice {
    /** CUDA device 0 when present, else CPU. */
    AUTO,
    CPU,
    /** CUDA device 0; opening fails when the engine sees no GPU. */
    GPU
  }

  private final DeviceChoice device;
  private final int poolSize;
  private final int maxBatch;
  private final boolean deterministic;

  private InferenceOptions(Builder builder) {
    this.device = builder.deterministic ? DeviceChoice.CPU : builder.device;
    this.poolSize = builder.poolSize;
    this.maxBatch = builder.deterministic ? 1 : builder.maxBatch;
    this.deterministic = builder.deterministic;
  }

  public static InferenceOptions defaults() {
    return builder().build();
  }

  /** CPU, one input per native call; see the class comment. */
  public static InferenceOptions deterministicCpu() {
    return builder().deterministic(true).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public DeviceChoice device() {
    return device;
  }

  /** Predictors in the pool: the number of threads that can run this model at once. */
  public int poolSize() {
    return poolSize;
  }

  /** Largest number of inputs per native call; larger lists are split. 1 in deterministic mode. */
  public int maxBatch() {
    return maxBatch;
  }

  public boolean deterministic() {
    return deterministic;
  }

  @Override
  public String toString() {
    return "InferenceOptions[device=" + device + ", poolSize=" + poolSize + ", maxBatch=" + maxBatch
        + ", deterministic=" + deterministic + "]";
  }

  /** Builder of {@link InferenceOptions}. */
  public static final class Builder {
    private DeviceChoice device = DeviceChoice.AUTO;
    private int poolSize = 2;
    private int maxBatch = 1024;
    private boolean deterministic;

    private Builder() {}

    public Builder device(DeviceChoice device) {
      this.device = device;
      return this;
    }

    public Builder poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be >= 1: " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    public Builder maxBatch(int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
      }
      this.maxBatch = maxBatch;
      return this;
    }

    /** Bit-reproducible CPU mode (forces CPU and a batch of one); see {@link InferenceOptions}. */
    public Builder deterministic(boolean deterministic) {
      this.deterministic = deterministic;
      return this;
    }

    public InferenceOptions build() {
      return new InferenceOptions(this);
    }
  }
}
