package io.ledgermind.models.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastPoint;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.ModelKind;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.PolicyAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AvroRecordsTest {
  private static final String HASH = "ab".repeat(32);

  @Test
  void forecastRecordCarriesPointsIntervalAndModelHash() {
    ForecastResult result = new ForecastResult("USDC", SeriesFamily.STABLECOIN_NET_FLOW, 3_600_000L,
        List.of(new ForecastPoint(1, 3_600_000L, 7_200_000L, 1.5, 0.5, 2.5)), 0.8, "lstm-x", HASH);
    Forecast record = AvroRecords.forecast(result, "feat-1", Instant.ofEpochMilli(9));
    assertThat(record.getDomain()).isEqualTo(Domain.STABLECOIN);
    assertThat(record.getTarget()).isEqualTo("net_flow");
    assertThat(record.getModelHash()).isEqualTo(HASH);
    assertThat(record.getPoints().get(0).getLower()).isEqualTo(0.5);
    assertThat(record.getPoints().get(0).getTargetTime()).isEqualTo(Instant.ofEpochMilli(7_200_000L));
    assertThat(record.getForecastId()).isEqualTo(AvroRecords.forecast(result, "feat-1", Instant.EPOCH)
        .getForecastId()).isNotEqualTo(AvroRecords.forecast(result, "feat-2", Instant.EPOCH).getForecastId());
  }

  @Test
  void policyActionRecordCarriesTheDistributionAndValue() {
    PolicyDecision decision = new PolicyDecision("p1", 2, "shift_to_subnet1", List.of(0.1, 0.2, 0.7), 0.3,
        "policy-x", HASH);
    PolicyAction record = AvroRecords.policyAction(decision, "feat-9", Domain.BITTENSOR,
        Map.of("netuid:3", 1.0), Instant.EPOCH);
    assertThat(record.getActionIndex()).isEqualTo(2);
    assertThat(record.getProbabilities()).containsExactly(0.1, 0.2, 0.7);
    assertThat(record.getStateValue()).isEqualTo(0.3);
    assertThat(record.getAllocations()).hasSize(1);
  }

  @Test
  void featureWindowsBecomeRowsInModelFeatureOrder() throws Exception {
    ModelInfo model = new ModelInfo("lstm-depin-usage", ModelKind.LSTM_FORECASTER, HASH,
        Optional.of(SeriesFamily.DEPIN_USAGE), List.of("usage", "providers"), 2, List.of(1), 0.8,
        List.of("render"), List.of());
    List<FeatureWindow> windows = List.of(window(1, Map.of("providers", 10.0, "usage", 100.0)),
        window(2, Map.of("providers", 11.0, "usage", 110.0)));
    ForecastInput input = FeatureWindows.toInput(model, windows);
    assertThat(input.window()).isDeepEqualTo(new float[][] {{100, 10}, {110, 11}});
    assertThat(input.windowEndMillis()).isEqualTo(2 * 86_400_000L);
    assertThat(input.entity()).isEqualTo("render");

    ModelInputException e = catchThrowableOfType(ModelInputException.class,
        () -> FeatureWindows.toInput(model, List.of(window(1, Map.of("usage", 1.0)))));
    assertThat(e.reason()).isEqualTo(ModelInputException.Reason.WRONG_FEATURE_COUNT);
    assertThat(e.detail()).contains("providers");
  }

  private static FeatureWindow window(int day, Map<String, Double> values) {
    return FeatureWindow.newBuilder().setFeatureId("f" + day).setDomain(Domain.DEPIN).setEntity("render")
        .setWindowStart(Instant.ofEpochMilli((day - 1) * 86_400_000L))
        .setWindowEnd(Instant.ofEpochMilli(day * 86_400_000L)).setValues(Map.copyOf(values))
        .setExactValues(Map.of()).setEventCount(1).setRetractedCount(0).setRevision(0).setFeatureSpec("v1")
        .setComputedAt(Instant.EPOCH).build();
  }
}
