package io.ledgermind.ingest.simulate.bittensor;

import io.ledgermind.ingest.simulate.SimulationParams;
import io.ledgermind.world.bittensor.EconomyParams;
import io.ledgermind.world.bittensor.EmissionRule;
import java.math.BigInteger;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Settings of the {@link BittensorSimulator}: the synthetic chain (12 s blocks, 7,200 a day), how often subnets are
 * snapshotted, and the economy's protocol rules and market behaviour ({@link EconomyParams}, defaults and sources
 * there). The seed and first block are the chain's and are handed to the economy.
 *
 * <pre>{@code
 * BittensorParams params = BittensorParams.builder()
 *     .seed(42)
 *     .initialIssuance(TaoEmission.tao(10_499_000))   // just below the first halving
 *     .emissionRule(EmissionRule.TAOFLOW)
 *     .subnets(16)
 *     .build();
 * }</pre>
 */
public final class BittensorParams extends SimulationParams {
  private final int snapshotInterval;
  private final EconomyParams economy;

  private BittensorParams(Builder b) {
    super(b);
    this.economy = b.economy.seed(seed()).firstBlock(firstBlock()).build();
    this.snapshotInterval = b.snapshotInterval == 0 ? economy.tempo() : b.snapshotInterval;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Blocks between snapshots of every subnet (one tempo unless set). */
  public int snapshotInterval() {
    return snapshotInterval;
  }

  /** The economy's rules and behaviour, with this simulation's seed and first block. */
  public EconomyParams economy() {
    return economy;
  }

  /** Builder for {@link BittensorParams}; the common economy settings have setters, the rest go through {@link
   * #economy(UnaryOperator)}. */
  public static final class Builder extends SimulationParams.Builder<Builder> {
    private int snapshotInterval;
    private EconomyParams.Builder economy = EconomyParams.builder();

    private Builder() {
      super("sim:bittensor", Duration.ofSeconds(12));
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Blocks between snapshots of every subnet; 0 (default) = one tempo. */
    public Builder snapshotInterval(int blocks) {
      if (blocks < 0) {
        throw new IllegalArgumentException("snapshotInterval must be >= 0: " + blocks);
      }
      this.snapshotInterval = blocks;
      return this;
    }

    /** Any economy setting, e.g. {@code .economy(e -> e.rootTao(BigInteger.ZERO))}. */
    public Builder economy(UnaryOperator<EconomyParams.Builder> change) {
      this.economy = change.apply(economy);
      return this;
    }

    /** See {@link EconomyParams.Builder#subnets}. */
    public Builder subnets(int subnets) {
      economy.subnets(subnets);
      return this;
    }

    /** See {@link EconomyParams.Builder#networkSubnets}. */
    public Builder networkSubnets(int networkSubnets) {
      economy.networkSubnets(networkSubnets);
      return this;
    }

    /** See {@link EconomyParams.Builder#initialIssuance}. */
    public Builder initialIssuance(BigInteger rao) {
      economy.initialIssuance(rao);
      return this;
    }

    /** See {@link EconomyParams.Builder#emissionRule}. */
    public Builder emissionRule(EmissionRule rule) {
      economy.emissionRule(rule);
      return this;
    }

    public BittensorParams build() {
      return new BittensorParams(this);
    }
  }
}
