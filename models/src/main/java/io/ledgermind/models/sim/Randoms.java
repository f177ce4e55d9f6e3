package io.ledgermind.models.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Seeded randomness helpers shared by the simulators: every stream derives from (seed, entity), never a clock. */
public final class Randoms {
  private Randoms() {}

  /** A generator for one entity of one run, independent of the order entities are generated in. */
  public static SplittableRandom forEntity(long seed, String entity) {
    long h = 1125899906842597L;
    for (byte b : entity.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return new SplittableRandom(new SplittableRandom(seed ^ h).nextLong());
  }

  /** Standard normal variate (Box-Muller). */
  public static double gaussian(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  public static double logUniform(SplittableRandom rng, double min, double max) {
    return Math.exp(Math.log(min) + rng.nextDouble() * (Math.log(max) - Math.log(min)));
  }

  /** Poisson-process event in one step of expected rate {@code rate} (events per step, small). */
  public static boolean event(SplittableRandom rng, double rate) {
    return rng.nextDouble() < 1 - Math.exp(-rate);
  }
}
