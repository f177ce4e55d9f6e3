package io.ledgermind.flink.features;

import io.ledgermind.flink.source.RawKafkaRecord;
import io.ledgermind.schemas.raw.BlockHeader;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DeadLetters;
import io.ledgermind.schemas.serde.DecodeException;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.flink.serde.DecodeRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes the raw topics and splits every record three ways: its feature contributions (main output), the decoded
 * record itself on the side output of its type (for the raw ClickHouse tables), and, when it does not decode or is
 * of a type no raw table takes, a dead letter with the reason. Every input record therefore leaves as exactly one
 * raw record or one dead letter: in = out + dead-lettered, whatever its features.
 *
 * <p>A {@link Retraction} becomes an unresolved retraction input: it names only the withdrawn event, and
 * {@link ResolveRetractions} (keyed by the same topic and key) finds what that event contributed.
 */
public final class ExtractFeatures extends ProcessFunction<RawKafkaRecord, FeatureInput>
    implements ResultTypeQueryable<FeatureInput> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<StablecoinEvent> STABLECOIN = tag(StablecoinEvent.class);
  public static final OutputTag<DepinUsageEvent> DEPIN = tag(DepinUsageEvent.class);
  public static final OutputTag<SubnetSnapshot> SUBNET = tag(SubnetSnapshot.class);
  public static final OutputTag<OracleRoundEvent> ORACLE_ROUNDS = tag(OracleRoundEvent.class);
  public static final OutputTag<BlockHeader> BLOCK_HEADERS = tag(BlockHeader.class);
  public static final OutputTag<Retraction> RETRACTIONS = tag(Retraction.class);
  /** Same tag as {@link DecodeRecords#DEAD_LETTERS}: one dead-letter path per job. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = DecodeRecords.DEAD_LETTERS;

  private static final List<OutputTag<? extends SpecificRecordBase>> RAW =
      List.of(STABLECOIN, DEPIN, SUBNET, ORACLE_ROUNDS, BLOCK_HEADERS, RETRACTIONS);

  private final FeatureSpec spec;
  private final String processor;
  private final Clock clock;
  private transient Counter decoded;
  private transient Counter deadLettered;
  /** Accumulators (unlike metrics) come back in the JobExecutionResult: a bounded run reconciles with them. */
  private transient LongCounter decodedTotal;
  private transient LongCounter deadLetteredTotal;

  public ExtractFeatures(FeatureSpec spec, String processor) {
    this(spec, processor, Clock.systemUTC());
  }

  ExtractFeatures(FeatureSpec spec, String processor, Clock clock) {
    this.spec = spec;
    this.processor = processor;
    this.clock = clock;
  }

  private static <T extends SpecificRecordBase> OutputTag<T> tag(Class<T> type) {
    return new OutputTag<>("raw-" + type.getSimpleName(), new AvroTypeInfo<>(type));
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    decoded = getRuntimeContext().getMetricGroup().counter("rawRecordsDecoded");
    deadLettered = getRuntimeContext().getMetricGroup().counter("rawRecordsDeadLettered");
    decodedTotal = new LongCounter();
    deadLetteredTotal = new LongCounter();
    getRuntimeContext().addAccumulator("rawRecordsDecoded", decodedTotal);
    getRuntimeContext().addAccumulator("rawRecordsDeadLettered", deadLetteredTotal);
  }

  @Override
  public TypeInformation<FeatureInput> getProducedType() {
    return TypeInformation.of(FeatureInput.class);
  }

  @Override
  public void processElement(RawKafkaRecord record, Context ctx, Collector<FeatureInput> out) {
    SpecificRecord value;
    try {
      value = AvroCodec.standard().decode(record.value);
    } catch (DecodeException e) {
      deadLetter(ctx, record, DeadLetters.of(e, record.topic, record.partition, record.offset, record.key,
          record.value, processor, clock.instant()));
      return;
    }
    OutputTag<? extends SpecificRecordBase> rawTag = rawTag(value);
    if (rawTag == null) {
      deadLetter(ctx, record, DeadLetters.of("a " + value.getSchema().getFullName() + " record on raw topic "
              + record.topic + ": no raw table takes this type", "UNEXPECTED_RECORD_TYPE", record.topic,
          record.partition, record.offset, record.key, record.value, processor, clock.instant()));
      return;
    }
    emitRaw(ctx, rawTag, value);
    decoded.inc();
    decodedTotal.add(1);
    String sourceKey = sourceKey(record);
    if (value instanceof Retraction retraction) {
      out.collect(FeatureInput.retraction(sourceKey, retraction.getRetractedEventId(),
              retraction.getMeta().getEventTime().toEpochMilli())
          .from(record.topic, record.partition, record.offset));
      return;
    }
    for (FeatureInput input : spec.extract(value, sourceKey)) {
      out.collect(input.from(record.topic, record.partition, record.offset));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecordBase> void emitRaw(Context ctx, OutputTag<T> tag, SpecificRecord value) {
    ctx.output(tag, (T) value);
  }

  private static OutputTag<? extends SpecificRecordBase> rawTag(SpecificRecord value) {
    for (OutputTag<? extends SpecificRecordBase> tag : RAW) {
      if (((AvroTypeInfo<?>) tag.getTypeInfo()).getTypeClass().isInstance(value)) {
        return tag;
      }
    }
    return null;
  }

  private void deadLetter(Context ctx, RawKafkaRecord record, DeadLetter letter) {
    deadLettered.inc();
    deadLetteredTotal.add(1);
    ctx.output(DEAD_LETTERS, letter);
  }

  /** Topic and key: the EVM reader writes a retraction to the topic and key of the event it withdraws. */
  static String sourceKey(RawKafkaRecord record) {
    String key = record.key == null ? "" : new String(record.key, StandardCharsets.UTF_8);
    return record.topic + '|' + key;
  }
}
