package io.ledgermind.flink.forecast;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.schemas.derived.FeatureWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * <p>Keyed like the feature windows (domain and entity). A step without events has no feature window; it is filled:
 * with zeros for stablecoin flows (no event means no flow), by carrying the previous row forward for usage and
 * emission share (levels, which do not drop to zero because nobody was observed). Corrections of older windows
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
    long oldest = start - (long) (model.windowLength() - 1) * step;
    evictBefore(oldest - step);
    if (oldest < first.value()) {
      warmingUp.inc();
      return;
    }
    out.collect(request(model, window, oldest));
  }

  private ForecastRequest request(ForecastModelSpec model, FeatureWindow latestWindow, long oldest) throws Exception {
    int length = model.windowLength();
    int width = model.inputFeatures().size();
    float[] values = new float[length * width];
    float[] previous = rows.get(oldest - model.stepMillis());
    int filled = 0;
    for (int r = 0; r < length; r++) {
      float[] row = rows.get(oldest + r * model.stepMillis());
      if (row == null) {
        filled++;
        row = model.family() == SeriesFamily.STABLECOIN_NET_FLOW || previous == null ? new float[width] : previous;
      }
      System.arraycopy(row, 0, values, r * width, width);
      previous = row;
    }
    ForecastRequest request = new ForecastRequest();
    request.family = model.family().name();
    request.domain = model.domain();
    request.entity = latestWindow.getEntity();
    request.featureId = latestWindow.getFeatureId();
    request.windowEnd = latestWindow.getWindowEnd().toEpochMilli();
    request.rows = length;
    request.features = width;
    request.values = values;
    request.filledRows = filled;
    request.inputsCommitment = commitment(request);
    return request;
  }

  private static float[] row(ForecastModelSpec model, FeatureWindow window) {
    float[] row = new float[model.inputFeatures().size()];
    for (int i = 0; i < row.length; i++) {
      Double value = window.getValues().get(model.inputFeatures().get(i));
      // A missing feature becomes NaN, which the forecaster rejects with a named error (dead letter), never a guess.
      row[i] = value == null ? Float.NaN : value.floatValue();
    }
    return row;
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

  /** SHA-256 over entity, window end and the exact float bits of every input value. */
  static String commitment(ForecastRequest request) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(request.family.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(request.entity.getBytes(StandardCharsets.UTF_8));
      ByteBuffer buffer = ByteBuffer.allocate(8 + 8 + 4 * request.values.length);
      buffer.putLong(request.windowEnd).putInt(request.rows).putInt(request.features);
      for (float v : request.values) {
        buffer.putFloat(v);
      }
      sha256.update(buffer.array());
      return "0x" + HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
