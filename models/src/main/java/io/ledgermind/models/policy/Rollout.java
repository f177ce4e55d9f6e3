package io.ledgermind.models.policy;

/**
 * One PPO rollout, flattened time-major ({@code index = t * envs + e}), with GAE advantages and returns filled in
 * by {@link #computeAdvantages}.
 */
final class Rollout {
  final int steps;
  final int envs;
  final int obsSize;
  final float[] observations;
  final int[] actions;
  final float[] logProbs;
  final float[] values;
  final float[] rewards;
  final float[] bootstrap;
  final float[] advantages;
  final float[] returns;
  double episodeReturnSum;

  Rollout(int steps, int envs, int obsSize) {
    this.steps = steps;
    this.envs = envs;
    this.obsSize = obsSize;
    int n = steps * envs;
    observations = new float[n * obsSize];
    actions = new int[n];
    logProbs = new float[n];
    values = new float[n];
    rewards = new float[n];
    bootstrap = new float[envs];
    advantages = new float[n];
    returns = new float[n];
  }

  int size() {
    return steps * envs;
  }

  /**
   * Generalised advantage estimation. Episodes end by a time limit, not a terminal state, so the last step
   * bootstraps from the critic's value of the final observation instead of zero.
   */
  void computeAdvantages(double gamma, double lambda) {
    for (int e = 0; e < envs; e++) {
      double gae = 0;
      for (int t = steps - 1; t >= 0; t--) {
        int i = t * envs + e;
        double next = t == steps - 1 ? bootstrap[e] : values[i + envs];
        double delta = rewards[i] + gamma * next - values[i];
        gae = delta + gamma * lambda * gae;
        advantages[i] = (float) gae;
        returns[i] = (float) (gae + values[i]);
      }
    }
    double mean = 0;
    for (float a : advantages) {
      mean += a / advantages.length;
    }
    double var = 0;
    for (float a : advantages) {
      var += (a - mean) * (a - mean) / advantages.length;
    }
    double std = Math.sqrt(var) + 1e-8;
    for (int i = 0; i < advantages.length; i++) {
      advantages[i] = (float) ((advantages[i] - mean) / std);
    }
  }
}
