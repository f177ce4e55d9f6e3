package io.ledgermind.models.data;

import static io.ledgermind.models.sim.Randoms.event;
import static io.ledgermind.models.sim.Randoms.gaussian;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.sim.Randoms;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hourly stablecoin net flow (USD millions) of USDC and USDT on Ethereum: a daily cycle peaking in US trading
 * hours and damped at weekends, AR(1) noise, and mint/burn bursts. A mint (USDC {@code Mint}/Transfer from zero,
 * USDT {@code Issue}) of size M reaches venues over the following hours, decaying geometrically, so the burst shows
 * in the net flow for several steps; burns ({@code Burn}, {@code Redeem}) mirror it with a minus sign.
 *
 * <p>Features: {@code net_flow} (target), {@code mint}, {@code burn} (volumes minted/burned in the hour, USD
 * millions; from exact token amounts divided by 10^6 decimals and 10^6 USD).
 */
public final class StablecoinFlowGenerator implements SeriesGenerator {
  /** 2025-01-01T00:00Z: first step of every generated stablecoin series. */
  public static final long START_MILLIS = 1_735_689_600_000L;
  private static final double BURST_DECAY = 0.7;

  private record Coin(String entity, double amplitude, double noise, double mintRate, double mintLogSize,
      double burnRate, double burnLogSize) {}

  private static final List<Coin> COINS = List.of(
      new Coin("USDC", 8, 4, 1 / 36d, Math.log(40), 1 / 40d, Math.log(35)),
      new Coin("USDT", 12, 6, 1 / 48d, Math.log(80), 1 / 50d, Math.log(70)));

  @Override
  public SeriesFamily family() {
    return SeriesFamily.STABLECOIN_NET_FLOW;
  }

  @Override
  public List<String> features() {
    return List.of("net_flow", "mint", "burn");
  }

  @Override
  public List<Series> generate(long seed, int steps) {
    List<Series> out = new ArrayList<>();
    for (Coin coin : COINS) {
      out.add(new Series(coin.entity(), family(), START_MILLIS, rows(coin, Randoms.forEntity(seed, coin.entity()),
          steps)));
    }
    return out;
  }

  private float[][] rows(Coin coin, SplittableRandom rng, int steps) {
    long stepMillis = family().step().toMillis();
    float[][] rows = new float[steps][];
    double ar = 0;
    double pendingMint = 0;
    double pendingBurn = 0;
    for (int t = 0; t < steps; t++) {
      long start = START_MILLIS + t * stepMillis;
      double activity = Calendar.dayOfWeek(start) >= 5 ? 0.6 : 1.0;
      double seasonal = coin.amplitude() * activity * Math.cos(2 * Math.PI * (Calendar.dayPhase(start) - 14 / 24d));
      ar = 0.6 * ar + coin.noise() * gaussian(rng);
      double mint = event(rng, coin.mintRate()) ? Math.exp(coin.mintLogSize() + 0.6 * gaussian(rng)) : 0;
      double burn = event(rng, coin.burnRate()) ? Math.exp(coin.burnLogSize() + 0.6 * gaussian(rng)) : 0;
      // Geometric release: a burst of size M adds (1-d) M d^k to the flow k hours later, M in total.
      pendingMint = BURST_DECAY * pendingMint + (1 - BURST_DECAY) * mint;
      pendingBurn = BURST_DECAY * pendingBurn + (1 - BURST_DECAY) * burn;
      double net = seasonal + ar + pendingMint - pendingBurn;
      rows[t] = new float[] {(float) net, (float) mint, (float) burn};
    }
    return rows;
  }
}
