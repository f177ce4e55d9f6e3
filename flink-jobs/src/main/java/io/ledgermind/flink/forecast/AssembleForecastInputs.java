package io.ledgermind.flink.forecast;

import io.ledgermind.schemas.derived.FeatureWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the last {@code windowLength} feature rows of each entity and emits a {@link ForecastRequest} whenever the
 * latest window arrives (or is corrected), once the entity has a full window of history.
 *
 * <p>Keyed like the feature windows (domain and entity). The window is built by {@link ForecastInputAssembler} (gap
 * filling, commitment), the same code {@code ledgermind verify} runs over ClickHouse. Corrections of older windows
 * update their row for later forecasts but do not re-forecast the past. State per entity is bounded by the window
 * length.
 */
public final class AssembleForecastInputs extends KeyedProcessFunction<String, FeatureWindow, ForecastRequest> {
  private static final long serialVersionUID = 1L;

  private final Map<String, ForecastModelSpec> modelsByDomain;
  private transient MapState<Long, float[]> rows;
  private transient MapState<Long, String> featureIds;
  private transient ValueState<Long> latest;
  private transient ValueState<Long> first;
  private transient Counter unknownEntities;
  private transient Counter warmingUp;

  /** @param models one forecaster per domain */
  public AssembleForecastInputs(List<ForecastModelSpec> models) {
    this.modelsByDomain = new java.util.HashMap<>();
    for (ForecastModelSpec model : models) {
      if (modelsByDomain.put(model.domain(), model) != null) {
        throw new IllegalArgumentException("two forecasters for domain " + model.domain());
      }
    }
  }

  @Override
  public void open(OpenContext context) {
    rows = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("rows", Types.LONG, PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
    featureIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("feature-ids", Types.LONG, Types.STRING));
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-window", Types.LONG));
    first = getRuntimeContext().getState(new ValueStateDescriptor<>("first-window", Types.LONG));
    unknownEntities = getRuntimeContext().getMetricGroup().counter("forecastSkippedUnknownEntity");
    warmingUp = getRuntimeContext().getMetricGroup().counter("forecastSkippedWarmingUp");
  }

  @Override
  public void processElement(FeatureWindow window, Context ctx, Collector<ForecastRequest> out) throws Exception {
    ForecastModelSpec model = modelsByDomain.get(window.getDomain().name());
    if (model == null) {
      return;
    }
    if (!model.entities().contains(window.getEntity())) {
      // The model has no normalisation statistics for it: forecasting would fail, so do not ask.
      unknownEntities.inc();
      return;
    }
    long start = window.getWindowStart().toEpochMilli();
    rows.put(start, row(model, window));
    featureIds.put(start, window.getFeatureId());
    if (first.value() == null || start < first.value()) {
      first.update(start);
    }
    Long previousLatest = latest.value();
    if (previousLatest != null && start < previousLatest) {
      return; // a correction of the past: used by later windows, no forecast of the past
    }
    latest.update(start);
    long step = model.stepMillis();
    long oldest = ForecastInputAssembler.oldestStart(model, start);
    evictBefore(oldest - step);
    if (oldest < first.value()) {
      warmingUp.inc();
      return;
    }
    out.collect(request(model, window, oldest));
  }

  private ForecastRequest request(ForecastModelSpec model, FeatureWindow latestWindow, long oldest) throws Exception {
    return ForecastInputAssembler.assemble(model, latestWindow.getEntity(), latestWindow.getFeatureId(),
        latestWindow.getWindowEnd().toEpochMilli(), oldest, rows::get);
  }

  private static float[] row(ForecastModelSpec model, FeatureWindow window) {
    return ForecastInputAssembler.row(model, window.getValues());
  }

  private void evictBefore(long keepFrom) throws Exception {
    List<Long> old = new ArrayList<>();
    for (Long start : rows.keys()) {
      if (start < keepFrom) {
        old.add(start);
      }
    }
    for (Long start : old) {
      rows.remove(start);
      featureIds.remove(start);
    }
  }

  static String commitment(ForecastRequest request) {
    return ForecastInputAssembler.commitment(request);
  }
}
