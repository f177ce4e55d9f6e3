package io.ledgermind.models.lstm;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.runtime.Progress;
import java.util.List;

/**
 * Everything a forecaster training run depends on. The same config on the same build gives the same parameters,
 * bit for bit (single-threaded CPU, seeded engine, seeded shuffling).
 *
 * <p>{@code LstmTrainingConfig.builder(SeriesFamily.DEPIN_USAGE).seed(7).epochs(30).build()}
 */
public record LstmTrainingConfig(
    SeriesFamily family,
    long seed,
    int epochs,
    int hiddenSize,
    int layers,
    int windowLength,
    int horizons,
    List<Double> quantiles,
    int batchSize,
    double learningRate,
    double trainFraction,
    Progress progress) {

  public static Builder builder(SeriesFamily family) {
    return new Builder(family);
  }

  /** Builder with the defaults used for the bundled artifacts. */
  public static final class Builder {
    private final SeriesFamily family;
    private long seed = 42;
    private int epochs = 20;
    private int hiddenSize = 32;
    private int layers = 2;
    private int windowLength = 48;
    private int horizons = 6;
    private List<Double> quantiles = List.of(0.1, 0.5, 0.9);
    private int batchSize = 64;
    private double learningRate = 3e-3;
    private double trainFraction = 0.7;
    private Progress progress = Progress.NONE;

    private Builder(SeriesFamily family) {
      this.family = family;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder hiddenSize(int hiddenSize) {
      this.hiddenSize = hiddenSize;
      return this;
    }

    public Builder layers(int layers) {
      this.layers = layers;
      return this;
    }

    public Builder windowLength(int windowLength) {
      this.windowLength = windowLength;
      return this;
    }

    public Builder horizons(int horizons) {
      this.horizons = horizons;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder trainFraction(double trainFraction) {
      this.trainFraction = trainFraction;
      return this;
    }

    public Builder progress(Progress progress) {
      this.progress = progress;
      return this;
    }

    public LstmTrainingConfig build() {
      if (!(trainFraction > 0 && trainFraction < 1)) {
        throw new IllegalArgumentException("trainFraction must be within (0, 1): " + trainFraction);
      }
      return new LstmTrainingConfig(family, seed, epochs, hiddenSize, layers, windowLength, horizons, quantiles,
          batchSize, learningRate, trainFraction, progress);
    }
  }
}
