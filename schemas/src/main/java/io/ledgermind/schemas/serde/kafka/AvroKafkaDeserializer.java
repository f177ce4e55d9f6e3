package io.ledgermind.schemas.serde.kafka;

import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DecodeException;
import io.ledgermind.schemas.serde.Decoded;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer that never throws: every value becomes a {@link Decoded}, either the record or the
 * reason it could not be read (with the original bytes, for the dead-letter topic). A plain deserializer that threw
 * would stop the consumer at the bad offset forever.
 */
public final class AvroKafkaDeserializer implements Deserializer<Decoded> {
  private final AvroCodec codec = AvroCodec.standard();

  @Override
  public Decoded deserialize(String topic, byte[] data) {
    if (data == null) {
      return Decoded.failure(new DecodeException(DecodeException.Reason.BAD_HEADER, "null value (tombstone)"), null);
    }
    try {
      return Decoded.success(codec.decode(data), data);
    } catch (DecodeException e) {
      return Decoded.failure(e, data);
    }
  }
}
