package io.ledgermind.ingest.simulate.depin;

import io.ledgermind.ingest.simulate.SimulationParams;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link AkashSimulator}. Defaults follow akashnet-2 (docs/domain.md): ~6.5 s blocks, lease prices
 * per block as a Cosmos DecCoin (18 decimal places) in {@code uact} (ACT is dollar-denominated: 1 uact = $0.000001),
 * the denomination since ACT burn-mint (2026-03); set {@code denom("uakt")} for earlier periods. Calibration
 * (docs/domain.md, "Magnitudes"): about 510 new leases a day (46k a quarter) among 60 providers, paying about
 * $20 each on average (≈ $1M of lease revenue a quarter).
 *
 * <pre>{@code
 * AkashParams params = AkashParams.builder()
 *     .seed(42)
 *     .deploymentsPerBlock(0.5)
 *     .denom("uact")
 *     .build();
 * }</pre>
 */
public final class AkashParams extends SimulationParams {
  private final String denom;
  private final int decimals;
  private final double deploymentsPerBlock;
  private final int owners;
  private final int providers;
  private final int maxBidsPerOrder;
  private final long minPriceMicro;
  private final long maxPriceMicro;
  private final long minLeaseBlocks;
  private final long maxLeaseBlocks;

  private AkashParams(Builder b) {
    super(b);
    this.denom = b.denom;
    this.decimals = b.decimals;
    this.deploymentsPerBlock = b.deploymentsPerBlock;
    this.owners = b.owners;
    this.providers = b.providers;
    this.maxBidsPerOrder = b.maxBidsPerOrder;
    this.minPriceMicro = b.minPriceMicro;
    this.maxPriceMicro = b.maxPriceMicro;
    this.minLeaseBlocks = b.minLeaseBlocks;
    this.maxLeaseBlocks = b.maxLeaseBlocks;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String denom() {
    return denom;
  }

  public int decimals() {
    return decimals;
  }

  public double deploymentsPerBlock() {
    return deploymentsPerBlock;
  }

  public int owners() {
    return owners;
  }

  public int providers() {
    return providers;
  }

  public int maxBidsPerOrder() {
    return maxBidsPerOrder;
  }

  /** Lowest bid price per block, in millionths of a denom unit. */
  public long minPriceMicro() {
    return minPriceMicro;
  }

  /** Highest bid price per block (exclusive), in millionths of a denom unit. */
  public long maxPriceMicro() {
    return maxPriceMicro;
  }

  public long minLeaseBlocks() {
    return minLeaseBlocks;
  }

  public long maxLeaseBlocks() {
    return maxLeaseBlocks;
  }

  /** Builder for {@link AkashParams}. */
  public static final class Builder extends SimulationParams.Builder<Builder> {
    private String denom = "uact";
    private int decimals = 6;
    private double deploymentsPerBlock = 0.038;
    private int owners = 150;
    private int providers = 60;
    private int maxBidsPerOrder = 5;
    private long minPriceMicro = 200_000_000;      // 200 uact per block
    private long maxPriceMicro = 6_000_000_000L;   // 6,000 uact per block
    private long minLeaseBlocks = 20;
    private long maxLeaseBlocks = 100_000;       // ~7.5 days at 6.5 s

    private Builder() {
      super("sim:akash", Duration.ofMillis(6_500));
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Price denomination: {@code uact} (default, since 2026-03) or {@code uakt}. */
    public Builder denom(String denom) {
      this.denom = denom;
      return this;
    }

    public Builder decimals(int decimals) {
      this.decimals = decimals;
      return this;
    }

    /** Mean new deployments (orders) per block. */
    public Builder deploymentsPerBlock(double deploymentsPerBlock) {
      this.deploymentsPerBlock = deploymentsPerBlock;
      return this;
    }

    public Builder population(int owners, int providers) {
      this.owners = owners;
      this.providers = providers;
      return this;
    }

    public Builder maxBidsPerOrder(int maxBidsPerOrder) {
      this.maxBidsPerOrder = maxBidsPerOrder;
      return this;
    }

    /** Bid price range per block in millionths of a denom unit: [min, max). */
    public Builder priceRangeMicro(long min, long max) {
      this.minPriceMicro = min;
      this.maxPriceMicro = max;
      return this;
    }

    /** Lease lifetime range in blocks: [min, max]. */
    public Builder leaseBlocks(long min, long max) {
      this.minLeaseBlocks = min;
      this.maxLeaseBlocks = max;
      return this;
    }

    public AkashParams build() {
      Objects.requireNonNull(denom, "denom");
      if (owners <= 0 || providers <= 0 || maxBidsPerOrder <= 0 || maxBidsPerOrder > providers) {
        throw new IllegalArgumentException("owners, providers > 0 and 0 < maxBidsPerOrder <= providers");
      }
      if (minPriceMicro <= 0 || maxPriceMicro <= minPriceMicro) {
        throw new IllegalArgumentException("price range must satisfy 0 < min < max");
      }
      if (minLeaseBlocks <= 0 || maxLeaseBlocks < minLeaseBlocks) {
        throw new IllegalArgumentException("lease blocks must satisfy 0 < min <= max");
      }
      if (deploymentsPerBlock < 0) {
        throw new IllegalArgumentException("deploymentsPerBlock must be >= 0");
      }
      return new AkashParams(this);
    }
  }
}
