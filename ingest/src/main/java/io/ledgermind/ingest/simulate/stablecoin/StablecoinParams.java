package io.ledgermind.ingest.simulate.stablecoin;

import io.ledgermind.ingest.simulate.SimulationParams;
import io.ledgermind.ingest.simulate.DailySeasonality;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link StablecoinSimulator}: the tokens with their calibrated supply schedules
 * ({@link StablecoinToken}), the population of addresses and how funds move between them.
 *
 * <ul>
 *   <li>Transfers: a few per 12 s block per token with a daily cycle peaking at 14:00 UTC. Between users and venues
 *       (exchanges, bridges) both directions draw amounts from the same range; which way a transfer goes follows a
 *       daily deposit cycle (more deposits into venues in US hours), so venue flows net out over a day.
 *   <li>New supply reaches venues from the issuer: a mint credits the issuer's treasury, which sends a share of
 *       what it holds to exchanges (80 %) and bridges (20 %) every few minutes, about 35 % of it per hour.
 *   <li>Redemptions: an exchange sends funds to the issuer, which burns (redeems) them in the same block.
 * </ul>
 *
 * <pre>{@code
 * StablecoinParams params = StablecoinParams.builder()
 *     .seed(42)
 *     .tokens(List.of(StablecoinToken.usdc(), StablecoinToken.usdt()))
 *     .rateMultiplier(2.0)          // twice the default transfers per block
 *     .build();
 * }</pre>
 */
public final class StablecoinParams extends SimulationParams {
  private final List<StablecoinToken> tokens;
  private final int exchanges;
  private final int eoas;
  private final int bridges;
  private final DailySeasonality seasonality;
  private final DailySeasonality depositCycle;
  private final double distributionPerHour;
  private final int distributionIntervalBlocks;

  private StablecoinParams(Builder b) {
    super(b);
    this.tokens = b.tokens.stream().map(t -> t.withTransfersPerBlock(t.transfersPerBlock() * b.rateMultiplier))
        .toList();
    this.exchanges = b.exchanges;
    this.eoas = b.eoas;
    this.bridges = b.bridges;
    this.seasonality = b.seasonality;
    this.depositCycle = b.depositCycle;
    this.distributionPerHour = b.distributionPerHour;
    this.distributionIntervalBlocks = b.distributionIntervalBlocks;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<StablecoinToken> tokens() {
    return tokens;
  }

  public int exchanges() {
    return exchanges;
  }

  public int eoas() {
    return eoas;
  }

  public int bridges() {
    return bridges;
  }

  public DailySeasonality seasonality() {
    return seasonality;
  }

  /** Chance that a user-venue transfer goes into the venue: 0.5 × this cycle's factor. */
  public DailySeasonality depositCycle() {
    return depositCycle;
  }

  /** Share of the treasury's balance that moves on to venues per hour. */
  public double distributionPerHour() {
    return distributionPerHour;
  }

  /** Blocks between two distributions from the treasury. */
  public int distributionIntervalBlocks() {
    return distributionIntervalBlocks;
  }

  /** Blocks per day at this chain's block time: turns per-day rates into per-block chances. */
  public double blocksPerDay() {
    return 86_400_000.0 / blockTime().toMillis();
  }

  /** Builder for {@link StablecoinParams}. */
  public static final class Builder extends SimulationParams.Builder<Builder> {
    private List<StablecoinToken> tokens = List.of(StablecoinToken.usdc(), StablecoinToken.usdt());
    private double rateMultiplier = 1.0;
    private int exchanges = 8;
    private int eoas = 400;
    private int bridges = 3;
    private DailySeasonality seasonality = new DailySeasonality(0.6, 14);
    private DailySeasonality depositCycle = new DailySeasonality(0.2, 15);
    private double distributionPerHour = 0.35;
    private int distributionIntervalBlocks = 25;

    private Builder() {
      super("sim:stablecoin", Duration.ofSeconds(12));
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Simulated tokens, in the order their transactions appear in each block. */
    public Builder tokens(List<StablecoinToken> tokens) {
      this.tokens = List.copyOf(tokens);
      return this;
    }

    /** Scales every token's mean transfers per block (the CLI's events-per-block knob). */
    public Builder rateMultiplier(double rateMultiplier) {
      this.rateMultiplier = rateMultiplier;
      return this;
    }

    public Builder population(int exchanges, int eoas, int bridges) {
      this.exchanges = exchanges;
      this.eoas = eoas;
      this.bridges = bridges;
      return this;
    }

    public Builder seasonality(DailySeasonality seasonality) {
      this.seasonality = seasonality;
      return this;
    }

    public Builder depositCycle(DailySeasonality depositCycle) {
      this.depositCycle = depositCycle;
      return this;
    }

    public Builder distribution(double perHour, int intervalBlocks) {
      this.distributionPerHour = perHour;
      this.distributionIntervalBlocks = intervalBlocks;
      return this;
    }

    public StablecoinParams build() {
      Objects.requireNonNull(seasonality, "seasonality");
      Objects.requireNonNull(depositCycle, "depositCycle");
      if (tokens.isEmpty()) {
        throw new IllegalArgumentException("tokens: at least one token");
      }
      if (tokens.stream().map(StablecoinToken::symbol).distinct().count() != tokens.size()) {
        throw new IllegalArgumentException("tokens: symbols must be unique");
      }
      if (rateMultiplier < 0) {
        throw new IllegalArgumentException("rateMultiplier must be >= 0");
      }
      if (distributionPerHour <= 0 || distributionPerHour > 1 || distributionIntervalBlocks <= 0) {
        throw new IllegalArgumentException("distribution: share per hour in (0, 1], interval > 0 blocks");
      }
      return new StablecoinParams(this);
    }
  }
}
