package io.ledgermind.ingest.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What every simulator's settings share: the seed and the synthetic chain it writes on (id, genesis time, block
 * time, first block). Domain settings classes extend this and their builders extend {@link Builder}, so these five
 * settings are declared, defaulted and validated in one place.
 */
public abstract class SimulationParams {
  /** Genesis of every simulated chain unless set: a fixed instant, so runs are reproducible. */
  public static final Instant DEFAULT_GENESIS = Instant.parse("2026-01-05T00:00:00Z");

  private final long seed;
  private final String chainId;
  private final Instant genesis;
  private final Duration blockTime;
  private final long firstBlock;

  protected SimulationParams(Builder<?> b) {
    this.seed = b.seed;
    this.chainId = Objects.requireNonNull(b.chainId, "chainId");
    this.genesis = Objects.requireNonNull(b.genesis, "genesis");
    this.blockTime = Objects.requireNonNull(b.blockTime, "blockTime");
    if (b.firstBlock < 0) {
      throw new IllegalArgumentException("firstBlock must be >= 0: " + b.firstBlock);
    }
    this.firstBlock = b.firstBlock;
  }

  public long seed() {
    return seed;
  }

  public String chainId() {
    return chainId;
  }

  public Instant genesis() {
    return genesis;
  }

  public Duration blockTime() {
    return blockTime;
  }

  public long firstBlock() {
    return firstBlock;
  }

  /** The synthetic chain these settings describe, for the simulator of {@code domain}. */
  public SyntheticChain chain(String domain) {
    return new SyntheticChain(chainId, domain, seed, genesis, blockTime);
  }

  /** Builder of the shared settings; {@code B} is the concrete builder, so calls chain across both levels. */
  public abstract static class Builder<B extends Builder<B>> {
    private long seed = 42;
    private String chainId;
    private Instant genesis = DEFAULT_GENESIS;
    private Duration blockTime;
    private long firstBlock = 1;

    /** @param chainId default chain id, {@code sim:<name>}; @param blockTime default block time of the domain */
    protected Builder(String chainId, Duration blockTime) {
      this.chainId = chainId;
      this.blockTime = blockTime;
    }

    protected abstract B self();

    public B seed(long seed) {
      this.seed = seed;
      return self();
    }

    public B chainId(String chainId) {
      this.chainId = chainId;
      return self();
    }

    public B genesis(Instant genesis) {
      this.genesis = genesis;
      return self();
    }

    public B blockTime(Duration blockTime) {
      this.blockTime = blockTime;
      return self();
    }

    /** Number of the first simulated block (default 1). */
    public B firstBlock(long firstBlock) {
      this.firstBlock = firstBlock;
      return self();
    }
  }
}
