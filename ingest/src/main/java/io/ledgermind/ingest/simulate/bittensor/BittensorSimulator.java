package io.ledgermind.ingest.simulate.bittensor;

import io.ledgermind.ingest.simulate.SimulatedBlock;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.ingest.simulate.SyntheticChain;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import io.ledgermind.world.bittensor.SubnetEconomy;
import io.ledgermind.world.bittensor.SubnetState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Bittensor on a synthetic chain: the world module's {@link SubnetEconomy} (subtensor's coinbase, block by block;
 * the same economy the staking policy is trained on) and, every {@code snapshotInterval} blocks (one tempo by
 * default), one {@link SubnetSnapshot} per netuid.
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
  private final SubnetEconomy economy;

  public BittensorSimulator(BittensorParams params) {
    this.params = params;
    this.chain = params.chain("bittensor");
    this.economy = new SubnetEconomy(params.economy());
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
    return chain.blockTime(economy.nextBlock());
  }

  /** TAO issued so far, rao. */
  public BigInteger totalIssuance() {
    return economy.totalIssuance();
  }

  public SyntheticChain chain() {
    return chain;
  }

  @Override
  public SimulatedBlock next() {
    long block = economy.step();
    List<SpecificRecord> events = new ArrayList<>();
    if (block % params.snapshotInterval() == 0) {
      for (int i = 0; i < economy.subnets(); i++) {
        events.add(snapshot(economy.snapshot(i)));
      }
    }
    return new SimulatedBlock(chain.chainId(), block, chain.blockTime(block), events);
  }

  private SubnetSnapshot snapshot(SubnetState s) {
    String blockHash = chain.blockHash(s.block());
    String eventId = EventIds.of("subnet-snapshot", chain.chainId(), blockHash, Integer.toString(s.netuid()));
    return SubnetSnapshot.newBuilder()
        .setMeta(chain.meta(s.block(), null, null, eventId))
        .setNetuid(s.netuid())
        .setTempo(params.economy().tempo())
        .setTaoReserve(s.taoReserve().toString())
        .setAlphaReserve(s.alphaReserve().toString())
        .setAlphaOutstanding(s.alphaOutstanding().toString())
        .setPrice(s.price())
        .setMovingPrice(s.movingPrice())
        .setTaoEmission(s.taoEmission().toString())
        .setAlphaEmission(s.alphaEmission().toString())
        .setEmissionShare(s.emissionShare())
        .setTaoStaked(s.taoStaked().toString())
        .setTaoUnstaked(s.taoUnstaked().toString())
        .setNetTaoFlow(s.netTaoFlow().toString())
        .setMinerBurnedFraction(s.minerBurned())
        .setBlockEmission(s.blockEmission().toString())
        .setTotalIssuance(s.totalIssuance().toString())
        .setEmissionRule(s.emissionRule().name())
        .setBlocksCovered(s.blocksCovered())
        .build();
  }
}
