package io.ledgermind.models.policy;

import io.ledgermind.models.runtime.Progress;
import java.util.List;

/**
 * Everything a PPO training run depends on; the same config gives the same parameters on the same build.
 *
 * <p>{@code PolicyTrainingConfig.builder().seed(7).updates(200).build()}
 *
 * @param updates PPO iterations, each one rollout of {@code envs} full episodes and {@code ppoEpochs} passes over it
 */
public record PolicyTrainingConfig(
    long seed,
    int updates,
    int envs,
    int ppoEpochs,
    int minibatch,
    double learningRate,
    double gamma,
    double lambda,
    double clip,
    double valueCoefficient,
    double entropyCoefficient,
    List<Integer> hidden,
    EnvConfig env,
    Progress progress) {

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the defaults used for the bundled policy. */
  public static final class Builder {
    private long seed = 42;
    private int updates = 600;
    private int envs = 16;
    private int ppoEpochs = 4;
    private int minibatch = 256;
    private double learningRate = 1e-3;
    private double gamma = 0.95;
    private double lambda = 0.9;
    private double clip = 0.2;
    private double valueCoefficient = 0.5;
    private double entropyCoefficient = 0.003;
    private List<Integer> hidden = List.of(64, 64);
    private EnvConfig env = EnvConfig.defaults();
    private Progress progress = Progress.NONE;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder updates(int updates) {
      this.updates = updates;
      return this;
    }

    public Builder envs(int envs) {
      this.envs = envs;
      return this;
    }

    public Builder ppoEpochs(int ppoEpochs) {
      this.ppoEpochs = ppoEpochs;
      return this;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder entropyCoefficient(double entropyCoefficient) {
      this.entropyCoefficient = entropyCoefficient;
      return this;
    }

    public Builder gamma(double gamma) {
      this.gamma = gamma;
      return this;
    }

    public Builder hidden(List<Integer> hidden) {
      this.hidden = List.copyOf(hidden);
      return this;
    }

    public Builder env(EnvConfig env) {
      this.env = env;
      return this;
    }

    public Builder progress(Progress progress) {
      this.progress = progress;
      return this;
    }

    public PolicyTrainingConfig build() {
      return new PolicyTrainingConfig(seed, updates, envs, ppoEpochs, minibatch, learningRate, gamma, lambda, clip,
          valueCoefficient, entropyCoefficient, hidden, env, progress);
    }
  }
}
