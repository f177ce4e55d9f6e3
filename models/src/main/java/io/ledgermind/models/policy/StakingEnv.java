package io.ledgermind.models.policy;

import io.ledgermind.world.bittensor.SubnetPool;
import io.ledgermind.world.bittensor.SubnetState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reinforcement-learning environment: a staker holding alpha in the first {@code subnets} subnets of the world's
 * Bittensor economy decides each tempo whether to shift a chunk of its portfolio into one subnet. The economy is a
 * {@link MarketHistory}, a replay of the world's {@code SubnetEconomy} (the mechanics ingest's simulator publishes);
 * the agent is a price taker: its own swaps go through the tempo's pools at their exact reserves and pay slippage,
 * but do not change the replayed market. See models/README.md for the full definition.
 *
 * <ul>
 *   <li><b>State</b>: {@link StakingObservation}, built from the tempo's snapshots as the job builds it from its
 *       feature windows.
 *   <li><b>Actions</b>: 0 = hold; k = 1..N = sell {@code chunk} of the portfolio value pro rata from the other
 *       subnets through their pools and stake the TAO into subnet k.
 *   <li><b>Reward</b>: change of the portfolio's exit value (TAO received if every position were sold into its pool,
 *       so slippage and depth count) in percent of the starting exit value. It includes the staking emission (the
 *       stakers' part of the subnet's participant alpha, pro rata to alpha held), price moves and the slippage of
 *       the agent's own swaps.
 * </ul>
 *
 * Deterministic for an episode seed; every strategy evaluated on a seed faces the same market.
 */
public final class StakingEnv {
  public static final int FEATURES_PER_SUBNET = StakingObservation.FEATURES_PER_SUBNET;
  private static final BigDecimal UNITS_PER_TOKEN = BigDecimal.valueOf(1_000_000_000L);
  private static final long PPM = 1_000_000;

  private final EnvConfig config;
  private final MarketHistory history;
  private final int start;
  private final BigInteger[] alpha;
  private final long stakerSharePpm;
  private final double startValue;
  private int tempo;
  private int trades;

  /** The episode of {@code episodeSeed}: training seeds below 10^9, held-out ones from 10^9 ({@link EpisodeSeeds}). */
  public StakingEnv(EnvConfig config, long episodeSeed) {
    this(config, episodeSeed < EpisodeSeeds.HELD_OUT_BASE ? trainingHistory(config, episodeSeed)
        : heldOutHistory(config, episodeSeed), start(config, episodeSeed));
  }

