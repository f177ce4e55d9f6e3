package io.ledgermind.models.policy;

import java.util.SplittableRandom;

/**
 * Episode seeds: training episodes draw from {@code [0, 10^9)}, evaluation uses {@code 10^9 + i}, so no held-out
 * episode is ever trained on.
 */
public final class EpisodeSeeds {
  public static final long HELD_OUT_BASE = 1_000_000_000L;

  private EpisodeSeeds() {}

  public static long training(long runSeed, int update, int env) {
    long mixed = new SplittableRandom(runSeed * 1_000_003L + update * 4_096L + env).nextLong();
    return Math.floorMod(mixed, HELD_OUT_BASE);
  }

  public static long heldOut(int index) {
    return HELD_OUT_BASE + index;
  }
}
