package io.ledgermind.models.eval;

import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.Observation;
import io.ledgermind.models.Policy;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.models.policy.Baselines;
import io.ledgermind.models.policy.EnvConfig;
import io.ledgermind.models.policy.EpisodeSeeds;
import io.ledgermind.models.policy.StakingEnv;
import io.ledgermind.models.runtime.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the learned policy and the baselines on the same held-out episodes (economy histories of seeds {@code 10^9 + k},
 * never used in training) and reports the mean episode return. All strategies face the same market on a seed.
 */
public final class PolicyEvaluation {
  private PolicyEvaluation() {}

  /** Mean and standard error of the episode return (percent), and trades per episode. */
  public record Row(String strategy, double meanReturn, double standardError, double tradesPerEpisode) {}

  /** Chooses actions for a batch of observations, one per live episode. */
  @FunctionalInterface
  interface BatchStrategy {
    int[] act(List<float[]> observations) throws ModelInputException;
  }

  public static List<Row> run(Policy policy, EnvConfig env, int episodes, Progress progress)
      throws ModelInputException {
    StakingEnv.prepareHeldOut(env, episodes);
    List<Row> rows = new ArrayList<>();
    rows.add(run("policy (PPO)", observations -> {
      List<Observation> batch = new ArrayList<>(observations.size());
      for (float[] o : observations) {
        batch.add(new Observation("eval", o));
      }
      List<PolicyDecision> decisions = policy.decide(batch);
      int[] actions = new int[decisions.size()];
      for (int i = 0; i < actions.length; i++) {
        actions[i] = decisions.get(i).actionIndex();
      }
      return actions;
    }, env, episodes));
    progress.update(1, 4, "policy");
    rows.add(run("equal-weight (hold)", perObservation(Baselines.equalWeight()), env, episodes));
    progress.update(2, 4, "equal-weight");
    rows.add(run("greedy yield", perObservation(Baselines.greedyYield()), env, episodes));
    progress.update(3, 4, "greedy");
    rows.add(run("follow the price-EMA gap", perObservation(Baselines.followPriceEmaGap()), env, episodes));
    progress.update(4, 4, "price-EMA gap");
    return rows;
  }

  private static BatchStrategy perObservation(Baselines.Strategy strategy) {
    return observations -> {
      int[] actions = new int[observations.size()];
      for (int i = 0; i < actions.length; i++) {
        actions[i] = strategy.act(observations.get(i));
      }
      return actions;
    };
  }

  static Row run(String name, BatchStrategy strategy, EnvConfig config, int episodes) throws ModelInputException {
    StakingEnv[] envs = new StakingEnv[episodes];
    for (int i = 0; i < episodes; i++) {
      envs[i] = new StakingEnv(config, EpisodeSeeds.heldOut(i));
    }
    for (int t = 0; t < config.episodeTempos(); t++) {
      List<float[]> observations = new ArrayList<>(episodes);
      for (StakingEnv env : envs) {
        observations.add(env.observation());
      }
      int[] actions = strategy.act(observations);
      for (int i = 0; i < episodes; i++) {
        envs[i].step(actions[i]);
      }
    }
    double sum = 0;
    double sumSq = 0;
    long trades = 0; // only actions that moved stake: a shift into a subnet that already holds everything is none
    for (StakingEnv env : envs) {
      trades += env.trades();
      double r = env.returnPercent();
      sum += r;
      sumSq += r * r;
    }
    double mean = sum / episodes;
    double sd = Math.sqrt(Math.max(sumSq / episodes - mean * mean, 0));
    return new Row(name, mean, sd / Math.sqrt(episodes), trades / (double) episodes);
  }
}
