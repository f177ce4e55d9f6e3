package io.ledgermind.ingest.simulate.depin;

import io.ledgermind.ingest.simulate.SimulationParams;
import io.ledgermind.ingest.simulate.DailySeasonality;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link RenderSimulator}. Protocol rules that governance changes are configuration with the
 * docs/domain.md value as default: the burn fee (5 %, BME), the node operators' yearly emission (1.5M RENDER in the
 * current emission year; {@link RenderEmissionSchedule#operatorRewards}) and the payout epoch. RENDER is the SPL token
 * on Solana, 8 decimals. Calibration (docs/domain.md, "Magnitudes"): about 430 jobs a day of 1–5,000 OctaneBench
 * hours at 0.003–0.006 RENDER per OBh burn about 4,000 RENDER a day (≈ 120k a month, the public order of magnitude
 * of 2026). Job prices per OBh are illustrative, not quoted Render prices.
 *
 * <pre>{@code
 * RenderParams params = RenderParams.builder()
 *     .seed(42)
 *     .jobsPerBlock(1.5)
 *     .feeBasisPoints(500)          // 5 % of each payment is not burned
 *     .payoutEpoch(Duration.ofDays(1))
 *     .build();
 * }</pre>
 */
public final class RenderParams extends SimulationParams {
  private final int decimals;
  private final String denom;
  private final double jobsPerBlock;
  private final int consumers;
  private final int operators;
  private final List<BigInteger> pricePerTenthObhByTier;
  private final int feeBasisPoints;
  private final RenderEmissionSchedule emissions;
  private final Duration payoutEpoch;
  private final DailySeasonality seasonality;

  private RenderParams(Builder b) {
    super(b);
    this.decimals = b.decimals;
    this.denom = b.denom;
    this.jobsPerBlock = b.jobsPerBlock;
    this.consumers = b.consumers;
    this.operators = b.operators;
    this.pricePerTenthObhByTier = b.pricePerTenthObhByTier == null
        ? defaultPrices(b.decimals) : List.copyOf(b.pricePerTenthObhByTier);
    this.feeBasisPoints = b.feeBasisPoints;
    this.emissions = b.emissions == null ? RenderEmissionSchedule.operatorRewards(b.decimals) : b.emissions;
    this.payoutEpoch = b.payoutEpoch;
    this.seasonality = b.seasonality;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** 0.006 / 0.004 / 0.003 RENDER per OBh for tiers 1..3, per tenth of an OBh in smallest units. */
  private static List<BigInteger> defaultPrices(int decimals) {
    BigInteger unit = BigInteger.TEN.pow(decimals);
    return List.of(unit.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(10_000)),
        unit.multiply(BigInteger.valueOf(4)).divide(BigInteger.valueOf(10_000)),
        unit.multiply(BigInteger.valueOf(3)).divide(BigInteger.valueOf(10_000)));
  }

  public int decimals() {
    return decimals;
  }

  public String denom() {
    return denom;
  }

  public double jobsPerBlock() {
    return jobsPerBlock;
  }

  public int consumers() {
    return consumers;
  }

  public int operators() {
    return operators;
  }

  /** Price of a tenth of an OctaneBench hour, smallest units, index 0 = tier 1. */
  public List<BigInteger> pricePerTenthObhByTier() {
    return pricePerTenthObhByTier;
  }

  /** Share of each payment kept as fee (not burned), in basis points: 500 = 5 %. */
  public int feeBasisPoints() {
    return feeBasisPoints;
  }

  public RenderEmissionSchedule emissions() {
    return emissions;
  }

  /** How often node operators are paid from the emission schedule. */
  public Duration payoutEpoch() {
    return payoutEpoch;
  }

  public DailySeasonality seasonality() {
    return seasonality;
  }

  /** Builder for {@link RenderParams}. */
  public static final class Builder extends SimulationParams.Builder<Builder> {
    private int decimals = 8;
    private String denom = "RENDER";
    private double jobsPerBlock = 0.06;
    private int consumers = 200;
    private int operators = 60;
    private List<BigInteger> pricePerTenthObhByTier;
    private int feeBasisPoints = 500;
    private RenderEmissionSchedule emissions;
    private Duration payoutEpoch = Duration.ofDays(1);
    private DailySeasonality seasonality = new DailySeasonality(0.3, 16);

    private Builder() {
      super("sim:render", Duration.ofSeconds(12));
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Token decimals: 8 for RENDER on Solana (default), 18 for the Ethereum-era ERC-20 RNDR. */
    public Builder decimals(int decimals) {
      this.decimals = decimals;
      return this;
    }

    public Builder denom(String denom) {
      this.denom = denom;
      return this;
    }

    /** Mean jobs submitted per block before seasonality. */
    public Builder jobsPerBlock(double jobsPerBlock) {
      this.jobsPerBlock = jobsPerBlock;
      return this;
    }

    public Builder population(int consumers, int operators) {
      this.consumers = consumers;
      this.operators = operators;
      return this;
    }

    /** Price per tenth OBh per tier (smallest units); each must keep the burn exact (see {@link #build()}). */
    public Builder pricePerTenthObhByTier(List<BigInteger> prices) {
      this.pricePerTenthObhByTier = List.copyOf(prices);
      return this;
    }

    public Builder feeBasisPoints(int feeBasisPoints) {
      this.feeBasisPoints = feeBasisPoints;
      return this;
    }

    public Builder emissions(RenderEmissionSchedule emissions) {
      this.emissions = emissions;
      return this;
    }

    public Builder payoutEpoch(Duration payoutEpoch) {
      this.payoutEpoch = payoutEpoch;
      return this;
    }

    public Builder seasonality(DailySeasonality seasonality) {
      this.seasonality = seasonality;
      return this;
    }

    /**
     * Validates. Every price must be a multiple of 10,000 / gcd(10,000, 10,000 − fee): then every payment splits
     * into burn and fee without rounding, and "burn = payment × (1 − fee)" holds exactly.
     */
    public RenderParams build() {
      Objects.requireNonNull(denom, "denom");
      if (feeBasisPoints < 0 || feeBasisPoints > 10_000) {
        throw new IllegalArgumentException("feeBasisPoints must be in [0, 10000]: " + feeBasisPoints);
      }
      if (consumers <= 0 || operators <= 0 || jobsPerBlock < 0 || decimals < 0) {
        throw new IllegalArgumentException("consumers, operators > 0; jobsPerBlock, decimals >= 0");
      }
      // chainId, genesis and blockTime are checked by SimulationParams' constructor.
      RenderParams params = new RenderParams(this);
      if (payoutEpoch.compareTo(params.blockTime()) < 0) {
        throw new IllegalArgumentException("payoutEpoch must be at least one block: " + payoutEpoch);
      }
      BigInteger tenThousand = BigInteger.valueOf(10_000);
      BigInteger granularity = tenThousand.divide(tenThousand.gcd(BigInteger.valueOf(10_000 - feeBasisPoints)));
      for (BigInteger price : params.pricePerTenthObhByTier) {
        if (price.signum() <= 0 || price.mod(granularity).signum() != 0) {
          throw new IllegalArgumentException("pricePerTenthObhByTier: " + price + " is not a positive multiple of "
              + granularity + ", so a " + feeBasisPoints + " bp fee would round the burn");
        }
      }
      return params;
    }
  }
}
