package io.ledgermind.models.lstm;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.SeriesFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Forecaster} over one model per series family: splits a mixed batch by family, forecasts each part as
 * one batch and puts the results back in input order. Errors name the index in the caller's batch.
 */
public final class FamilyRouter implements Forecaster {
  private final Map<SeriesFamily, Forecaster> byFamily;

  public FamilyRouter(Map<SeriesFamily, Forecaster> byFamily) {
    this.byFamily = new EnumMap<>(byFamily);
  }

  @Override
  public List<ForecastResult> forecast(List<ForecastInput> inputs) throws ModelInputException {
    Map<SeriesFamily, List<Integer>> positions = new EnumMap<>(SeriesFamily.class);
    for (int i = 0; i < inputs.size(); i++) {
      ForecastInput in = inputs.get(i);
      if (!byFamily.containsKey(in.family())) {
        throw new ModelInputException(ModelInputException.Reason.WRONG_SERIES_FAMILY, i, in.entity(),
            "no model loaded for " + in.family().id() + "; loaded: " + byFamily.keySet());
      }
      positions.computeIfAbsent(in.family(), f -> new ArrayList<>()).add(i);
    }
    ForecastResult[] results = new ForecastResult[inputs.size()];
    for (Map.Entry<SeriesFamily, List<Integer>> part : positions.entrySet()) {
      List<Integer> index = part.getValue();
      List<ForecastInput> batch = new ArrayList<>(index.size());
      index.forEach(i -> batch.add(inputs.get(i)));
      List<ForecastResult> partResults;
      try {
        partResults = byFamily.get(part.getKey()).forecast(batch);
      } catch (ModelInputException e) {
        throw e.index() >= 0 ? e.atIndex(index.get(e.index())) : e;
      }
      for (int k = 0; k < index.size(); k++) {
        results[index.get(k)] = partResults.get(k);
      }
    }
    return Arrays.asList(results);
  }

  @Override
  public List<ModelInfo> models() {
    List<ModelInfo> models = new ArrayList<>();
    byFamily.values().forEach(f -> models.addAll(f.models()));
    return models;
  }

  @Override
  public void close() {
    byFamily.values().forEach(Forecaster::close);
  }
}
