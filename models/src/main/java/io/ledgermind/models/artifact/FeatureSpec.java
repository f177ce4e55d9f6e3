package io.ledgermind.models.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param inputBounds feature name -> the largest |normalised value| any training window held for it: an input
 *     beyond it (with a tolerance, see {@code LstmForecaster}) is out of distribution. Empty for artifacts trained
 *     before bounds existed (then nothing is flagged); omitted from JSON when empty, so their hash is unchanged.
 */
public record FeatureSpec(
    SeriesFamily family,
    int windowLength,
    long stepMillis,
    List<InputFeature> inputs,
    List<String> calendar,
    List<Integer> horizons,
    double intervalLevel,
    Map<String, Map<String, Stat>> normalisation,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> inputBounds) {

  public FeatureSpec {
    inputBounds = inputBounds == null ? Map.of() : Map.copyOf(inputBounds);
  }

  /** A spec without input bounds (nothing will be flagged out of distribution). */
  public FeatureSpec(SeriesFamily family, int windowLength, long stepMillis, List<InputFeature> inputs,
      List<String> calendar, List<Integer> horizons, double intervalLevel,
      Map<String, Map<String, Stat>> normalisation) {
    this(family, windowLength, stepMillis, inputs, calendar, horizons, intervalLevel, normalisation, Map.of());
  }

  /** This spec with {@code bounds} as its input bounds. */
  public FeatureSpec withInputBounds(Map<String, Double> bounds) {
    return new FeatureSpec(family, windowLength, stepMillis, inputs, calendar, horizons, intervalLevel, normalisation,
        bounds);
  }

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
