package io.ledgermind.models.artifact;

import io.ledgermind.models.SeriesFamily;
import java.util.List;
import java.util.Map;

/**
 * What a forecaster expects and how it normalises it.
 *
 * @param inputs caller-supplied features per row, in order; the first is the target series
 * @param calendar channels the model derives itself from the window end (not supplied by callers)
 * @param horizons forecast horizons in steps
 * @param normalisation entity -> feature name -> statistics, computed on the training range only
 */
public record FeatureSpec(
    SeriesFamily family,
    int windowLength,
    long stepMillis,
    List<InputFeature> inputs,
    List<String> calendar,
    List<Integer> horizons,
    double intervalLevel,
    Map<String, Map<String, Stat>> normalisation) {

  /** One input feature and its transform. */
  public record InputFeature(String name, Transform transform) {}

  /** Centre and scale of one feature of one entity. */
  public record Stat(double center, double scale) {}

  /**
   * How a raw value becomes a model input. Relative transforms are taken against the last row of the window, so
   * trending series (DePIN growth) need no level statistics that go stale.
   */
  public enum Transform {
    /** {@code (x - center) / scale}: stationary series. */
    ZSCORE,
    /** {@code (x - x_last) / scale}: slowly drifting levels (emission shares). */
    DIFF,
    /** {@code (ln x - ln x_last) / scale}: positive, multiplicatively growing series; needs {@code x > 0}. */
    LOG_DIFF
  }
}
