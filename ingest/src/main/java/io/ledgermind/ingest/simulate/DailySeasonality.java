package io.ledgermind.ingest.simulate;

import java.time.Instant;

/**
 * A daily activity curve: 1 + amplitude × sin(2π (hour − peakHour + 6) / 24), so activity peaks at
 * {@code peakHourUtc} and bottoms out twelve hours later, averaging 1 over a day. Scales event rates, not amounts.
 *
 * @param amplitude 0 (flat) .. 1 (no activity at the trough)
 * @param peakHourUtc hour of day (UTC) with the most activity, e.g. 14 for US/EU overlap
 */
public record DailySeasonality(double amplitude, double peakHourUtc) {
  private static final long DAY_MILLIS = 86_400_000L;

  public DailySeasonality {
    if (amplitude < 0 || amplitude > 1) {
      throw new IllegalArgumentException("amplitude must be in [0, 1]: " + amplitude);
    }
  }

  /** Multiplier for a base rate at {@code time}. */
  public double factor(Instant time) {
    double hour = Math.floorMod(time.toEpochMilli(), DAY_MILLIS) / 3_600_000.0;
    return 1 + amplitude * Math.sin(2 * Math.PI * (hour - peakHourUtc + 6) / 24);
  }
}
