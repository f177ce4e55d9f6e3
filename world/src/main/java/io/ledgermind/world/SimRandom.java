package io.ledgermind.world;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Randomness for simulators, derived from (seed, entity, step) instead of one shared stream.
 *
 * <p>Why not one {@code Random(seed)} for the whole run: every draw would shift every later draw, so adding one
 * subnet or one token would change the numbers of all others, and a single block could not be regenerated on its
 * own. Here each entity (a token, a subnet, a deployment) gets a fresh generator per step (usually the block
 * number), seeded by a stable 64-bit mix of the three parts: the same inputs always give the same draws, on every
 * JVM.
 *
 * <pre>{@code
 * SplittableRandom r = SimRandom.of(seed, "subnet:7", blockNumber);
 * long amount = r.nextLong(1_000, 5_000);
 * }</pre>
 */
public final class SimRandom {
  private SimRandom() {}

  /** A generator for {@code entity} at {@code step}, fully determined by the three arguments. */
  public static SplittableRandom of(long seed, String entity, long step) {
    long h = mix(seed ^ 0x5EED_5EED_5EED_5EEDL);
    h = mix(h ^ fnv1a(entity));
    h = mix(h ^ (step * 0x9E3779B97F4A7C15L));
    return new SplittableRandom(h);
  }

  /** Poisson-distributed count with mean {@code lambda} (Knuth for small means, normal approximation above 30). */
  public static int poisson(SplittableRandom random, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian));
    }
    double limit = Math.exp(-lambda);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** Index drawn with probability proportional to {@code weights[i]}. */
  public static int weighted(SplittableRandom random, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int pick = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return i;
      }
    }
    throw new AssertionError("weights must be positive");
  }

  // SplitMix64 / murmur3 finaliser: avalanches every input bit into every output bit.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long fnv1a(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
