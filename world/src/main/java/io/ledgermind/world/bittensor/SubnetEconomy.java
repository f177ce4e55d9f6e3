package io.ledgermind.world.bittensor;

import io.ledgermind.world.Amounts;
import io.ledgermind.world.SimRandom;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bittensor's dynamic-TAO economy block by block, following subtensor's coinbase (docs/domain.md). It is the one
 * implementation of these rules: ingest's simulator publishes its snapshots, the models' staking environment replays
 * them.
 * <ol>
 *   <li>block emission from total issuance ({@link TaoEmission}, exact in rao); issuance grows by it;</li>
 *   <li>per-subnet shares by the configured {@link EmissionRule}, split exactly ({@link EmissionShares#apportion})
 *       among the network's subnets: the unsimulated ones together weigh as much as that many average simulated
 *       ones, and their part leaves the simulation (it is issued, but not to a simulated pool);</li>
 *   <li>per subnet: alpha emission from its alpha issuance (same halving curve); TAO is injected with the alpha it
 *       buys at spot price, the alpha injection capped at root_proportion × alpha_emission; TAO above the cap buys
 *       alpha from the pool (chain buy); alpha_emission goes to participants (outstanding alpha);</li>
 *   <li>random stakes/unstakes trade against the pool and feed the net TAO flow;</li>
 *   <li>moving price EMA ({@code α = movingAlpha · b / (b + halvingBlocks)}) and net-flow EMA update.</li>
 * </ol>
 * Randomness per (subnet, block) from {@link SimRandom}: adding a subnet changes others only through the shares they
 * compete for, and the same parameters always give the same economy.
 *
 * <pre>{@code
 * SubnetEconomy economy = new SubnetEconomy(EconomyParams.builder().seed(42).build());
 * for (int i = 0; i < 360; i++) economy.step();          // one tempo
 * SubnetState netuid1 = economy.snapshot(0);             // flows since the previous snapshot, then reset
 * }</pre>
 */
public final class SubnetEconomy {
  private final EconomyParams params;
  private final List<Subnet> subnets = new ArrayList<>();
  private BigInteger totalIssuance;
  private BigInteger lastBlockEmission = BigInteger.ZERO;
  private long nextBlock;

  public SubnetEconomy(EconomyParams params) {
    this.params = params;
    this.totalIssuance = params.initialIssuance();
    this.nextBlock = params.firstBlock();
    for (int netuid = 1; netuid <= params.subnets(); netuid++) {
      subnets.add(new Subnet(netuid));
    }
  }

  public EconomyParams params() {
    return params;
  }

  /** Number of the block the next {@link #step} produces. */
  public long nextBlock() {
    return nextBlock;
  }

  /** TAO issued so far, rao. */
  public BigInteger totalIssuance() {
    return totalIssuance;
  }

  public int subnets() {
    return subnets.size();
  }

  /** Advances one block; returns its number. */
  public long step() {
    long block = nextBlock++;
    BigInteger blockEmission = TaoEmission.perBlock(totalIssuance, params.totalSupply(), params.baseBlockEmission());
    if (Math.floorMod(block - params.firstBlock(), (long) params.tempo()) == 0) {
      subnets.forEach(s -> s.drawMinerBurned(block));
    }
    double[] weights = withRestOfNetwork(weights());
    double[] shares = EmissionShares.normalise(weights);
    BigInteger[] taoEmissions = EmissionShares.apportion(blockEmission, weights);
    for (int i = 0; i < subnets.size(); i++) {
      subnets.get(i).emit(taoEmissions[i], shares[i]);
    }
    totalIssuance = totalIssuance.add(blockEmission);
    lastBlockEmission = blockEmission;
    for (Subnet subnet : subnets) {
      subnet.trade(block);
      subnet.updateAverages(block);
    }
    return block;
  }

  /**
   * Subnet {@code index} (netuid index + 1) after the last block, with the stake flows since its previous snapshot;
   * those flows start again from zero.
   */
  public SubnetState snapshot(int index) {
    return subnets.get(index).snapshot(nextBlock - 1);
  }

  /** The simulated subnets' weights and, last, the unsimulated rest of the network's (when there is one). */
  private double[] withRestOfNetwork(double[] simulated) {
    int rest = params.networkSubnets() - simulated.length;
    if (rest == 0) {
      return simulated;
    }
    double[] all = Arrays.copyOf(simulated, simulated.length + 1);
    all[simulated.length] = rest * Arrays.stream(simulated).average().orElse(0);
    return all;
  }

  private double[] weights() {
    int n = subnets.size();
    if (params.emissionRule() == EmissionRule.TAOFLOW) {
      double[] emas = new double[n];
      for (int i = 0; i < n; i++) {
        emas[i] = subnets.get(i).flowEma;
      }
      return EmissionShares.taoflow(emas, params.taoFlowCutoff(), params.flowNormExponent());
    }
    double[] prices = new double[n];
    double[] burned = new double[n];
    for (int i = 0; i < n; i++) {
      prices[i] = subnets.get(i).movingPrice;
      burned[i] = subnets.get(i).minerBurned;
    }
    return EmissionShares.priceEma(prices, burned);
  }

  /** One subnet's pool, emission accounting and flow statistics. */
  private final class Subnet {
    private final int netuid;
    private final SubnetPool pool;
    private BigInteger alphaOutstanding;
    private double movingPrice;
    private double flowEma;
    private double minerBurned;
    private BigInteger blockFlow = BigInteger.ZERO;
    private BigInteger staked = BigInteger.ZERO;
    private BigInteger unstaked = BigInteger.ZERO;
    private BigInteger lastTaoEmission = BigInteger.ZERO;
    private BigInteger lastAlphaEmission = BigInteger.ZERO;
    private BigInteger lastParticipantAlpha = BigInteger.ZERO;
    private double lastShare;
    /** Block of the previous snapshot: the flows of the next one cover the blocks after it. */
    private long lastSnapshotBlock = params.firstBlock() - 1;

    Subnet(int netuid) {
      this.netuid = netuid;
      SplittableRandom random = SimRandom.of(params.seed(), "subnet:" + netuid + ":genesis", 0);
      // Alpha issuance (pool + outstanding) stays below 10M, under the first alpha halving at 10.5M.
      BigInteger alpha = Amounts.uniform(random, 500_000, 4_000_000).multiply(TaoEmission.RAO_PER_TAO);
      long pricePpm = random.nextLong(3_000, 80_000); // 0.003 .. 0.08 TAO per alpha
      long wTao = params.poolTaoWeightPpm();
      long wAlpha = 1_000_000 - wTao;
      BigInteger tao = alpha.multiply(BigInteger.valueOf(pricePpm)).multiply(BigInteger.valueOf(wTao))
          .divide(BigInteger.valueOf(wAlpha).multiply(BigInteger.valueOf(1_000_000)));
      this.pool = new SubnetPool(tao, alpha, params.poolTaoWeightPpm());
      this.alphaOutstanding = alpha.multiply(BigInteger.valueOf(random.nextLong(50, 150))).divide(BigInteger.valueOf(100));
      this.movingPrice = Math.min(pool.price(), 1.0);
    }

    void drawMinerBurned(long block) {
      SplittableRandom random = SimRandom.of(params.seed(), "subnet:" + netuid + ":burn", block / params.tempo());
      minerBurned = random.nextDouble() < params.minerBurnProbability()
          ? random.nextDouble() * params.maxMinerBurned() : 0.0;
    }

    /** Injects this block's TAO emission and the alpha it buys, capped; the rest is a chain buy. */
    void emit(BigInteger taoEmission, double share) {
      BigInteger alphaIssuance = pool.alphaReserve().add(alphaOutstanding);
      BigInteger alphaEmission = TaoEmission.perBlock(alphaIssuance, params.totalSupply(), params.baseBlockEmission());
      BigInteger alphaIn = pool.alphaAtSpot(taoEmission);
      BigInteger taoIn = taoEmission;
      BigInteger cap = injectionCap(alphaEmission, alphaIssuance);
      if (alphaIn.compareTo(cap) > 0) {
        alphaIn = cap;
        taoIn = pool.taoAtSpot(cap).min(taoEmission);
      }
      pool.inject(taoIn, alphaIn);
      BigInteger excess = taoEmission.subtract(taoIn);
      if (excess.signum() > 0) {
        // Chain buy: protocol-owned alpha leaves the pool and counts as outstanding.
        alphaOutstanding = alphaOutstanding.add(pool.buyAlpha(excess));
      }
      alphaOutstanding = alphaOutstanding.add(alphaEmission);
      lastTaoEmission = taoEmission;
      lastAlphaEmission = alphaIn.add(alphaEmission);
      lastParticipantAlpha = alphaEmission;
      lastShare = share;
    }

    /** root_proportion × alpha_emission, root_proportion = w·rootTao / (w·rootTao + alpha issuance). */
    private BigInteger injectionCap(BigInteger alphaEmission, BigInteger alphaIssuance) {
      BigDecimal weightedRoot = new BigDecimal(params.taoWeight()).multiply(new BigDecimal(params.rootTao()));
      BigDecimal denominator = weightedRoot.add(new BigDecimal(alphaIssuance));
      if (denominator.signum() == 0) {
        return BigInteger.ZERO;
      }
      return new BigDecimal(alphaEmission).multiply(weightedRoot).divide(denominator, 0, RoundingMode.FLOOR)
          .toBigIntegerExact();
    }

    /** At most one stake or unstake per block; the daily sentiment tilts the direction. */
    void trade(long block) {
      SplittableRandom random = SimRandom.of(params.seed(), "subnet:" + netuid + ":flow", block);
      if (random.nextDouble() >= params.stakeProbabilityPerBlock()) {
        return;
      }
      long day = block / 7_200;
      double sentiment = SimRandom.of(params.seed(), "subnet:" + netuid + ":sentiment", day).nextDouble() * 2 - 1;
      BigInteger tao = Amounts.logUniform(random, 0, 1, 9);
      if (random.nextDouble() < 0.5 + 0.3 * sentiment) {
        alphaOutstanding = alphaOutstanding.add(pool.buyAlpha(tao));
        staked = staked.add(tao);
        blockFlow = blockFlow.add(tao);
      } else {
        // Holders sell a sliver of the outstanding alpha at a time, so outflows slow down as holdings shrink.
        BigInteger alpha = pool.alphaAtSpot(tao).min(alphaOutstanding.divide(BigInteger.valueOf(2_000)));
        if (alpha.signum() <= 0) {
          return;
        }
        BigInteger taoOut = pool.sellAlpha(alpha);
        alphaOutstanding = alphaOutstanding.subtract(alpha);
        unstaked = unstaked.add(taoOut);
        blockFlow = blockFlow.subtract(taoOut);
      }
    }

    void updateAverages(long block) {
      double b = params.subnetAgeBlocks() + (block - params.firstBlock() + 1);
      double alpha = params.movingAlpha() * b / (b + params.emaPriceHalvingBlocks());
      movingPrice = alpha * Math.min(pool.price(), 1.0) + (1 - alpha) * movingPrice;
      double smoothing = params.flowEmaSmoothing();
      flowEma = (1 - smoothing) * flowEma + smoothing * blockFlow.doubleValue();
      blockFlow = BigInteger.ZERO;
    }

    SubnetState snapshot(long block) {
      SubnetState state = new SubnetState(netuid, block, pool.taoReserve(), pool.alphaReserve(), alphaOutstanding,
          pool.price(), movingPrice, lastTaoEmission, lastAlphaEmission, lastParticipantAlpha, lastShare, staked,
          unstaked, minerBurned, lastBlockEmission, totalIssuance, params.emissionRule(),
          Math.toIntExact(block - lastSnapshotBlock));
      lastSnapshotBlock = block;
      staked = BigInteger.ZERO;
      unstaked = BigInteger.ZERO;
      return state;
    }
  }
}
