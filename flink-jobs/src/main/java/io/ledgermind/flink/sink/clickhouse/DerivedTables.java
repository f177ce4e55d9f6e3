package io.ledgermind.flink.sink.clickhouse;

import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.Enum8Values;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.Allocation;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.ForecastPoint;
import io.ledgermind.schemas.derived.PolicyAction;
import io.ledgermind.schemas.oracle.OracleRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Derived and oracle-request records as rows (migrations V0002, V0003). Maps and arrays of records become parallel
 * arrays; every id is deterministic, so a replay after a restore overwrites in the ReplacingMergeTree instead of
 * adding a row (read with FINAL).
 */
public final class DerivedTables {
  private static final Enum8Values DOMAINS = Enum8Values.numberedFromOne(Domain.class);

  private DerivedTables() {}

  public static ClickHouseTable featureWindows(String database) {
    return new ClickHouseTable(database + ".feature_windows", List.of("feature_id", "domain", "entity",
        "window_start", "window_end", "value_names", "value_values", "exact_names", "exact_values", "event_count",
        "retracted_count", "revision", "feature_spec", "computed_at"));
  }

  public static RowEncoder<FeatureWindow> featureWindowEncoder() {
    return (w, row) -> {
      List<String> valueNames = new ArrayList<>(w.getValues().keySet());
      List<Double> values = new ArrayList<>(valueNames.size());
      valueNames.forEach(name -> values.add(w.getValues().get(name)));
      List<String> exactNames = new ArrayList<>(w.getExactValues().keySet());
      List<String> exact = new ArrayList<>(exactNames.size());
      exactNames.forEach(name -> exact.add(w.getExactValues().get(name)));
      row.writeString(w.getFeatureId()).writeEnum8(DOMAINS, w.getDomain().name()).writeString(w.getEntity())
          .writeDateTime(w.getWindowStart()).writeDateTime(w.getWindowEnd())
          .writeStringArray(valueNames).writeFloat64Array(values)
          .writeStringArray(exactNames).writeStringArray(exact)
          .writeInt64(w.getEventCount()).writeInt64(w.getRetractedCount())
          .writeUInt32(w.getRevision()).writeString(w.getFeatureSpec()).writeDateTime(w.getComputedAt());
    };
  }

  public static ClickHouseTable forecasts(String database) {
    return new ClickHouseTable(database + ".forecasts", List.of("forecast_id", "domain", "entity", "target",
        "feature_id", "issued_at", "points_horizon_millis", "points_target_time", "points_value", "points_lower",
        "points_upper", "interval_level", "model_name", "model_hash", "computed_at", "flags", "version"));
  }

  public static RowEncoder<Forecast> forecastEncoder() {
    return (f, row) -> {
      List<ForecastPoint> points = f.getPoints();
      row.writeString(f.getForecastId()).writeEnum8(DOMAINS, f.getDomain().name()).writeString(f.getEntity())
          .writeString(f.getTarget()).writeString(f.getFeatureId()).writeDateTime(f.getIssuedAt())
          .writeInt64Array(points.stream().map(ForecastPoint::getHorizonMillis).toList())
          .writeDateTimeArray(points.stream().map(ForecastPoint::getTargetTime).toList())
          .writeFloat64Array(points.stream().map(ForecastPoint::getValue).toList())
          .writeFloat64Array(points.stream().map(ForecastPoint::getLower).toList())
          .writeFloat64Array(points.stream().map(ForecastPoint::getUpper).toList())
          .writeFloat64(f.getIntervalLevel()).writeString(f.getModelName()).writeString(f.getModelHash())
          .writeDateTime(f.getComputedAt()).writeStringArray(f.getFlags())
          .writeUInt64(f.getComputedAt().toEpochMilli());
    };
  }

  public static ClickHouseTable policyActions(String database) {
    return new ClickHouseTable(database + ".policy_actions", List.of("action_id", "domain", "entity", "feature_id",
        "action_index", "action_name", "probabilities", "state_value", "allocations_target", "allocations_weight",
        "model_name", "model_hash", "computed_at", "version"));
  }

  public static RowEncoder<PolicyAction> policyActionEncoder() {
    return (a, row) -> row.writeString(a.getActionId()).writeEnum8(DOMAINS, a.getDomain().name())
        .writeString(a.getEntity()).writeString(a.getFeatureId()).writeInt32(a.getActionIndex())
        .writeString(a.getActionName()).writeFloat64Array(a.getProbabilities()).writeFloat64(a.getStateValue())
        .writeStringArray(a.getAllocations().stream().map(Allocation::getTarget).toList())
        .writeFloat64Array(a.getAllocations().stream().map(Allocation::getWeight).toList())
        .writeString(a.getModelName()).writeString(a.getModelHash()).writeDateTime(a.getComputedAt())
        .writeUInt64(a.getComputedAt().toEpochMilli());
  }

  public static ClickHouseTable oracleRequests(String database) {
    return new ClickHouseTable(database + ".oracle_requests", List.of("request_id", "feed_id", "round_id", "answer",
        "decimals", "observed_at", "model_hash", "inputs_commitment", "source_id", "created_at", "version"));
  }

  public static RowEncoder<OracleRequest> oracleRequestEncoder() {
    return (r, row) -> row.writeString(r.getRequestId()).writeString(r.getFeedId()).writeString(r.getRoundId())
        .writeString(r.getAnswer()).writeInt32(r.getDecimals()).writeDateTime(r.getObservedAt())
        .writeString(r.getModelHash()).writeString(r.getInputsCommitment()).writeString(r.getSourceId())
        .writeDateTime(r.getCreatedAt()).writeUInt64(r.getCreatedAt().toEpochMilli());
  }
}
