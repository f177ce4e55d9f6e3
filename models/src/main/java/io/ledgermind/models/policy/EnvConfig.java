package io.ledgermind.models.policy;

import io.ledgermind.models.sim.MarketConfig;

/**
 * Staking environment settings.
 *
 * <p>{@code EnvConfig.builder().subnets(4).episodeTempos(64).build()}
 *
 * @param subnets subnets the agent can stake into (the market has exactly these)
 * @param episodeTempos decisions per episode (one per tempo, 72 min)
 * @param warmUpTempos market tempos simulated before the agent acts, so EMAs and flows are in steady state
 * @param startTao TAO the agent starts with, spread equally over the subnets at the first price
 * @param chunk fraction of the portfolio one shift action moves
 */
public record EnvConfig(int subnets, int episodeTempos, int warmUpTempos, double startTao, double chunk,
    MarketConfig market) {

  public static Builder builder() {
    return new Builder();
  }

  public static EnvConfig defaults() {
    return builder().build();
  }

  /** Builder with the defaults used for the bundled policy. */
  public static final class Builder {
    private int subnets = 4;
    private int episodeTempos = 64;
    private int warmUpTempos = 32;
    private double startTao = 1_000;
    private double chunk = 0.25;

    private Builder() {}

    public Builder subnets(int subnets) {
      this.subnets = subnets;
      return this;
    }

    public Builder episodeTempos(int episodeTempos) {
      this.episodeTempos = episodeTempos;
      return this;
    }

    public Builder startTao(double startTao) {
      this.startTao = startTao;
      return this;
    }

    public Builder chunk(double chunk) {
      this.chunk = chunk;
      return this;
    }

    public EnvConfig build() {
      return new EnvConfig(subnets, episodeTempos, warmUpTempos, startTao, chunk,
          MarketConfig.builder().subnets(subnets).build());
    }
  }
}
