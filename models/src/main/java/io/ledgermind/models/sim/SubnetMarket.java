package io.ledgermind.models.sim;

import static io.ledgermind.models.sim.Randoms.gaussian;
import static io.ledgermind.models.sim.Randoms.logUniform;

import java.util.SplittableRandom;

/**
 * A stylised Bittensor (dynamic TAO) market of N subnets, advanced one tempo (360 blocks) at a time:
 *
 * <ol>
 *   <li>Other stakers' net TAO flow into each subnet (an AR(1) wave plus yield chasing) is swapped through the
 *       subnet's pool, moving its price.
 *   <li>The tempo's TAO emission ({@link BlockEmission}) is split by the {@link EmissionRule}; each subnet's share
 *       of TAO is injected into its pool together with alpha at the current price, the alpha capped at
 *       {@code rootProportion x alpha emission} (so a capped subnet's price rises).
 *   <li>The subnet's own alpha emission goes to stakers (pro rata to staked alpha), miners (who burn
 *       {@code minerBurned} of theirs and sell part of the rest into the pool) and the owner.
 *   <li>Price and flow EMAs update.
 * </ol>
 *
 * Deterministic for a seed: all randomness comes from the {@link SplittableRandom} handed in.
 */
public final class SubnetMarket {
  private final MarketConfig config;
  private final WeightedPool[] pools;
  private final double[] stakedAlpha;
  private final double[] priceEma;
  private final double[] flowEma;
  private final double[] flowWave;
  private final double[] minerBurned;
  private final double[] shares;
  private final double[] lastFlowTao;
  private double issuance;
  private long tempo;
  /** Aggregate emission weight of the network's unmodelled subnets, fixed at start (see {@link #computeShares}). */
  private double[] restWeight = new double[EmissionRule.values().length];

  public SubnetMarket(MarketConfig config, SplittableRandom rng) {
    this.config = config;
    int n = config.subnets();
    pools = new WeightedPool[n];
    stakedAlpha = new double[n];
    priceEma = new double[n];
    flowEma = new double[n];
    flowWave = new double[n];
    minerBurned = new double[n];
    shares = new double[n];
    lastFlowTao = new double[n];
    issuance = config.initialIssuanceTao();
    for (int i = 0; i < n; i++) {
      double tao = logUniform(rng, config.minTaoReserve(), config.maxTaoReserve());
      double price = logUniform(rng, config.minPrice(), config.maxPrice());
      pools[i] = new WeightedPool(tao, tao / price, 0.5, config.swapFee());
      stakedAlpha[i] = tao / price * (2 + 4 * rng.nextDouble());
      priceEma[i] = price;
      // A third of subnets burn part of their miner emission (MinerBurned), which lowers their emission share.
      minerBurned[i] = rng.nextDouble() < 0.33 ? 0.2 + 0.6 * rng.nextDouble() : 0;
      // Seed the flow EMA with a typical inflow so the Taoflow rule starts with non-zero weights.
      flowEma[i] = config.flowVolatility() * tao;
    }
    int others = config.networkSubnets() - n;
    for (EmissionRule rule : EmissionRule.values()) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += weight(rule, i) / n;
      }
      restWeight[rule.ordinal()] = others * mean;
    }
    computeShares();
  }

  /** Advances one tempo. */
  public void step(SplittableRandom rng) {
    int n = pools.length;
    double[] yieldRel = relativeStakerYield();
    for (int i = 0; i < n; i++) {
      flowWave[i] = config.flowPersistence() * flowWave[i] + config.flowVolatility() * gaussian(rng)
          + config.yieldChase() * Math.log(yieldRel[i]);
      double flowTao = flowWave[i] * pools[i].taoReserve();
      if (flowTao >= 0) {
        stakedAlpha[i] += pools[i].buyAlpha(flowTao);
      } else {
        double alphaSold = Math.min(-flowTao / pools[i].price(), 0.5 * stakedAlpha[i]);
        pools[i].sellAlpha(alphaSold);
        stakedAlpha[i] -= alphaSold;
      }
      lastFlowTao[i] = flowTao;
    }
    emit();
    for (int i = 0; i < n; i++) {
      priceEma[i] += config.priceEmaAlpha() * (pools[i].price() - priceEma[i]);
      flowEma[i] += config.flowEmaAlpha() * (lastFlowTao[i] - flowEma[i]);
    }
    computeShares();
    tempo++;
  }

  private void emit() {
    double taoEmission = BlockEmission.taoPerBlock(issuance) * BlockEmission.BLOCKS_PER_TEMPO;
    issuance += taoEmission;
    double alphaEmission = config.alphaPerBlock() * BlockEmission.BLOCKS_PER_TEMPO;
    for (int i = 0; i < pools.length; i++) {
      double taoIn = taoEmission * shares[i];
      double alphaIn = Math.min(taoIn / pools[i].price(), config.rootProportion() * alphaEmission);
      pools[i].inject(taoIn, alphaIn);
      double minerAlpha = config.minerShare() * alphaEmission * (1 - minerBurned[i]);
      double minerSold = config.minerSellFraction() * minerAlpha;
      pools[i].sellAlpha(minerSold);
      double ownerAlpha = (1 - config.stakerShare() - config.minerShare()) * alphaEmission;
      stakedAlpha[i] += config.stakerShare() * alphaEmission + (minerAlpha - minerSold) + ownerAlpha;
    }
  }

  /**
   * Shares of the whole network's emission: each modelled subnet's weight over the sum of all weights, where the
   * unmodelled subnets keep the aggregate weight they started with (as many subnets as the network has, each like
   * an average modelled one). So N simulated subnets get about N / networkSubnets of the emission, not all of it.
   */
  private void computeShares() {
    int n = pools.length;
    double total = restWeight[config.rule().ordinal()];
    for (int i = 0; i < n; i++) {
      shares[i] = weight(config.rule(), i);
      total += shares[i];
    }
    for (int i = 0; i < n; i++) {
      shares[i] = total > 0 ? shares[i] / total : 1d / config.networkSubnets();
    }
  }

  private double weight(EmissionRule rule, int i) {
    return switch (rule) {
      case PRICE_EMA -> priceEma[i] * (1 - minerBurned[i]);
      case TAOFLOW -> Math.max(flowEma[i], 0);
    };
  }

  /** Alpha paid to stakers per staked alpha this tempo, subnet i (before the agent's own stake is added). */
  public double stakerYield(int i) {
    return config.stakerShare() * config.alphaPerBlock() * BlockEmission.BLOCKS_PER_TEMPO / stakedAlpha[i];
  }

  private double[] relativeStakerYield() {
    double[] y = new double[pools.length];
    double mean = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = stakerYield(i);
      mean += y[i] / y.length;
    }
    for (int i = 0; i < y.length; i++) {
      y[i] /= mean;
    }
    return y;
  }

  /** The agent's stake joins (positive) or leaves (negative) subnet i's staked alpha. */
  public void addStakedAlpha(int i, double alpha) {
    stakedAlpha[i] += alpha;
  }

  public int subnets() {
    return pools.length;
  }

  public WeightedPool pool(int i) {
    return pools[i];
  }

  public double price(int i) {
    return pools[i].price();
  }

  public double priceEma(int i) {
    return priceEma[i];
  }

  /** Share of the network's emission subnet i receives at the next tempo (computed from the current EMAs). */
  public double share(int i) {
    return shares[i];
  }

  public double stakedAlpha(int i) {
    return stakedAlpha[i];
  }

  public double minerBurned(int i) {
    return minerBurned[i];
  }

  public double issuance() {
    return issuance;
  }

  public long tempo() {
    return tempo;
  }

}
