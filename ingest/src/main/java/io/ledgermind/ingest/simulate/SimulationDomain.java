package io.ledgermind.ingest.simulate;

import io.ledgermind.ingest.simulate.bittensor.BittensorParams;
import io.ledgermind.ingest.simulate.bittensor.BittensorSimulator;
import io.ledgermind.ingest.simulate.depin.AkashParams;
import io.ledgermind.ingest.simulate.depin.AkashSimulator;
import io.ledgermind.ingest.simulate.depin.RenderParams;
import io.ledgermind.ingest.simulate.depin.RenderSimulator;
import io.ledgermind.ingest.simulate.stablecoin.StablecoinParams;
import io.ledgermind.ingest.simulate.stablecoin.StablecoinSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The simulators the CLI offers, built with default parameters from a seed. {@code intensity} scales how many events
 * each simulated block carries (1 = defaults); a block limit applies to every chain separately, so
 * {@code ALL} with 100 blocks simulates 100 blocks of each chain, merged in time order.
 *
 * <pre>{@code
 * Simulator sim = SimulationDomain.DEPIN.create(42, 1.0, OptionalLong.of(500));
 * }</pre>
 */
public enum SimulationDomain {
  STABLECOIN,
  DEPIN,
  BITTENSOR,
  ALL;

  /** Builds the domain's simulator(s); {@code blocksPerChain} empty = unbounded. */
  public Simulator create(long seed, double intensity, OptionalLong blocksPerChain) {
    if (intensity < 0) {
      throw new IllegalArgumentException("intensity must be >= 0: " + intensity);
    }
    List<Simulator> members = new ArrayList<>();
    if (this == STABLECOIN || this == ALL) {
      members.add(new StablecoinSimulator(StablecoinParams.builder().seed(seed).rateMultiplier(intensity).build()));
    }
    if (this == DEPIN || this == ALL) {
      RenderParams render = RenderParams.builder().seed(seed).build();
      members.add(new RenderSimulator(RenderParams.builder().seed(seed)
          .jobsPerBlock(render.jobsPerBlock() * intensity).build()));
      AkashParams akash = AkashParams.builder().seed(seed).build();
      members.add(new AkashSimulator(AkashParams.builder().seed(seed)
          .deploymentsPerBlock(akash.deploymentsPerBlock() * intensity).build()));
    }
    if (this == BITTENSOR || this == ALL) {
      BittensorParams bittensor = BittensorParams.builder().seed(seed).build();
      members.add(new BittensorSimulator(BittensorParams.builder().seed(seed)
          .economy(e -> e.stakeProbabilityPerBlock(Math.min(1.0, bittensor.economy().stakeProbabilityPerBlock() * intensity)))
          .build()));
    }
    if (blocksPerChain.isPresent()) {
      members.replaceAll(m -> Simulators.limit(m, blocksPerChain.getAsLong()));
    }
    return members.size() == 1 ? members.get(0) : Simulators.merge(name().toLowerCase(java.util.Locale.ROOT), members);
  }
}
