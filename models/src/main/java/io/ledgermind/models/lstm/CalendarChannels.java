package io.ledgermind.models.lstm;

import io.ledgermind.models.data.Calendar;

/** Calendar inputs the forecaster derives from each row's start instant, so callers never supply them. */
final class CalendarChannels {
  static final String DAY_SIN = "day_sin";
  static final String DAY_COS = "day_cos";
  static final String WEEK_SIN = "week_sin";
  static final String WEEK_COS = "week_cos";
  static final String WEEKEND = "weekend";

  private CalendarChannels() {}

  static float value(String channel, long stepStartMillis) {
    return switch (channel) {
      case DAY_SIN -> (float) Math.sin(2 * Math.PI * Calendar.dayPhase(stepStartMillis));
      case DAY_COS -> (float) Math.cos(2 * Math.PI * Calendar.dayPhase(stepStartMillis));
      case WEEK_SIN -> (float) Math.sin(2 * Math.PI * Calendar.weekPhase(stepStartMillis));
      case WEEK_COS -> (float) Math.cos(2 * Math.PI * Calendar.weekPhase(stepStartMillis));
      case WEEKEND -> Calendar.dayOfWeek(stepStartMillis) >= 5 ? 1f : 0f;
      default -> throw new IllegalArgumentException("unknown calendar channel " + channel);
    };
  }
}
