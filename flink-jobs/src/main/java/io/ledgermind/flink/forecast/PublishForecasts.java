package io.ledgermind.flink.forecast;

import io.ledgermind.flink.serde.DecodeRecords;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.avro.AvroRecords;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.ForecastPoint;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.serde.DeadLetters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The last step of a forecast: anomaly flags, the oracle request, and a dead letter for a request the model refused.
 *
 * <p>Keyed by domain and entity, after the ordered inference operator, so each entity's forecasts arrive in window
 * order. Flags:
 * <ul>
 *   <li>{@code INTERVAL_BREACH}: the value just observed (the target in the input's last row) lies outside the
 *       interval the previous forecast gave for this step (complete windows only: a window cut short at the end of
 *       a bounded input holds part of a step);
 *   <li>{@code GAP_FILLED}: some input rows were filled because a step had no events;
 *   <li>{@code OUT_OF_DISTRIBUTION} (set by the model): the input lay outside the model's training range. Such a
 *       forecast is recorded (Kafka, ClickHouse, with the flag) but never becomes an oracle request: an
 *       extrapolation does not go on-chain. Counted in the {@code outOfDistribution} metric.
 * </ul>
 * An oracle request goes out for the first forecast of each window only, and only for a window that is complete
 * and not in the future: its end must be at or before the publish horizon (the end of a bounded input, whose last
 * windows are cut short; unbounded for a streaming job, whose windows fire when the watermark passes their end) and
 * at or before the wall clock. A forecast of a window past the horizon is flagged {@code INCOMPLETE_WINDOW} and
 * never published. The request names its window ({@code observedAt}, the newest input time) and what it forecasts
 * ({@code targetTime}); the contract assigns the round id and publishes a window at most once per feed, so a
 * correction of the same window, or a replay after a restart, cannot publish twice. The request's {@code roundId}
 * is the window's sequence number in steps of the series (its request id is feed and window).
 */
public final class PublishForecasts extends KeyedProcessFunction<String, ForecastOutcome, Forecast> {
  private static final long serialVersionUID = 1L;

  public static final String INTERVAL_BREACH = "INTERVAL_BREACH";
  public static final String GAP_FILLED = "GAP_FILLED";
  public static final String INCOMPLETE_WINDOW = "INCOMPLETE_WINDOW";
  public static final OutputTag<OracleRequest> ORACLE_REQUESTS =
      new OutputTag<>("oracle-requests", new AvroTypeInfo<>(OracleRequest.class));
  public static final OutputTag<DeadLetter> DEAD_LETTERS = DecodeRecords.DEAD_LETTERS;

  private final int answerDecimals;
  private final String processor;
  private final long publishHorizonMillis;
  private final Clock clock;
  /** [targetTime, lower, upper] of the previous forecast's first horizon. */
  private transient ValueState<double[]> previousInterval;
  private transient ValueState<Long> lastRound;
  private transient Counter breaches;
  private transient Counter outOfDistribution;
  private transient Counter failures;

  /**
   * @param publishHorizon windows ending after it are incomplete: not published ({@link Instant#MAX}: none)
   */
  public PublishForecasts(int answerDecimals, String processor, Instant publishHorizon) {
    this(answerDecimals, processor, publishHorizon, Clock.systemUTC());
  }

  PublishForecasts(int answerDecimals, String processor, Instant publishHorizon, Clock clock) {
    if (answerDecimals < 0 || answerDecimals > 18) {
      throw new IllegalArgumentException("answer decimals must be within 0..18: " + answerDecimals);
    }
    this.answerDecimals = answerDecimals;
    this.processor = processor;
    this.publishHorizonMillis = publishHorizon.equals(Instant.MAX) ? Long.MAX_VALUE : publishHorizon.toEpochMilli();
    this.clock = clock;
  }

  @Override
  public void open(OpenContext context) {
    previousInterval = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-interval",
        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    lastRound = getRuntimeContext().getState(new ValueStateDescriptor<>("last-oracle-round", Types.LONG));
    breaches = getRuntimeContext().getMetricGroup().counter("intervalBreaches");
    outOfDistribution = getRuntimeContext().getMetricGroup().counter("outOfDistribution");
    failures = getRuntimeContext().getMetricGroup().counter("inferenceFailures");
  }

  @Override
  public void processElement(ForecastOutcome outcome, Context ctx, Collector<Forecast> out) throws Exception {
    ForecastRequest request = outcome.request;
    if (!outcome.ok()) {
      failures.inc();
      ctx.output(DEAD_LETTERS, deadLetter(outcome));
      return;
    }
    Forecast forecast = outcome.forecast;
    List<String> flags = new ArrayList<>(forecast.getFlags());
    double[] previous = previousInterval.value();
    boolean complete = request.windowEnd <= publishHorizonMillis;
    // An incomplete window's value is a part of a step (a day cut short at the input's end): comparing it with an
    // interval for the whole step would flag a breach that is not one.
    if (complete && previous != null && (long) previous[0] == request.windowEnd) {
      double actual = request.lastTarget();
      if (actual < previous[1] || actual > previous[2]) {
        flags.add(INTERVAL_BREACH);
        breaches.inc();
      }
    }
    if (request.filledRows > 0) {
      flags.add(GAP_FILLED);
    }
    if (!complete) {
      flags.add(INCOMPLETE_WINDOW);
    }
    forecast.setFlags(flags);
    ForecastPoint next = forecast.getPoints().get(0);
    previousInterval.update(new double[] {next.getTargetTime().toEpochMilli(), next.getLower(), next.getUpper()});
    out.collect(forecast);

    long round = request.windowEnd / SeriesFamily.valueOf(request.family).step().toMillis();
    Long last = lastRound.value();
    // Never a window from the future: a consumer must be able to trust observedAt <= publication time.
    boolean past = request.windowEnd <= clock.millis();
    boolean inDistribution = !flags.contains(AvroRecords.OUT_OF_DISTRIBUTION);
    if (!inDistribution) {
      outOfDistribution.inc();
    }
    if (complete && past && inDistribution && (last == null || round > last)) {
      lastRound.update(round);
      ctx.output(ORACLE_REQUESTS, oracleRequest(forecast, request, next, round));
    }
  }

  private OracleRequest oracleRequest(Forecast forecast, ForecastRequest request, ForecastPoint next, long round) {
    String feedId = forecast.getEntity() + "/" + forecast.getTarget();
    String answer = scaledAnswer(next.getValue(), answerDecimals);
    return OracleRequest.newBuilder()
        .setRequestId(feedId + ":" + round)
        .setFeedId(feedId)
        .setRoundId(Long.toString(round))
        .setAnswer(answer)
        .setDecimals(answerDecimals)
        .setObservedAt(Instant.ofEpochMilli(request.windowEnd))
        .setTargetTime(next.getTargetTime())
        .setModelHash("0x" + forecast.getModelHash())
        .setInputsCommitment(request.inputsCommitment)
        .setSourceId(forecast.getForecastId())
        .setCreatedAt(clock.instant())
        .build();
  }

  /**
   * The median of the next step as the feed's integer answer: exact from here on (BigDecimal of the double's
   * shortest decimal representation, rounded half-even), as an AggregatorV3 answer is. {@code verify} uses it too.
   */
  public static String scaledAnswer(double value, int decimals) {
    return BigDecimal.valueOf(value).movePointRight(decimals).setScale(0, RoundingMode.HALF_EVEN)
        .toBigIntegerExact().toString();
  }

  private DeadLetter deadLetter(ForecastOutcome outcome) {
    ForecastRequest r = outcome.request;
    String reason = "no forecast for " + r.family + " " + r.entity + " at " + Instant.ofEpochMilli(r.windowEnd)
        + ": " + outcome.error;
    DeadLetter letter = DeadLetters.of(reason, "INFERENCE_" + outcome.errorType, "ledgermind.features", -1, -1,
        r.featureId.getBytes(StandardCharsets.UTF_8), new byte[0], processor, clock.instant());
    // No Kafka offset identifies a forecast request; its feature id does, so a replay yields the same dead letter.
    letter.setDeadLetterId(EventIds.of("dead-letter", "inference", r.featureId));
    return letter;
  }
}
