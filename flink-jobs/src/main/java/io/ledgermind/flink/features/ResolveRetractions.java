package io.ledgermind.flink.features;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a retraction, which names only the event it withdraws, into the withdrawal of that event's contribution.
 *
 * <p>Keyed by source topic and key ({@link FeatureInput#sourceKey}): the EVM reader writes a retraction to the topic
 * and key of the event it withdraws, after that event, so both reach the same subtask in order. The contributions of
 * recent events are kept for {@code reorgHorizon} of event time (chains reorganise only blocks younger than their
 * finality: about 13 minutes on Ethereum), then dropped; a retraction arriving later, or naming an event this job
 * never saw, changes nothing and is counted ({@code retractionsUnresolved}). A replayed event with an id already
 * held is passed on only once, so a duplicate never counts twice in a window.
 */
public final class ResolveRetractions extends KeyedProcessFunction<String, FeatureInput, FeatureInput> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ResolveRetractions.class);
  /** Cleanup timers are rounded up to this, so a busy key fires one timer per bucket, not one per event. */
  private static final long CLEANUP_BUCKET_MILLIS = 60_000;

  private final long reorgHorizonMillis;
  private transient MapState<String, FeatureInput> recent;
  private transient Counter resolved;
  private transient Counter unresolved;
  private transient Counter duplicates;

  public ResolveRetractions(Duration reorgHorizon) {
    if (reorgHorizon.isNegative()) {
      throw new IllegalArgumentException("reorg horizon must not be negative: " + reorgHorizon);
    }
    this.reorgHorizonMillis = reorgHorizon.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    recent = getRuntimeContext().getMapState(new MapStateDescriptor<>("recent-contributions", Types.STRING,
        TypeInformation.of(FeatureInput.class)));
    resolved = getRuntimeContext().getMetricGroup().counter("retractionsResolved");
    unresolved = getRuntimeContext().getMetricGroup().counter("retractionsUnresolved");
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEventsDropped");
  }

  @Override
  public void processElement(FeatureInput input, Context ctx, Collector<FeatureInput> out) throws Exception {
    if (input.retraction) {
      FeatureInput original = recent.get(input.eventId);
      if (original == null) {
        unresolved.inc();
        LOG.debug("retraction of {} on {}: event unknown or older than the reorg horizon", input.eventId,
            input.sourceKey);
        return;
      }
      recent.remove(input.eventId);
      resolved.inc();
      out.collect(original.withdrawn().from(input.sourceTopic, input.sourcePartition, input.sourceOffset));
      return;
    }
    if (recent.contains(input.eventId)) {
      duplicates.inc();
      return;
    }
    long expiry = input.eventTime + reorgHorizonMillis;
    if (expiry > ctx.timerService().currentWatermark()) {
      // A copy: with object reuse the runtime may refill the input instance for the next record.
      recent.put(input.eventId, input.copy());
      long bucket = (Math.floorDiv(expiry, CLEANUP_BUCKET_MILLIS) + 1) * CLEANUP_BUCKET_MILLIS;
      ctx.timerService().registerEventTimeTimer(bucket);
    }
    out.collect(input);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureInput> out) throws Exception {
    List<String> expired = new ArrayList<>();
    for (Iterator<Map.Entry<String, FeatureInput>> it = recent.iterator(); it.hasNext(); ) {
      Map.Entry<String, FeatureInput> entry = it.next();
      if (entry.getValue().eventTime + reorgHorizonMillis <= timestamp) {
        expired.add(entry.getKey());
      }
    }
    for (String id : expired) {
      recent.remove(id);
    }
  }
}
