package io.ledgermind.models.avro;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.schemas.derived.FeatureWindow;
import java.util.List;

/**
 * Builds a forecaster input from consecutive {@code FeatureWindow} records of one entity (oldest first): one row per
 * record, columns in the model's {@link ModelInfo#inputFeatures()} order, looked up by name in
 * {@code FeatureWindow.values}. A missing feature is {@code WRONG_FEATURE_COUNT}, naming the feature.
 */
public final class FeatureWindows {
  private FeatureWindows() {}

  public static ForecastInput toInput(ModelInfo model, List<FeatureWindow> windows) throws ModelInputException {
    SeriesFamily family = model.family().orElseThrow(() -> new IllegalArgumentException(model.name()
        + " is not a forecaster"));
    List<String> names = model.inputFeatures();
    float[][] rows = new float[windows.size()][names.size()];
    String entity = windows.isEmpty() ? "" : windows.get(0).getEntity();
    for (int t = 0; t < windows.size(); t++) {
      FeatureWindow w = windows.get(t);
      if (!w.getEntity().equals(entity)) {
        throw new IllegalArgumentException("windows of several entities: " + entity + ", " + w.getEntity());
      }
      for (int f = 0; f < names.size(); f++) {
        Double v = w.getValues().get(names.get(f));
        if (v == null) {
          throw new ModelInputException(ModelInputException.Reason.WRONG_FEATURE_COUNT, -1, entity,
              "feature window " + w.getFeatureId() + " lacks " + names.get(f));
        }
        rows[t][f] = v.floatValue();
      }
    }
    long end = windows.isEmpty() ? 0 : windows.get(windows.size() - 1).getWindowEnd().toEpochMilli();
    return ForecastInput.builder().entity(entity).family(family).windowEndMillis(end).window(rows).build();
  }
}
