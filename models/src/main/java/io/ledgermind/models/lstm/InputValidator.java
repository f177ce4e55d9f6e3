package io.ledgermind.models.lstm;

import static io.ledgermind.models.ModelInputException.Reason.NON_FINITE;
import static io.ledgermind.models.ModelInputException.Reason.OUT_OF_DOMAIN;
import static io.ledgermind.models.ModelInputException.Reason.UNKNOWN_ENTITY;
import static io.ledgermind.models.ModelInputException.Reason.WRONG_FEATURE_COUNT;
import static io.ledgermind.models.ModelInputException.Reason.WRONG_SERIES_FAMILY;
import static io.ledgermind.models.ModelInputException.Reason.WRONG_WINDOW_LENGTH;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.artifact.FeatureSpec;
import io.ledgermind.models.artifact.FeatureSpec.Transform;
import java.util.List;

/**
 * Checks every input of a batch before anything is computed. The order of checks is the order of the reasons in
 * the error taxonomy a caller sees first: family, entity, shape, then values.
 */
final class InputValidator {
  private final FeatureSpec spec;

  InputValidator(FeatureSpec spec) {
    this.spec = spec;
  }

  void validate(List<ForecastInput> inputs) throws ModelInputException {
    for (int i = 0; i < inputs.size(); i++) {
      validate(i, inputs.get(i));
    }
  }

  void validate(int index, ForecastInput input) throws ModelInputException {
    String entity = input.entity();
    if (input.family() != spec.family()) {
      throw new ModelInputException(WRONG_SERIES_FAMILY, index, entity,
          "model serves " + spec.family().id() + ", input is " + input.family().id());
    }
    if (!spec.normalisation().containsKey(entity)) {
      throw new ModelInputException(UNKNOWN_ENTITY, index, entity,
          "no normalisation statistics; known: " + spec.normalisation().keySet());
    }
    float[][] window = input.window();
    if (window.length != spec.windowLength()) {
      throw new ModelInputException(WRONG_WINDOW_LENGTH, index, entity,
          "expected " + spec.windowLength() + " rows, got " + window.length);
    }
    int features = spec.inputs().size();
    for (int t = 0; t < window.length; t++) {
      float[] row = window[t];
      if (row == null || row.length != features) {
        throw new ModelInputException(WRONG_FEATURE_COUNT, index, entity, "row " + t + " has "
            + (row == null ? "no" : String.valueOf(row.length)) + " features, expected " + features + " "
            + spec.inputs().stream().map(FeatureSpec.InputFeature::name).toList());
      }
      for (int f = 0; f < features; f++) {
        float v = row[f];
        if (!Float.isFinite(v)) {
          throw new ModelInputException(NON_FINITE, index, entity,
              spec.inputs().get(f).name() + " at row " + t + " is " + v);
        }
        if (spec.inputs().get(f).transform() == Transform.LOG_DIFF && v <= 0) {
          throw new ModelInputException(OUT_OF_DOMAIN, index, entity,
              spec.inputs().get(f).name() + " at row " + t + " is " + v + "; it is log-transformed and must be > 0");
        }
      }
    }
  }
}
