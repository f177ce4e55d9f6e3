package io.ledgermind.models.sim;

/**
 * A subnet's Balancer-style weighted pool of TAO and the subnet's alpha token (docs/domain.md). Spot price of alpha in
 * TAO is {@code p = (wAlpha * tao) / (wTao * alpha)}; with the default equal weights, {@code tao / alpha}. Swaps
 * use Balancer's out-given-in formula, so large trades pay slippage against the reserves.
 */
public final class WeightedPool {
  private double tao;
  private double alpha;
  private final double taoWeight;
  private final double alphaWeight;
  private final double fee;

  /**
   * @param taoWeight weight of the TAO side in [0.1, 0.9]; the alpha side gets {@code 1 - taoWeight}
   * @param fee swap fee taken from the input amount, e.g. 0.0005
   */
  public WeightedPool(double tao, double alpha, double taoWeight, double fee) {
    if (taoWeight < 0.1 || taoWeight > 0.9) {
      throw new IllegalArgumentException("pool weight must be in [0.1, 0.9]: " + taoWeight);
    }
    this.tao = tao;
    this.alpha = alpha;
    this.taoWeight = taoWeight;
    this.alphaWeight = 1 - taoWeight;
    this.fee = fee;
  }

  /** Spot price of one alpha in TAO. */
  public double price() {
    return (alphaWeight * tao) / (taoWeight * alpha);
  }

  public double taoReserve() {
    return tao;
  }

  public double alphaReserve() {
    return alpha;
  }

  /** Stakes: swaps {@code taoIn} TAO into the pool and returns the alpha received. */
  public double buyAlpha(double taoIn) {
    double out = outGivenIn(tao, taoWeight, alpha, alphaWeight, taoIn * (1 - fee));
    tao += taoIn;
    alpha -= out;
    return out;
  }

  /** Unstakes: swaps {@code alphaIn} alpha into the pool and returns the TAO received. */
  public double sellAlpha(double alphaIn) {
    double out = outGivenIn(alpha, alphaWeight, tao, taoWeight, alphaIn * (1 - fee));
    alpha += alphaIn;
    tao -= out;
    return out;
  }

  /** TAO that selling {@code alphaIn} would return now, without trading: the exit value of a position. */
  public double quoteSellAlpha(double alphaIn) {
    return outGivenIn(alpha, alphaWeight, tao, taoWeight, alphaIn * (1 - fee));
  }

  /** Adds emission liquidity (no swap): TAO and alpha injected by the chain each tempo. */
  public void inject(double taoIn, double alphaIn) {
    tao += taoIn;
    alpha += alphaIn;
  }

  private static double outGivenIn(double balanceIn, double weightIn, double balanceOut, double weightOut,
      double amountIn) {
    if (amountIn <= 0) {
      return 0;
    }
    return balanceOut * (1 - Math.pow(balanceIn / (balanceIn + amountIn), weightIn / weightOut));
  }
}
