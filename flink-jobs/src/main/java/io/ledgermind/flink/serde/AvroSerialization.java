package io.ledgermind.flink.serde;

import io.ledgermind.schemas.serde.AvroCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Single-object Avro values for Flink's KafkaSink. A record with an out-of-range amount fails the job instead of
 * reaching the topic: that is a bug in the job, not bad input.
 */
public final class AvroSerialization<T extends SpecificRecord> implements SerializationSchema<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] serialize(T element) {
    return AvroCodec.standard().encode(element);
  }
}
