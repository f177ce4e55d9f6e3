package io.ledgermind.ingest.simulate.depin;

import io.ledgermind.ingest.simulate.BlockLog;
import io.ledgermind.ingest.simulate.SimIds;
import io.ledgermind.world.SimRandom;
import io.ledgermind.ingest.simulate.SimulatedBlock;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.ingest.simulate.SyntheticChain;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A Render-like network under Burn-Mint Equilibrium (docs/domain.md): creators submit render jobs; when a node operator
 * completes one, the creator pays and that payment is burned less a fee (5 % by default); operators are paid from
 * newly minted emissions each payout epoch, pro rata to the OctaneBench hours (OBh) they completed in it.
 *
 * <p>Per completed job the simulator emits, in one transaction: {@code JOB_COMPLETED}, {@code PAYMENT} (gross) and
 * {@code BURN} (payment × (1 − fee), exact). Per epoch: one {@code MINT} per operator with work, or one to the
 * rewards pool when nobody worked; the amounts sum exactly to {@link RenderEmissionSchedule#between}.
 *
 * <pre>{@code
 * RenderSimulator render = new RenderSimulator(RenderParams.builder().seed(1).build());
 * SimulatedBlock block = render.next();
 * }</pre>
 */
public final class RenderSimulator implements Simulator {
  static final String REWARDS_POOL = "render-rewards-pool";
  private static final String UNIT = "OBh";

  private final RenderParams params;
  private final SyntheticChain chain;
  private final long epochMillis;
  private final TreeMap<Long, List<Job>> completions = new TreeMap<>();
  /** OBh tenths completed per operator in the epoch being accumulated. */
  private final TreeMap<Integer, Long> epochWork = new TreeMap<>();
  private long epochWorkEpoch;
  private long nextBlock;

  public RenderSimulator(RenderParams params) {
    this.params = params;
    this.chain = params.chain("depin-render");
    this.epochMillis = params.payoutEpoch().toMillis();
    this.nextBlock = params.firstBlock();
    this.epochWorkEpoch = epochOf(nextBlock);
  }

  @Override
  public String domain() {
    return "depin-render";
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Instant peekTime() {
    return chain.blockTime(nextBlock);
  }

  @Override
  public SimulatedBlock next() {
    long block = nextBlock++;
    BlockLog log = new BlockLog(chain, block, BlockLog.Indexing.BLOCK);
    payEpochsEndedBefore(block, log);
    complete(block, log);
    submit(block, log);
    return log.build();
  }

  public SyntheticChain chain() {
    return chain;
  }

  /** Emission mints for every payout epoch that ended before {@code block} begins. */
  private void payEpochsEndedBefore(long block, BlockLog log) {
    long epoch = epochOf(block);
    while (epochWorkEpoch < epoch) {
      mintEpoch(epochWorkEpoch, log);
      epochWork.clear();
      epochWorkEpoch++;
    }
  }

  private void mintEpoch(long epoch, BlockLog log) {
    long from = epoch * epochMillis;
    BigInteger minted = params.emissions().between(from, from + epochMillis);
    if (minted.signum() == 0) {
      return;
    }
    log.newTransaction();
    if (epochWork.isEmpty()) {
      log.add(mint(log, REWARDS_POOL, epoch, minted, 0));
      return;
    }
    long totalWork = epochWork.values().stream().mapToLong(Long::longValue).sum();
    BigInteger distributed = BigInteger.ZERO;
    List<Map.Entry<Integer, Long>> shares = new ArrayList<>(epochWork.entrySet());
    for (int i = 0; i < shares.size(); i++) {
      Map.Entry<Integer, Long> share = shares.get(i);
      // The last operator (highest id) gets the rounding remainder, so the epoch mints exactly its emission.
      BigInteger amount = i == shares.size() - 1 ? minted.subtract(distributed)
          : minted.multiply(BigInteger.valueOf(share.getValue())).divide(BigInteger.valueOf(totalWork));
      distributed = distributed.add(amount);
      if (amount.signum() > 0) {
        log.add(mint(log, operator(share.getKey()), epoch, amount, share.getValue()));
      }
    }
  }

  private void complete(long block, BlockLog log) {
    List<Job> done = completions.remove(block);
    if (done == null) {
      return;
    }
    for (Job job : done) {
      BigInteger payment = params.pricePerTenthObhByTier().get(job.tier - 1).multiply(BigInteger.valueOf(job.tenths));
      BigInteger burn = payment.multiply(BigInteger.valueOf(10_000L - params.feeBasisPoints()))
          .divide(BigInteger.valueOf(10_000));
      log.newTransaction();
      log.add(usage(log, DepinEventKind.JOB_COMPLETED, job, job.operatorAddress(), null));
      log.add(usage(log, DepinEventKind.PAYMENT, job, job.operatorAddress(), payment));
      log.add(usage(log, DepinEventKind.BURN, job, job.operatorAddress(), burn));
      epochWork.merge(job.operator, job.tenths, Long::sum);
    }
  }

  private void submit(long block, BlockLog log) {
    SplittableRandom random = SimRandom.of(params.seed(), "render:jobs", block);
    int count = SimRandom.poisson(random, params.jobsPerBlock() * params.seasonality().factor(chain.blockTime(block)));
    for (int i = 0; i < count; i++) {
      int tier = 1 + random.nextInt(params.pricePerTenthObhByTier().size());
      // Operators serve one tier each (id mod tiers), as Render tiers are node classes.
      int tiers = params.pricePerTenthObhByTier().size();
      int slots = Math.max(1, (params.operators() - tier + tiers) / tiers);
      int operator = Math.min(params.operators() - 1, tier - 1 + tiers * random.nextInt(slots));
      Job job = new Job("render-job-" + block + "-" + i, consumer(random.nextInt(params.consumers())), operator, tier,
          random.nextLong(10, 50_001), block);
      long completion = block + random.nextLong(5, 601);
      completions.computeIfAbsent(completion, b -> new ArrayList<>()).add(job);
      log.newTransaction();
      log.add(usage(log, DepinEventKind.JOB_SUBMITTED, job, null, null));
    }
  }

  private DepinUsageEvent usage(BlockLog log, DepinEventKind kind, Job job, String provider, BigInteger amount) {
    return DepinUsageEvent.newBuilder()
        .setMeta(log.nextMeta())
        .setNetwork(DepinNetwork.RENDER)
        .setKind(kind)
        .setProvider(provider)
        .setConsumer(job.consumer)
        .setWorkId(job.id)
        .setProviderClass("tier-" + job.tier)
        .setAmount(amount == null ? null : amount.toString())
        .setDenom(amount == null ? null : params.denom())
        .setDecimals(amount == null ? null : params.decimals())
        .setResourceUnits(obh(job.tenths))
        .setResourceUnit(UNIT)
        .build();
  }

  private DepinUsageEvent mint(BlockLog log, String provider, long epoch, BigInteger amount, long tenths) {
    return DepinUsageEvent.newBuilder()
        .setMeta(log.nextMeta())
        .setNetwork(DepinNetwork.RENDER)
        .setKind(DepinEventKind.MINT)
        .setProvider(provider)
        .setWorkId("emission-epoch-" + epoch)
        .setAmount(amount.toString())
        .setDenom(params.denom())
        .setDecimals(params.decimals())
        .setResourceUnits(obh(tenths))
        .setResourceUnit(UNIT)
        .build();
  }

  private long epochOf(long block) {
    return Math.floorDiv(chain.blockTime(block).toEpochMilli() - params.genesis().toEpochMilli(), epochMillis);
  }

  private static String obh(long tenths) {
    return BigDecimal.valueOf(tenths, 1).toPlainString();
  }

  private static String consumer(int index) {
    return SimIds.evmAddress("render-consumer|" + index);
  }

  static String operator(int index) {
    return SimIds.evmAddress("render-operator|" + index);
  }

  /** A submitted job and who will complete it. */
  private record Job(String id, String consumer, int operator, int tier, long tenths, long submittedAt) {
    String operatorAddress() {
      return RenderSimulator.operator(operator);
    }
  }
}
