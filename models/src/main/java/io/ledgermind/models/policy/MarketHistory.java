package io.ledgermind.models.policy;

import io.ledgermind.world.bittensor.EconomyParams;
import io.ledgermind.world.bittensor.SubnetEconomy;
import io.ledgermind.world.bittensor.SubnetState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * One seed's run of the world's {@link SubnetEconomy}, recorded as a snapshot of every subnet at the end of each
 * tempo: exactly the snapshots ingest's simulator publishes for the same parameters. The staking environment replays
 * them.
 *
 * <p>Histories are cached per (economy, seed, length): simulating one costs about 65 µs a block (8 subnets, exact
 * integer arithmetic), so a 30-day history takes about 15 s and is built once per JVM.
 */
public final class MarketHistory {
  private static final Map<Key, MarketHistory> CACHE = new ConcurrentHashMap<>();

  private record Key(EconomyParams economy, long seed, int warmUpTempos, int tempos) {}

  private final long seed;
  private final SubnetState[][] states;

  private MarketHistory(long seed, SubnetState[][] states) {
    this.seed = seed;
    this.states = states;
  }

  /** The history of {@code seed}: {@code warmUpTempos} unrecorded tempos, then {@code tempos} recorded ones. */
  public static MarketHistory of(EconomyParams economy, long seed, int warmUpTempos, int tempos) {
    return CACHE.computeIfAbsent(new Key(economy, seed, warmUpTempos, tempos),
        k -> simulate(economy.toBuilder().seed(seed).build(), warmUpTempos, tempos));
  }

  /** Builds the histories of {@code seeds} in parallel, so later {@link #of} calls find them. */
  public static void prepare(EconomyParams economy, LongStream seeds, int warmUpTempos, int tempos) {
    seeds.parallel().forEach(seed -> of(economy, seed, warmUpTempos, tempos));
  }

  private static MarketHistory simulate(EconomyParams params, int warmUpTempos, int tempos) {
    SubnetEconomy economy = new SubnetEconomy(params);
    SubnetState[][] states = new SubnetState[tempos][];
    for (int t = -warmUpTempos; t < tempos; t++) {
      for (int b = 0; b < params.tempo(); b++) {
        economy.step();
      }
      // Every subnet is snapshotted each tempo, recorded or not, so each snapshot's flows cover one tempo.
      SubnetState[] tempo = IntStream.range(0, economy.subnets()).mapToObj(economy::snapshot)
          .toArray(SubnetState[]::new);
      if (t >= 0) {
        states[t] = tempo;
      }
    }
    return new MarketHistory(params.seed(), states);
  }

  public long seed() {
    return seed;
  }

  public int tempos() {
    return states.length;
  }

  /** Subnet {@code index} (netuid index + 1) at the end of recorded tempo {@code tempo}. */
  public SubnetState state(int tempo, int index) {
    return states[tempo][index];
  }
}
