package io.ledgermind.schemas.serde.kafka;

import io.ledgermind.schemas.serde.AvroCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for any Ledgermind record (single-object Avro). Configure with
 * {@code value.serializer=io.ledgermind.schemas.serde.kafka.AvroKafkaSerializer}. A record with an out-of-range
 * amount fails in {@code send()} with {@link io.ledgermind.schemas.serde.InvalidRecordException}: nothing invalid
 * reaches the topic.
 */
public final class AvroKafkaSerializer implements Serializer<SpecificRecord> {
  private final AvroCodec codec = AvroCodec.standard();

  @Override
  public byte[] serialize(String topic, SpecificRecord data) {
    return data == null ? null : codec.encode(data);
  }
}
