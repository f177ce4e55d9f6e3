package io.ledgermind.flink.features;

import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.serde.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Event-time tumbling feature windows per domain and entity, with allowed lateness and exact corrections.
 *
 * <p>Keyed by {@link FeatureInput#seriesKey()}. A window is emitted (revision 0) when the watermark passes its end.
 * Until the watermark passes end + allowed lateness, a late event or a withdrawal (a resolved retraction) updates
 * the window and, if it was already emitted, emits it again with the next revision: consumers keep the highest
 * revision (ClickHouse: ReplacingMergeTree(revision)), so a retracted event is never double-counted. After that the
 * window's state and timers are gone; an event that arrives later leaves on {@link #LATE} as a dead letter, so
 * nothing disappears silently.
 *
 * <p>Windows are written by hand rather than with Flink's window operator because a withdrawal must reach the
 * window of the withdrawn event, which only the event's own time identifies, and must re-fire it.
 */
public final class FeatureWindows extends KeyedProcessFunction<String, FeatureInput, FeatureWindow> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> LATE =
      new OutputTag<>("late-feature-inputs", new AvroTypeInfo<>(DeadLetter.class));

  private final FeatureSpec spec;
  private final long allowedLatenessMillis;
  private final String processor;
  private final Clock clock;

  /** Accumulator per window start (objects in heap state: encoded only when a checkpoint is taken). */
  private transient MapState<Long, Accumulator> windows;
  /** Emissions so far per window start: the next revision. */
  private transient MapState<Long, Integer> emissions;
  /**
   * End of the newest purged window of this key. Watermarks are not part of a checkpoint, so right after a restore
   * the watermark starts from scratch; without this, an event for an already purged window would open it again and
   * emit a second revision 0 instead of leaving as a late event.
   */
  private transient ValueState<Long> purgedUntil;
  private transient Counter emitted;
  private transient Counter corrections;
  private transient Counter late;

  public FeatureWindows(FeatureSpec spec, Duration allowedLateness, String processor) {
    this(spec, allowedLateness, processor, Clock.systemUTC());
  }

  FeatureWindows(FeatureSpec spec, Duration allowedLateness, String processor, Clock clock) {
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
    }
    this.spec = spec;
    this.allowedLatenessMillis = allowedLateness.toMillis();
    this.processor = processor;
    this.clock = clock;
  }

  @Override
  public void open(OpenContext context) {
    windows = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("window-accumulators", LongSerializer.INSTANCE, AccumulatorSerializer.INSTANCE));
    emissions = getRuntimeContext().getMapState(new MapStateDescriptor<>("window-emissions", Types.LONG, Types.INT));
    purgedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("purged-until", Types.LONG));
    emitted = getRuntimeContext().getMetricGroup().counter("featureWindowsEmitted");
    corrections = getRuntimeContext().getMetricGroup().counter("featureWindowCorrections");
    late = getRuntimeContext().getMetricGroup().counter("lateFeatureInputsDropped");
  }

  @Override
  public void processElement(FeatureInput input, Context ctx, Collector<FeatureWindow> out) throws Exception {
    FeatureDefinition definition = spec.definition(input.domain);
    long start = FeatureSpec.windowStart(definition, input.eventTime);
    long end = start + definition.window().toMillis();
    long watermark = ctx.timerService().currentWatermark();
    Long purged = purgedUntil.value();
    if (end - 1 + allowedLatenessMillis <= watermark || (purged != null && end <= purged)) {
      late.inc();
      ctx.output(LATE, lateLetter(input, watermark));
      return;
    }
    Accumulator stored = windows.get(start);
    Accumulator acc = stored == null ? new Accumulator() : stored;
    if (input.retraction) {
      acc.retract(input.accumulator());
    } else {
      acc.add(input.accumulator());
    }
    windows.put(start, acc);
    if (stored == null) {
      ctx.timerService().registerEventTimeTimer(end - 1);
      ctx.timerService().registerEventTimeTimer(end - 1 + allowedLatenessMillis);
    }
    if (end - 1 <= watermark) {
      // The window already fired: this is a correction within the allowed lateness.
      corrections.inc();
      emit(definition, input.entity, start, acc, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureWindow> out) throws Exception {
    String[] key = ctx.getCurrentKey().split("\\|", 2);
    FeatureDefinition definition = spec.definition(key[0]);
    long size = definition.window().toMillis();
    long fireStart = timestamp + 1 - size;
    Accumulator firing = windows.get(fireStart);
    if (firing != null && !emissions.contains(fireStart)) {
      emit(definition, key[1], fireStart, firing, out);
    }
    long purgeStart = timestamp + 1 - allowedLatenessMillis - size;
    if (windows.contains(purgeStart)) {
      if (!emissions.contains(purgeStart)) {
        // Zero lateness: fire and purge share one timer.
        emit(definition, key[1], purgeStart, windows.get(purgeStart), out);
      }
      windows.remove(purgeStart);
      emissions.remove(purgeStart);
      Long purged = purgedUntil.value();
      long purgedEnd = purgeStart + size;
      if (purged == null || purgedEnd > purged) {
        purgedUntil.update(purgedEnd);
      }
    }
  }

  private void emit(FeatureDefinition definition, String entity, long start, Accumulator acc,
      Collector<FeatureWindow> out) throws Exception {
    Integer previous = emissions.get(start);
    int revision = previous == null ? 0 : previous;
    out.collect(spec.window(definition, entity, start, acc, revision, clock.instant()));
    emissions.put(start, revision + 1);
    emitted.inc();
  }

  private DeadLetter lateLetter(FeatureInput input, long watermark) {
    String reason = (input.retraction ? "withdrawal of " : "event ") + input.eventId + " at "
        + Instant.ofEpochMilli(input.eventTime) + " arrived after its " + input.domain + " window closed (watermark "
        + Instant.ofEpochMilli(watermark) + ", allowed lateness " + Duration.ofMillis(allowedLatenessMillis) + ")";
    return DeadLetters.of(reason, input.retraction ? "LATE_RETRACTION" : "LATE_EVENT",
        input.sourceTopic == null ? "" : input.sourceTopic, input.sourcePartition, input.sourceOffset,
        input.sourceKey == null ? null : input.sourceKey.getBytes(StandardCharsets.UTF_8), input.contribution,
        processor, clock.instant());
  }
}
