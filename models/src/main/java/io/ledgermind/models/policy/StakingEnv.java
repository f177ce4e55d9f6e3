package io.ledgermind.models.policy;

import io.ledgermind.models.sim.Randoms;
import io.ledgermind.models.sim.SubnetMarket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reinforcement-learning environment: a staker holding alpha in N subnets of a {@link SubnetMarket} decides each
 * tempo whether to shift a chunk of its portfolio into one subnet. See models/README.md for the full definition.
 *
 * <ul>
 *   <li><b>State</b> (5 features per subnet, subnet-major): emission share relative to an equal split of the
 *       network ({@code share * 128 - 1}); price momentum {@code 10 * ln(price / price EMA)}; relative staker yield
 *       {@code ln(yield_i / mean yield)}; position size against pool depth {@code ln(portfolio TAO / TAO reserve_i)};
 *       the agent's portfolio weight in the subnet.
 *   <li><b>Actions</b>: 0 = hold; k = 1..N = sell {@code chunk} of the portfolio value pro rata from the other
 *       subnets through their pools and stake the TAO into subnet k.
 *   <li><b>Reward</b>: change of the portfolio's exit value (TAO received if every position were sold into its pool
 *       now, so slippage and depth count) in percent of the starting exit value. It includes the staking
 *       emission (alpha paid pro rata to staked alpha), price moves and the slippage and fees of the agent's own
 *       swaps.
 * </ul>
 *
 * Deterministic for a seed; the market's random draws do not depend on the agent's actions, so strategies compared
 * on the same seed face the same exogenous flows (common random numbers).
 */
public final class StakingEnv {
  public static final int FEATURES_PER_SUBNET = 5;

  private final EnvConfig config;
  private final SplittableRandom rng;
  private final SubnetMarket market;
  private final double[] alpha;
  private final double startValue;
  private int tempo;
  private int trades;

  public StakingEnv(EnvConfig config, long seed) {
    this.config = config;
    this.rng = Randoms.forEntity(seed, "staking-env");
    this.market = new SubnetMarket(config.market(), rng);
    for (int t = 0; t < config.warmUpTempos(); t++) {
      market.step(rng);
    }
    alpha = new double[config.subnets()];
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = market.pool(i).buyAlpha(config.startTao() / alpha.length);
      market.addStakedAlpha(i, alpha[i]);
    }
    startValue = exitValue();
  }

  /** Observation names in vector order (written into the policy manifest). */
  public static List<String> observationNames(int subnets) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < subnets; i++) {
      for (String f : List.of("share_rel", "momentum", "yield_rel", "size_to_depth", "weight")) {
        names.add("subnet" + i + "." + f);
      }
    }
    return names;
  }

  /** Action names by index. */
  public static List<String> actionNames(int subnets) {
    List<String> names = new ArrayList<>();
    names.add("hold");
    for (int i = 0; i < subnets; i++) {
      names.add("shift_to_subnet" + i);
    }
    return names;
  }

  public float[] observation() {
    int n = alpha.length;
    int totalSubnets = config.market().networkSubnets();
    float[] obs = new float[n * FEATURES_PER_SUBNET];
    double meanYield = 0;
    double total = 0;
    double[] value = new double[n];
    for (int i = 0; i < n; i++) {
      meanYield += market.stakerYield(i) / n;
      value[i] = alpha[i] * market.price(i);
      total += value[i];
    }
    for (int i = 0; i < n; i++) {
      int o = i * FEATURES_PER_SUBNET;
      obs[o] = (float) (market.share(i) * totalSubnets - 1);
      obs[o + 1] = (float) (10 * Math.log(market.price(i) / market.priceEma(i)));
      obs[o + 2] = (float) Math.log(market.stakerYield(i) / meanYield);
      obs[o + 3] = (float) Math.log(total / market.pool(i).taoReserve());
      obs[o + 4] = (float) (value[i] / total);
    }
    return obs;
  }

  /** Applies an action, advances one tempo, returns the reward (percent of the starting exit value). */
  public double step(int action) {
    if (action < 0 || action > alpha.length) {
      throw new IllegalArgumentException("action " + action + " outside [0, " + alpha.length + "]");
    }
    double before = exitValue();
    if (action > 0 && shiftTo(action - 1)) {
      trades++;
    }
    double[] yield = new double[alpha.length];
    for (int i = 0; i < alpha.length; i++) {
      yield[i] = market.stakerYield(i);
    }
    market.step(rng);
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] += alpha[i] * yield[i]; // the agent's pro-rata part of the stakers' alpha emission
    }
    tempo++;
    return 100 * (exitValue() - before) / startValue;
  }

  /** Trades so far: actions that actually moved stake (a shift into a subnet already holding everything does not). */
  public int trades() {
    return trades;
  }

  /** Moves a chunk of the portfolio into {@code target}; false when there was nothing to move. */
  private boolean shiftTo(int target) {
    double[] value = new double[alpha.length];
    double total = 0;
    for (int i = 0; i < alpha.length; i++) {
      value[i] = alpha[i] * market.price(i);
      total += value[i];
    }
    double others = total - value[target];
    if (others <= 1e-9 * total) {
      return false; // already all in the target: nothing to move
    }
    double fraction = Math.min(1, config.chunk() * total / others);
    double tao = 0;
    for (int i = 0; i < alpha.length; i++) {
      if (i != target && alpha[i] > 0) {
        double sold = fraction * alpha[i];
        tao += market.pool(i).sellAlpha(sold);
        alpha[i] -= sold;
        market.addStakedAlpha(i, -sold);
      }
    }
    double bought = market.pool(target).buyAlpha(tao);
    alpha[target] += bought;
    market.addStakedAlpha(target, bought);
    return true;
  }

  /** TAO received if every position were sold into its pool now. */
  public double exitValue() {
    double v = 0;
    for (int i = 0; i < alpha.length; i++) {
      v += market.pool(i).quoteSellAlpha(alpha[i]);
    }
    return v;
  }

  public boolean done() {
    return tempo >= config.episodeTempos();
  }

  /** Episode return so far, percent of the starting exit value. */
  public double returnPercent() {
    return 100 * (exitValue() / startValue - 1);
  }

  public int subnets() {
    return alpha.length;
  }
}