  StakingEnv(EnvConfig config, MarketHistory history, int start) {
    if (start < 0 || start + config.episodeTempos() >= history.tempos()) {
      throw new IllegalArgumentException("episode [" + start + ", " + (start + config.episodeTempos())
          + "] outside the history's " + history.tempos() + " tempos");
    }
    this.config = config;
    this.history = history;
    this.start = start;
    this.stakerSharePpm = Math.round(config.economy().stakerShare() * PPM);
    this.alpha = new BigInteger[config.subnets()];
    BigInteger each = new BigDecimal(config.startTao() / alpha.length).multiply(UNITS_PER_TOKEN)
        .setScale(0, RoundingMode.FLOOR).toBigInteger();
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = pool(start, i).buyAlpha(each);
    }
    startValue = exitValue();
  }

  private static MarketHistory trainingHistory(EnvConfig config, long seed) {
    return MarketHistory.of(config.economy(), Math.floorMod(seed, config.trainingHistories()),
        config.warmUpTempos(), config.trainingHistoryTempos());
  }

  private static MarketHistory heldOutHistory(EnvConfig config, long seed) {
    long index = seed - EpisodeSeeds.HELD_OUT_BASE;
    return MarketHistory.of(config.economy(), EpisodeSeeds.HELD_OUT_BASE + index / config.heldOutWindows(),
        config.warmUpTempos(), config.heldOutHistoryTempos());
  }

  private static int start(EnvConfig config, long seed) {
    if (seed < EpisodeSeeds.HELD_OUT_BASE) {
      long starts = config.trainingHistoryTempos() - config.episodeTempos();
      return (int) Math.floorMod(seed / config.trainingHistories(), starts);
    }
    return (int) ((seed - EpisodeSeeds.HELD_OUT_BASE) % config.heldOutWindows()) * config.heldOutStride();
  }

  /** Simulates, two at a time, the held-out histories that {@code episodes} evaluation episodes replay. */
  public static void prepareHeldOut(EnvConfig config, int episodes) {
    long histories = (episodes + config.heldOutWindows() - 1) / config.heldOutWindows();
    MarketHistory.prepare(config.economy(), java.util.stream.LongStream.range(0, histories)
        .map(k -> EpisodeSeeds.HELD_OUT_BASE + k), config.warmUpTempos(), config.heldOutHistoryTempos());
  }

  /** Simulates, two at a time, the training histories. */
  public static void prepareTraining(EnvConfig config) {
    MarketHistory.prepare(config.economy(), java.util.stream.LongStream.range(0, config.trainingHistories()),
        config.warmUpTempos(), config.trainingHistoryTempos());
  }

  /** Observation names in vector order (written into the policy manifest). */
  public static List<String> observationNames(int subnets) {
    return StakingObservation.names(subnets);
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
    int t = start + tempo;
    List<SubnetTempo> subnets = new ArrayList<>(alpha.length);
    for (int i = 0; i < alpha.length; i++) {
      subnets.add(SubnetTempo.fromSnapshot(history.state(t, i)));
    }
    double[] value = spotValues(t);
    double total = sum(value);
    for (int i = 0; i < value.length; i++) {
      value[i] = total > 0 ? value[i] / total : 1.0 / value.length;
    }
    return StakingObservation.of(subnets, total, value, config.economy().networkSubnets());
  }

  /** Left to right, as before the values were gathered in one place (DoubleStream.sum compensates, and differs). */
  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  /** Each position's value at tempo t's spot prices, TAO. */
  private double[] spotValues(int t) {
    double[] value = new double[alpha.length];
    for (int i = 0; i < alpha.length; i++) {
      value[i] = tokens(alpha[i]) * history.state(t, i).price();
    }
    return value;
  }

  /** Applies an action, advances one tempo, returns the reward (percent of the starting exit value). */
  public double step(int action) {
    if (action < 0 || action > alpha.length) {
      throw new IllegalArgumentException("action " + action + " outside [0, " + alpha.length + "]");
    }
    if (done()) {
      throw new IllegalStateException("the episode is over");
    }
    double before = exitValue();
    if (action > 0 && shiftTo(action - 1)) {
      trades++;
    }
    tempo++;
    int t = start + tempo;
    for (int i = 0; i < alpha.length; i++) {
      // The stakers' part of the tempo's participant emission, pro rata to alpha held outside the pool.
      SubnetState s = history.state(t, i);
      BigInteger tempoEmission = s.participantAlphaEmission().multiply(BigInteger.valueOf(s.blocksCovered()));
      if (s.alphaOutstanding().signum() > 0) {
        alpha[i] = alpha[i].add(alpha[i].multiply(tempoEmission).multiply(BigInteger.valueOf(stakerSharePpm))
            .divide(s.alphaOutstanding().multiply(BigInteger.valueOf(PPM))));
      }
    }
    return 100 * (exitValue() - before) / startValue;
  }

  /** Trades so far: actions that actually moved stake (a shift into a subnet already holding everything does not). */
  public int trades() {
    return trades;
  }

  /** Moves a chunk of the portfolio into {@code target} through this tempo's pools; false when nothing moved. */
  private boolean shiftTo(int target) {
    int t = start + tempo;
    double[] value = spotValues(t);
    double total = sum(value);
    double others = total - value[target];
    if (others <= 1e-9 * total) {
      return false; // already all in the target: nothing to move
    }
    long fractionPpm = Math.round(Math.min(1, config.chunk() * total / others) * PPM);
    BigInteger tao = BigInteger.ZERO;
    for (int i = 0; i < alpha.length; i++) {
      if (i != target && alpha[i].signum() > 0) {
        BigInteger sold = alpha[i].multiply(BigInteger.valueOf(fractionPpm)).divide(BigInteger.valueOf(PPM));
        tao = tao.add(pool(t, i).sellAlpha(sold));
        alpha[i] = alpha[i].subtract(sold);
      }
    }
    alpha[target] = alpha[target].add(pool(t, target).buyAlpha(tao));
    return tao.signum() > 0;
  }

  /** TAO received if every position were sold into its pool now. */
  public double exitValue() {
    int t = start + tempo;
    BigInteger tao = BigInteger.ZERO;
    for (int i = 0; i < alpha.length; i++) {
      tao = tao.add(pool(t, i).sellAlpha(alpha[i]));
    }
    return tokens(tao);
  }

  /** A copy of subnet i's pool at tempo t: the agent trades against the replayed reserves. */
  private SubnetPool pool(int t, int i) {
    SubnetState s = history.state(t, i);
    return new SubnetPool(s.taoReserve(), s.alphaReserve(), config.economy().poolTaoWeightPpm());
  }

  private static double tokens(BigInteger units) {
    return new BigDecimal(units).divide(UNITS_PER_TOKEN).doubleValue();
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
