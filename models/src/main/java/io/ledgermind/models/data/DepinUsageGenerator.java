package io.ledgermind.models.data;

import static io.ledgermind.models.sim.Randoms.event;
import static io.ledgermind.models.sim.Randoms.gaussian;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.sim.Randoms;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Daily DePIN usage: Render jobs and Akash GPU/CPU lease-hours. Adoption follows a logistic curve, demand has a
 * weekly cycle (weekdays busier), persistent demand shocks (a large customer arrives or leaves) and multiplicative
 * AR(1) noise. Providers (Render node operators, Akash providers) follow demand with a lag, as operators answer
 * paid demand (Render's burn-mint equilibrium pays them from emissions tied to burned fees).
 *
 * <p>Features: {@code usage} (target), {@code providers} (active providers that day).
 */
public final class DepinUsageGenerator implements SeriesGenerator {
  /** 2022-01-03T00:00Z, a Monday: first step of every generated DePIN series. */
  public static final long START_MILLIS = 1_641_168_000_000L;
  /** Multiplicative weekly profile, Monday first. */
  private static final double[] WEEKLY = {0.06, 0.08, 0.08, 0.07, 0.03, -0.15, -0.17};

  private record Network(String entity, double capacity, double growth, double midpoint, double perProvider) {}

  private static final List<Network> NETWORKS = List.of(
      new Network("render", 60_000, 0.006, 400, 25),
      new Network("akash:gpu", 150_000, 0.010, 700, 60),
      new Network("akash:cpu", 400_000, 0.004, 300, 180));

  @Override
  public SeriesFamily family() {
    return SeriesFamily.DEPIN_USAGE;
  }

  @Override
  public List<String> features() {
    return List.of("usage", "providers");
  }

  @Override
  public List<Series> generate(long seed, int steps) {
    List<Series> out = new ArrayList<>();
    for (Network network : NETWORKS) {
      out.add(new Series(network.entity(), family(), START_MILLIS,
          rows(network, Randoms.forEntity(seed, network.entity()), steps)));
    }
    return out;
  }

  private float[][] rows(Network net, SplittableRandom rng, int steps) {
    long stepMillis = family().step().toMillis();
    float[][] rows = new float[steps][];
    double shock = 1;
    double noise = 0;
    double providers = -1;
    for (int t = 0; t < steps; t++) {
      long start = START_MILLIS + t * stepMillis;
      double level = net.capacity() / (1 + Math.exp(-net.growth() * (t - net.midpoint()))) + 0.02 * net.capacity();
      if (event(rng, 1 / 150d)) {
        double sign = rng.nextDouble() < 0.3 ? -1 : 1;
        shock *= Math.exp(sign * (0.08 + 0.04 * Math.abs(gaussian(rng))));
      }
      noise = 0.5 * noise + 0.04 * gaussian(rng);
      double usage = level * shock * (1 + WEEKLY[Calendar.dayOfWeek(start)]) * Math.exp(noise);
      double wanted = usage / net.perProvider();
      providers = providers < 0 ? wanted : providers + 0.08 * (wanted - providers) + 0.5 * gaussian(rng);
      rows[t] = new float[] {(float) usage, (float) Math.max(1, Math.round(providers))};
    }
    return rows;
  }
}
