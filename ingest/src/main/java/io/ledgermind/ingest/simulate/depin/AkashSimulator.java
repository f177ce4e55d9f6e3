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
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Akash-like lease lifecycles on a ~6.5 s chain (docs/domain.md): a tenant's deployment opens an order
 * ({@code ORDER_CREATED}); one to five providers bid a price per block a few blocks later ({@code BID_CREATED}); the
 * tenant accepts the cheapest bid ({@code LEASE_CREATED}); the lease runs and is closed ({@code LEASE_CLOSED}) with
 * the amount owed = floor(price per block × blocks), in whole {@code uact}.
 *
 * <p>Prices are Cosmos DecCoin strings with 18 decimal places, as the chain prints them. Work ids are Akash's
 * {@code owner/dseq/gseq/oseq}; dseq is the creation height, as akash CLI clients choose it. Each message is its
 * own transaction, so {@code logIndex} counts events within the transaction.
 *
 * <pre>{@code
 * AkashSimulator akash = new AkashSimulator(AkashParams.builder().seed(3).build());
 * SimulatedBlock block = akash.next();
 * }</pre>
 */
public final class AkashSimulator implements Simulator {
  private static final String[] PROVIDER_CLASSES = {"gpu-datacenter", "gpu-consumer", "cpu"};
  private static final int DEC_COIN_SCALE = 18;

  private final AkashParams params;
  private final SyntheticChain chain;
  private final TreeMap<Long, List<Step>> scheduled = new TreeMap<>();
  private long nextBlock;

  public AkashSimulator(AkashParams params) {
    this.params = params;
    this.chain = params.chain("depin-akash");
    this.nextBlock = params.firstBlock();
  }

  @Override
  public String domain() {
    return "depin-akash";
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
    BlockLog log = new BlockLog(chain, block, BlockLog.Indexing.TRANSACTION);
    List<Step> due = scheduled.remove(block);
    if (due != null) {
      for (Step step : due) {
        emit(log, step);
      }
    }
    openOrders(block, log);
    return log.build();
  }

  public SyntheticChain chain() {
    return chain;
  }

  private void openOrders(long block, BlockLog log) {
    SplittableRandom random = SimRandom.of(params.seed(), "akash:orders", block);
    int count = SimRandom.poisson(random, params.deploymentsPerBlock());
    Set<Integer> ownersThisBlock = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      int owner = random.nextInt(params.owners());
      if (!ownersThisBlock.add(owner)) {
        continue; // one deployment per owner and dseq: dseq is the height
      }
      Deployment deployment = plan(block, owner);
      emit(log, new Step(DepinEventKind.ORDER_CREATED, deployment, -1));
    }
  }

  /** Draws the whole lifecycle up front from the deployment's own random stream and schedules it. */
  private Deployment plan(long dseq, int ownerIndex) {
    SplittableRandom random = SimRandom.of(params.seed(), "akash:deployment:" + ownerIndex, dseq);
    int bidCount = 1 + random.nextInt(params.maxBidsPerOrder());
    List<Bid> bids = new ArrayList<>(bidCount);
    Set<Integer> bidders = new LinkedHashSet<>();
    while (bidders.size() < bidCount) {
      bidders.add(random.nextInt(params.providers()));
    }
    long lastBid = dseq;
    int winner = 0;
    for (int provider : bidders) {
      long at = dseq + 1 + random.nextInt(3);
      BigDecimal price = BigDecimal.valueOf(random.nextLong(params.minPriceMicro(), params.maxPriceMicro()), 6)
          .setScale(DEC_COIN_SCALE, RoundingMode.UNNECESSARY);
      bids.add(new Bid(provider, price, at));
      lastBid = Math.max(lastBid, at);
      if (price.compareTo(bids.get(winner).price) < 0) {
        winner = bids.size() - 1;
      }
    }
    long leaseAt = lastBid + 1 + random.nextInt(3);
    double logMin = Math.log(params.minLeaseBlocks());
    double logMax = Math.log(params.maxLeaseBlocks());
    long duration = Math.max(params.minLeaseBlocks(), Math.min(params.maxLeaseBlocks(),
        Math.round(Math.exp(logMin + random.nextDouble() * (logMax - logMin)))));
    Deployment deployment = new Deployment(owner(ownerIndex), dseq, bids, winner, leaseAt, leaseAt + duration);
    for (int i = 0; i < bids.size(); i++) {
      schedule(bids.get(i).at, new Step(DepinEventKind.BID_CREATED, deployment, i));
    }
    schedule(leaseAt, new Step(DepinEventKind.LEASE_CREATED, deployment, winner));
    schedule(deployment.closeAt, new Step(DepinEventKind.LEASE_CLOSED, deployment, winner));
    return deployment;
  }

  private void schedule(long block, Step step) {
    scheduled.computeIfAbsent(block, b -> new ArrayList<>()).add(step);
  }

  private void emit(BlockLog log, Step step) {
    log.newTransaction();
    Deployment d = step.deployment;
    DepinUsageEvent.Builder event = DepinUsageEvent.newBuilder()
        .setMeta(log.nextMeta())
        .setNetwork(DepinNetwork.AKASH)
        .setKind(step.kind)
        .setConsumer(d.owner)
        .setWorkId(d.owner + "/" + d.dseq + "/1/1");
    if (step.bid >= 0) {
      Bid bid = d.bids.get(step.bid);
      event.setProvider(provider(bid.provider))
          .setProviderClass(PROVIDER_CLASSES[bid.provider % PROVIDER_CLASSES.length])
          .setPricePerBlock(bid.price.toPlainString())
          .setDenom(params.denom())
          .setDecimals(params.decimals());
      if (step.kind == DepinEventKind.LEASE_CLOSED) {
        long blocks = d.closeAt - d.leaseAt;
        BigInteger owed = bid.price.multiply(BigDecimal.valueOf(blocks)).setScale(0, RoundingMode.FLOOR)
            .toBigIntegerExact();
        event.setAmount(owed.toString()).setResourceUnits(Long.toString(blocks)).setResourceUnit("blocks");
      }
    }
    log.add(event.build());
  }

  private static String owner(int index) {
    return SimIds.bech32Like("akash", "akash-tenant|" + index);
  }

  private static String provider(int index) {
    return SimIds.bech32Like("akash", "akash-provider|" + index);
  }

  private record Bid(int provider, BigDecimal price, long at) {}

  private record Deployment(String owner, long dseq, List<Bid> bids, int winner, long leaseAt, long closeAt) {}

  /** One scheduled event; {@code bid} indexes the deployment's bids (-1 for the order itself). */
  private record Step(DepinEventKind kind, Deployment deployment, int bid) {}
}
