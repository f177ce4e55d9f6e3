package io.ledgermind.models.lstm;

import static io.ledgermind.models.artifact.FeatureSpec.Transform.DIFF;
import static io.ledgermind.models.artifact.FeatureSpec.Transform.LOG_DIFF;
import static io.ledgermind.models.artifact.FeatureSpec.Transform.ZSCORE;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.FeatureSpec.InputFeature;
import java.util.List;

/**
 * Feature definitions per series family: input features with their transforms, and the calendar channels the
 * model adds. Why these transforms: net flows are stationary around a daily cycle (z-score); DePIN usage grows
 * multiplicatively (log change against the window's last value, so no stale level statistic); emission shares
 * drift slowly (change against the last value), while the price-to-EMA gap that drives them is stationary.
 */
public final class FamilyFeatures {
  private FamilyFeatures() {}

  public static List<InputFeature> inputs(SeriesFamily family) {
    return switch (family) {
      case STABLECOIN_NET_FLOW -> List.of(new InputFeature("net_flow", ZSCORE), new InputFeature("mint", ZSCORE),
          new InputFeature("burn", ZSCORE));
      case DEPIN_USAGE -> List.of(new InputFeature("usage", LOG_DIFF), new InputFeature("providers", LOG_DIFF));
      case SUBNET_EMISSION_SHARE -> List.of(new InputFeature("emission_share", DIFF),
          new InputFeature("log_price_to_ema", ZSCORE));
    };
  }

  /**
   * Whether normalisation statistics are pooled over the family's entities instead of fitted per entity. Subnets:
   * a netuid names a slot, not a lasting subnet (subnets are deregistered and replaced, and each simulated history
   * draws its own pools), so statistics of "netuid:1" from one history say nothing about netuid:1 in another; fitted
   * per entity, a quiet subnet's tiny scale flagged most of another history's netuid:1 as out of distribution.
   * Stablecoins and DePIN networks are the same entity everywhere.
   */
  public static boolean pooledStatistics(SeriesFamily family) {
    return family == SeriesFamily.SUBNET_EMISSION_SHARE;
  }

  /** Calendar channels (see {@link CalendarChannels}); stablecoin flows follow the day, DePIN usage the week. */
  public static List<String> calendar(SeriesFamily family) {
    return switch (family) {
      case STABLECOIN_NET_FLOW -> List.of(CalendarChannels.DAY_SIN, CalendarChannels.DAY_COS,
          CalendarChannels.WEEKEND);
      case DEPIN_USAGE -> List.of(CalendarChannels.WEEK_SIN, CalendarChannels.WEEK_COS, CalendarChannels.WEEKEND);
      case SUBNET_EMISSION_SHARE -> List.of();
    };
  }
}
