package io.ledgermind.models.lstm;

import io.ledgermind.models.artifact.FeatureSpec;
import io.ledgermind.models.artifact.FeatureSpec.InputFeature;
import io.ledgermind.models.artifact.FeatureSpec.Stat;
import io.ledgermind.models.artifact.FeatureSpec.Transform;
import java.util.List;
import java.util.Map;

/**
 * Turns a raw window into model inputs and model outputs back into series units, using the statistics of the
 * manifest. Inputs are assumed validated ({@link InputValidator}): finite, positive where a log is taken, entity
 * known.
 */
final class Normaliser {
  private final FeatureSpec spec;
  private final List<InputFeature> inputs;
  private final List<String> calendar;
  private final long stepMillis;

  Normaliser(FeatureSpec spec) {
    this.spec = spec;
    this.inputs = spec.inputs();
    this.calendar = spec.calendar();
    this.stepMillis = spec.stepMillis();
  }

  /** Channels per model input row: caller features plus calendar channels. */
  int channels() {
    return inputs.size() + calendar.size();
  }

  /** Writes the normalised window (row-major, {@code windowLength x channels}) into {@code out} at offset. */
  void writeInput(String entity, float[][] window, long windowEndMillis, float[] out, int offset) {
    Map<String, Stat> stats = spec.normalisation().get(entity);
    int rows = window.length;
    int channels = channels();
    float[] last = window[rows - 1];
    for (int f = 0; f < inputs.size(); f++) {
      InputFeature feature = inputs.get(f);
      Stat stat = stats.get(feature.name());
      double reference = reference(feature.transform(), stat, last[f]);
      for (int t = 0; t < rows; t++) {
        out[offset + t * channels + f] = (float) ((forward(feature.transform(), window[t][f]) - reference)
            / stat.scale());
      }
    }
    for (int c = 0; c < calendar.size(); c++) {
      for (int t = 0; t < rows; t++) {
        long stepStart = windowEndMillis - (long) (rows - t) * stepMillis;
        out[offset + t * channels + inputs.size() + c] = CalendarChannels.value(calendar.get(c), stepStart);
      }
    }
  }

  /** Normalised target of a future raw value {@code y}, given the window's last raw target value. */
  double normaliseTarget(String entity, double y, float lastTarget) {
    InputFeature target = inputs.get(0);
    Stat stat = spec.normalisation().get(entity).get(target.name());
    return (forward(target.transform(), y) - reference(target.transform(), stat, lastTarget)) / stat.scale();
  }

  /** Inverse of {@link #normaliseTarget}; monotone, so quantiles map to quantiles. */
  double denormaliseTarget(String entity, double z, float lastTarget) {
    InputFeature target = inputs.get(0);
    Stat stat = spec.normalisation().get(entity).get(target.name());
    double v = z * stat.scale() + reference(target.transform(), stat, lastTarget);
    return target.transform() == Transform.LOG_DIFF ? Math.exp(v) : v;
  }

  private static double reference(Transform transform, Stat stat, float last) {
    return switch (transform) {
      case ZSCORE -> stat.center();
      case DIFF -> last;
      case LOG_DIFF -> Math.log(last);
    };
  }

  private static double forward(Transform transform, double x) {
    return transform == Transform.LOG_DIFF ? Math.log(x) : x;
  }
}
