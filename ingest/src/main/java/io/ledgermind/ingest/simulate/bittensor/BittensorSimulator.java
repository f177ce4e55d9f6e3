package io.ledgermind.ingest.simulate.bittensor;

import io.ledgermind.ingest.bittensor.EmissionRule;
import io.ledgermind.ingest.simulate.Amounts;
import io.ledgermind.ingest.simulate.SimRandom;
import io.ledgermind.ingest.simulate.SimulatedBlock;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.ingest.simulate.SyntheticChain;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * Bittensor's dynamic-TAO economy block by block, following subtensor's coinbase (docs/domain.md):
 * <ol>
 *   <li>block emission from total issuance ({@link TaoEmission}, exact in rao); issuance grows by it;</li>
 *   <li>per-subnet shares by the configured {@link EmissionRule}, split exactly ({@link EmissionShares#apportion})
 *       among the network's subnets: the unsimulated ones together weigh as much as that many average simulated
 *       ones, and their part leaves the simulation (it is issued, but not to a simulated pool);</li>
 *   <li>per subnet: alpha emission from its alpha issuance (same halving curve); TAO is injected with the alpha it
 *       buys at spot price, the alpha injection capped at root_proportion × alpha_emission; TAO above the cap buys
 *       alpha from the pool (chain buy); alpha_emission goes to participants (outstanding alpha);</li>
 *   <li>random stakes/unstakes trade against the pool and feed the net TAO flow;</li>
 *   <li>moving price EMA ({@code α = movingAlpha · b / (b + halvingBlocks)}) and net-flow EMA update;</li>
 *   <li>every {@code snapshotInterval} blocks (one tempo by default) one {@link SubnetSnapshot} per netuid.</li>
 * </ol>
 * Randomness per (subnet, block): adding a subnet changes others only through the shares they compete for.
 *
 * <pre>{@code
 * BittensorSimulator sim = new BittensorSimulator(BittensorParams.builder().seed(42).build());
 * for (int i = 0; i < 7_200; i++) sim.next();          // one day
 * BigInteger issued = sim.totalIssuance();
 * }</pre>
 */
public final class BittensorSimulator implements Simulator {
  private final BittensorParams params;
  private final SyntheticChain chain;
  private final List<Subnet> subnets = new ArrayList<>();
  private BigInteger totalIssuance;
  private long nextBlock;

  public BittensorSimulator(BittensorParams params) {
    this.params = params;
    this.chain = params.chain("bittensor");
    this.totalIssuance = params.initialIssuance();
    this.nextBlock = params.firstBlock();
    for (int netuid = 1; netuid <= params.subnets(); netuid++) {
      subnets.add(new Subnet(netuid));
    }
  }

  @Override
  public String domain() {
    return "bittensor";
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Instant peekTime() {
    return chain.blockTime(nextBlock);
  }

  /** TAO issued so far, rao. */
  public BigInteger totalIssuance() {
    return totalIssuance;
  }

  public SyntheticChain chain() {
    return chain;
  }

  @Override
  public SimulatedBlock next() {
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
    for (Subnet subnet : subnets) {
      subnet.trade(block);
      subnet.updateAverages(block);
    }
    List<SpecificRecord> events = new ArrayList<>();
    if (block % params.snapshotInterval() == 0) {
      for (Subnet subnet : subnets) {
        events.add(subnet.snapshot(block, blockEmission));
      }
    }
    return new SimulatedBlock(chain.chainId(), block, chain.blockTime(block), events);
  }

  /** The simulated subnets' weights and, last, the unsimulated rest of the network's (when there is one). */
  private double[] withRestOfNetwork(double[] simulated) {
    int rest = params.networkSubnets() - simulated.length;
    if (rest == 0) {
      return simulated;
    }
    double[] all = java.util.Arrays.copyOf(simulated, simulated.length + 1);
    all[simulated.length] = rest * java.util.Arrays.stream(simulated).average().orElse(0);
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

    SubnetSnapshot snapshot(long block, BigInteger blockEmission) {
      String blockHash = chain.blockHash(block);
      String eventId = EventIds.of("subnet-snapshot", chain.chainId(), blockHash, Integer.toString(netuid));
      SubnetSnapshot snapshot = SubnetSnapshot.newBuilder()
          .setMeta(chain.meta(block, null, null, eventId))
          .setNetuid(netuid)
          .setTempo(params.tempo())
          .setTaoReserve(pool.taoReserve().toString())
          .setAlphaReserve(pool.alphaReserve().toString())
          .setAlphaOutstanding(alphaOutstanding.toString())
          .setPrice(pool.price())
          .setMovingPrice(movingPrice)
          .setTaoEmission(lastTaoEmission.toString())
          .setAlphaEmission(lastAlphaEmission.toString())
          .setEmissionShare(lastShare)
          .setTaoStaked(staked.toString())
          .setTaoUnstaked(unstaked.toString())
          .setNetTaoFlow(staked.subtract(unstaked).toString())
          .setMinerBurnedFraction(minerBurned)
          .setBlockEmission(blockEmission.toString())
          .setTotalIssuance(totalIssuance.toString())
          .setEmissionRule(params.emissionRule().name())
          .setBlocksCovered(Math.toIntExact(block - lastSnapshotBlock))
          .build();
      lastSnapshotBlock = block;
      staked = BigInteger.ZERO;
      unstaked = BigInteger.ZERO;
      return snapshot;
    }
  }
}
