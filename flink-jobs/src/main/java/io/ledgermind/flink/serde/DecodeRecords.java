package io.ledgermind.flink.serde;

import io.ledgermind.flink.source.RawKafkaRecord;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DeadLetters;
import io.ledgermind.schemas.serde.DecodeException;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw Kafka records into one record type. Anything that does not decode (bad header, unknown fingerprint,
 * truncated or corrupt body, out-of-range amount, another type) leaves on {@link #DEAD_LETTERS} as a
 * {@link DeadLetter} with the reason and the original bytes; the stream goes on. Every input record therefore leaves
 * as exactly one record or one dead letter: in = out + dead-lettered.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<StablecoinEvent> events =
 *     raw.process(new DecodeRecords<>(StablecoinEvent.class, "features-job")).name("decode stablecoin events");
 * events.getSideOutput(DecodeRecords.DEAD_LETTERS).sinkTo(deadLetterSink);
 * }</pre>
 */
public final class DecodeRecords<T extends SpecificRecordBase> extends ProcessFunction<RawKafkaRecord, T>
    implements ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

  private final Class<T> type;
  private final String processor;
  private final Clock clock;

  public DecodeRecords(Class<T> type, String processor) {
    this(type, processor, Clock.systemUTC());
  }

  DecodeRecords(Class<T> type, String processor, Clock clock) {
    this.type = type;
    this.processor = processor;
    this.clock = clock;
  }

  /** Avro type information: generated records are serialized by Avro between operators, never by Kryo. */
  @Override
  public TypeInformation<T> getProducedType() {
    return new AvroTypeInfo<>(type);
  }

  @Override
  public void processElement(RawKafkaRecord record, Context ctx, Collector<T> out) {
    try {
      out.collect(AvroCodec.standard().decode(record.value, type));
    } catch (DecodeException e) {
      ctx.output(DEAD_LETTERS, DeadLetters.of(e, record.topic, record.partition, record.offset, record.key,
          record.value, processor, clock.instant()));
    }
  }
}
