package io.ledgermind.models.sim;

/**
 * Parameters of the simulated subnet market. Protocol facts (block emission, tempo, emission split) come from
 * docs/domain.md; the behavioural parameters (flows, EMA speed, price ranges) are assumptions of this simulator, chosen
 * so that prices move a few percent a day. Every value is a default that can be overridden.
 *
 * <p>{@code MarketConfig.builder().subnets(4).rule(EmissionRule.TAOFLOW).build()}
 */
public record MarketConfig(
    int subnets,
    int networkSubnets,
    EmissionRule rule,
    double initialIssuanceTao,
    double alphaPerBlock,
    double stakerShare,
    double minerShare,
    double minerSellFraction,
    double rootProportion,
    double priceEmaAlpha,
    double flowEmaAlpha,
    double flowPersistence,
    double flowVolatility,
    double yieldChase,
    double swapFee,
    double minTaoReserve,
    double maxTaoReserve,
    double minPrice,
    double maxPrice) {

  public static Builder builder() {
    return new Builder();
  }

  public static MarketConfig defaults() {
    return builder().build();
  }

  /** Builder; defaults documented on each setter. */
  public static final class Builder {
    private int subnets = 8;
    private int networkSubnets = 128; // subnets on the network; the unmodelled ones hold a constant weight
    private EmissionRule rule = EmissionRule.PRICE_EMA;
    private double initialIssuanceTao = 10_600_000; // just past the first halving: 0.5 TAO per block
    private double alphaPerBlock = 1.0;
    private double stakerShare = 0.41; // validators and their stakers
    private double minerShare = 0.41; // owner keeps the remaining 18 %
    private double minerSellFraction = 0.5; // assumption: miners sell half of their alpha each tempo
    private double rootProportion = 0.5; // alpha injection cap = rootProportion x alpha emission
    private double priceEmaAlpha = 0.1; // per tempo (assumption; half-life ~6.6 tempos, ~8 h)
    private double flowEmaAlpha = 0.1;
    private double flowPersistence = 0.8; // AR(1) of other stakers' net flow: flows come in waves
    private double flowVolatility = 0.0004; // of the TAO reserve per tempo
    private double yieldChase = 0.0001; // extra flow per unit of log relative staker yield
    private double swapFee = 0.0005;
    private double minTaoReserve = 10_000;
    private double maxTaoReserve = 200_000;
    private double minPrice = 0.005;
    private double maxPrice = 0.05;

    private Builder() {}

    public Builder subnets(int subnets) {
      this.subnets = subnets;
      return this;
    }

    /** Subnets on the whole network (default 128); only {@link #subnets} are simulated. */
    public Builder networkSubnets(int networkSubnets) {
      this.networkSubnets = networkSubnets;
      return this;
    }

    public Builder rule(EmissionRule rule) {
      this.rule = rule;
      return this;
    }

    public Builder initialIssuanceTao(double v) {
      this.initialIssuanceTao = v;
      return this;
    }

    public Builder flowVolatility(double v) {
      this.flowVolatility = v;
      return this;
    }

    public Builder flowPersistence(double v) {
      this.flowPersistence = v;
      return this;
    }

    public Builder yieldChase(double v) {
      this.yieldChase = v;
      return this;
    }

    public Builder priceEmaAlpha(double v) {
      this.priceEmaAlpha = v;
      return this;
    }

    public Builder swapFee(double v) {
      this.swapFee = v;
      return this;
    }

    public Builder taoReserveRange(double min, double max) {
      this.minTaoReserve = min;
      this.maxTaoReserve = max;
      return this;
    }

    public MarketConfig build() {
      if (subnets < 2) {
        throw new IllegalArgumentException("subnets must be >= 2: " + subnets);
      }
      if (networkSubnets < subnets) {
        throw new IllegalArgumentException("networkSubnets < subnets");
      }
      if (stakerShare + minerShare > 1) {
        throw new IllegalArgumentException("stakerShare + minerShare must be <= 1");
      }
      return new MarketConfig(subnets, networkSubnets, rule, initialIssuanceTao, alphaPerBlock, stakerShare, minerShare,
          minerSellFraction, rootProportion, priceEmaAlpha, flowEmaAlpha, flowPersistence, flowVolatility,
          yieldChase, swapFee, minTaoReserve, maxTaoReserve, minPrice, maxPrice);
    }
  }
}
