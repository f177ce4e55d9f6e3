package io.ledgermind.models.data;

/**
 * Calendar phases of a step, computed from its start instant (UTC). Shared by the generators and by the model's
 * input pipeline so that both see the same clock.
 */
public final class Calendar {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private Calendar() {}

  /** Hour of day in [0, 24) as a fraction of the day, in [0, 1). */
  public static double dayPhase(long startMillis) {
    return Math.floorMod(startMillis, DAY) / (double) DAY;
  }

  /** Day of week, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
  public static int dayOfWeek(long startMillis) {
    return (int) Math.floorMod(Math.floorDiv(startMillis, DAY) + 3, 7L);
  }

  /** Position in the week in [0, 1), Monday 00:00 = 0. */
  public static double weekPhase(long startMillis) {
    return (dayOfWeek(startMillis) + dayPhase(startMillis)) / 7d;
  }
}
