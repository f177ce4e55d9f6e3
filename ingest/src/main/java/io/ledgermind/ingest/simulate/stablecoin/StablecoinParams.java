package io.ledgermind.ingest.simulate.stablecoin;

import io.ledgermind.ingest.simulate.SimulationParams;
import io.ledgermind.ingest.simulate.DailySeasonality;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link StablecoinSimulator}. Defaults give a few transfers per 12 s block for USDC and USDT with
 * a daily cycle peaking at 14:00 UTC, hourly mint bursts now and then, redemptions and (USDT only) blacklisted funds
 * being destroyed.
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
  private final double burstHourProbability;
  private final double burstMintProbabilityPerBlock;
  private final double redemptionProbabilityPerBlock;
  private final double blacklistProbabilityPerBlock;

  private StablecoinParams(Builder b) {
    super(b);
    this.tokens = b.tokens.stream().map(t -> t.withTransfersPerBlock(t.transfersPerBlock() * b.rateMultiplier))
        .toList();
    this.exchanges = b.exchanges;
    this.eoas = b.eoas;
    this.bridges = b.bridges;
    this.seasonality = b.seasonality;
    this.burstHourProbability = b.burstHourProbability;
    this.burstMintProbabilityPerBlock = b.burstMintProbabilityPerBlock;
    this.redemptionProbabilityPerBlock = b.redemptionProbabilityPerBlock;
    this.blacklistProbabilityPerBlock = b.blacklistProbabilityPerBlock;
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

  public double burstHourProbability() {
    return burstHourProbability;
  }

  public double burstMintProbabilityPerBlock() {
    return burstMintProbabilityPerBlock;
  }

  public double redemptionProbabilityPerBlock() {
    return redemptionProbabilityPerBlock;
  }

  public double blacklistProbabilityPerBlock() {
    return blacklistProbabilityPerBlock;
  }

  /** Builder for {@link StablecoinParams}. */
  public static final class Builder extends SimulationParams.Builder<Builder> {
    private List<StablecoinToken> tokens = List.of(StablecoinToken.usdc(), StablecoinToken.usdt());
    private double rateMultiplier = 1.0;
    private int exchanges = 8;
    private int eoas = 400;
    private int bridges = 3;
    private DailySeasonality seasonality = new DailySeasonality(0.6, 14);
    private double burstHourProbability = 0.05;
    private double burstMintProbabilityPerBlock = 0.2;
    private double redemptionProbabilityPerBlock = 0.004;
    private double blacklistProbabilityPerBlock = 0.001;

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

    /** Chance that a given hour is a mint burst for a token. */
    public Builder burstHourProbability(double p) {
      this.burstHourProbability = p;
      return this;
    }

    /** Chance of a large mint in each block of a burst hour. */
    public Builder burstMintProbabilityPerBlock(double p) {
      this.burstMintProbabilityPerBlock = p;
      return this;
    }

    /** Chance per block that an exchange redeems (sends to the treasury, which burns/redeems it). */
    public Builder redemptionProbabilityPerBlock(double p) {
      this.redemptionProbabilityPerBlock = p;
      return this;
    }

    /** Chance per block that the USDT owner destroys a blacklisted holder's funds. */
    public Builder blacklistProbabilityPerBlock(double p) {
      this.blacklistProbabilityPerBlock = p;
      return this;
    }

    public StablecoinParams build() {
      Objects.requireNonNull(seasonality, "seasonality");
      if (tokens.isEmpty()) {
        throw new IllegalArgumentException("tokens: at least one token");
      }
      if (tokens.stream().map(StablecoinToken::symbol).distinct().count() != tokens.size()) {
        throw new IllegalArgumentException("tokens: symbols must be unique");
      }
      if (rateMultiplier < 0) {
        throw new IllegalArgumentException("rateMultiplier must be >= 0");
      }
      for (double p : new double[] {burstHourProbability, burstMintProbabilityPerBlock,
          redemptionProbabilityPerBlock, blacklistProbabilityPerBlock}) {
        if (p < 0 || p > 1) {
          throw new IllegalArgumentException("probabilities must be in [0, 1]: " + p);
        }
      }
      return new StablecoinParams(this);
    }
  }
}
