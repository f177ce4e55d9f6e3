package io.ledgermind.flink.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.ForecastPoint;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.oracle.OracleRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishForecastsTest {
  private static final long HOUR = 3_600_000;
  /** The end of the bounded input in these tests: windows ending after it are incomplete. */
  private static final Instant HORIZON = Instant.ofEpochMilli(20 * HOUR);
  /** The wall clock: windows ending after it lie in the future. */
  private static final Instant NOW = Instant.ofEpochMilli(30 * HOUR);
  private KeyedOneInputStreamOperatorTestHarness<String, ForecastOutcome, Forecast> harness;

  @BeforeEach
  void open() throws Exception {
    harness = open(HORIZON);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ForecastOutcome, Forecast> open(Instant horizon)
      throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new PublishForecasts(8, "test", horizon, Clock.fixed(NOW, ZoneOffset.UTC)),
        o -> o.request.domain + "|" + o.request.entity, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static ForecastOutcome outcome(long windowEnd, float lastTarget, double value, double lower, double upper,
      int revision) {
    ForecastRequest request = new ForecastRequest();
    request.family = "STABLECOIN_NET_FLOW";
    request.domain = "STABLECOIN";
    request.entity = "USDC";
    request.featureId = "f" + windowEnd + "#" + revision;
    request.windowEnd = windowEnd;
    request.rows = 1;
    request.features = 1;
    request.values = new float[] {lastTarget};
    request.inputsCommitment = "0x" + "ab".repeat(32);
    Forecast forecast = Forecast.newBuilder().setForecastId("id-" + request.featureId).setDomain(Domain.STABLECOIN)
        .setEntity("USDC").setTarget("net_flow").setFeatureId(request.featureId)
        .setIssuedAt(Instant.ofEpochMilli(windowEnd))
        .setPoints(List.of(ForecastPoint.newBuilder().setHorizonMillis(HOUR)
            .setTargetTime(Instant.ofEpochMilli(windowEnd + HOUR)).setValue(value).setLower(lower).setUpper(upper)
            .build()))
        .setIntervalLevel(0.8).setModelName("m").setModelHash("0123").setComputedAt(Instant.EPOCH)
        .setFlags(new java.util.ArrayList<>()).build();
    return ForecastOutcome.of(request, forecast);
  }

  private void process(ForecastOutcome outcome) throws Exception {
    harness.processElement(new StreamRecord<>(outcome, outcome.request.windowEnd));
  }

  private List<OracleRequest> oracleRequests() {
    var side = harness.getSideOutput(PublishForecasts.ORACLE_REQUESTS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void flagsAnActualOutsideThePreviousIntervalAndNothingInside() throws Exception {
    process(outcome(10 * HOUR, 0f, 1.0, 0.5, 1.5, 0));
    process(outcome(11 * HOUR, 1.2f, 1.0, 0.5, 1.5, 0)); // inside [0.5, 1.5]
    process(outcome(12 * HOUR, 9f, 1.0, 0.5, 1.5, 0)); // outside

    assertThat(harness.extractOutputValues()).extracting(Forecast::getFlags)
        .containsExactly(List.of(), List.of(), List.of(PublishForecasts.INTERVAL_BREACH));
  }

  @Test
  void oracleRequestsCarryAnExactScaledAnswerAndOneRoundPerWindow() throws Exception {
    process(outcome(10 * HOUR, 0f, -1.23456789012, -2, 0, 0));
    process(outcome(10 * HOUR, 0f, 5.0, 4, 6, 1)); // a correction of the same window: no second round
    process(outcome(11 * HOUR, 0f, 0.1, 0, 1, 0));

    assertThat(oracleRequests()).extracting(OracleRequest::getRoundId).containsExactly("10", "11");
    OracleRequest first = oracleRequests().get(0);
    assertThat(first.getAnswer()).isEqualTo("-123456789");
    assertThat(first.getFeedId()).isEqualTo("USDC/net_flow");
    assertThat(first.getRequestId()).isEqualTo("USDC/net_flow:10");
    assertThat(first.getModelHash()).isEqualTo("0x0123");
    assertThat(first.getObservedAt()).isEqualTo(Instant.ofEpochMilli(10 * HOUR));
    assertThat(first.getTargetTime()).as("what the value forecasts").isEqualTo(Instant.ofEpochMilli(11 * HOUR));
    assertThat(oracleRequests().get(1).getAnswer()).isEqualTo("10000000");
    assertThat(harness.extractOutputValues()).hasSize(3);
  }

  @Test
  void aWindowPastTheHorizonIsFlaggedIncompleteAndNeverRequested() throws Exception {
    process(outcome(20 * HOUR, 1f, 1.0, 0.5, 1.5, 0)); // ends at the horizon: complete
    process(outcome(21 * HOUR, 1f, 1.0, 0.5, 1.5, 0)); // cut short by the end of the input (actual inside)

    assertThat(oracleRequests()).extracting(OracleRequest::getRoundId).containsExactly("20");
    assertThat(harness.extractOutputValues()).extracting(Forecast::getFlags)
        .containsExactly(List.of(), List.of(PublishForecasts.INCOMPLETE_WINDOW));
  }

  @Test
  void aWindowInTheFutureIsNeverRequestedEvenWithoutHorizon() throws Exception {
    harness.close();
    harness = open(Instant.MAX);
    process(outcome(30 * HOUR, 0f, 1.0, 0.5, 1.5, 0)); // ends now
    process(outcome(31 * HOUR, 0f, 1.0, 0.5, 1.5, 0)); // ends after the wall clock

    assertThat(oracleRequests()).extracting(OracleRequest::getRoundId).containsExactly("30");
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void aFailedInferenceBecomesADeadLetterWithAStableId() throws Exception {
    ForecastOutcome failed = ForecastOutcome.failed(outcome(10 * HOUR, 0f, 0, 0, 0, 0).request,
        new IllegalArgumentException("window 0: value NaN"));
    process(failed);
    process(failed);

    List<DeadLetter> letters = harness.getSideOutput(PublishForecasts.DEAD_LETTERS).stream()
        .map(StreamRecord::getValue).toList();
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).getDeadLetterId()).isEqualTo(letters.get(1).getDeadLetterId());
    assertThat(letters.get(0).getErrorType()).isEqualTo("INFERENCE_IllegalArgumentException");
    assertThat(letters.get(0).getReason()).contains("USDC").contains("value NaN");
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(oracleRequests()).isEmpty();
  }
}
