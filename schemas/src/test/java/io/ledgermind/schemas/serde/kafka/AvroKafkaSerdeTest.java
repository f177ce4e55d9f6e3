package io.ledgermind.schemas.serde.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.schemas.serde.DecodeException;
import io.ledgermind.schemas.serde.Decoded;
import io.ledgermind.schemas.serde.InvalidRecordException;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AvroKafkaSerdeTest {
  private final AvroKafkaSerializer serializer = new AvroKafkaSerializer();
  private final AvroKafkaDeserializer deserializer = new AvroKafkaDeserializer();

  @Test
  void roundTripsThroughTheKafkaInterfaces() {
    SmokeEvent event = event("12");
    Decoded decoded = deserializer.deserialize("t", serializer.serialize("t", event));
    assertThat(decoded.isSuccess()).isTrue();
    assertThat(decoded.record()).isEqualTo(event);
  }

  @Test
  void deserializerTurnsEveryBadValueIntoAFailureInsteadOfThrowing() {
    Decoded garbage = deserializer.deserialize("t", new byte[] {1, 2, 3});
    assertThat(garbage.isSuccess()).isFalse();
    assertThat(garbage.failure().reason()).isEqualTo(DecodeException.Reason.BAD_HEADER);
    assertThat(garbage.original()).containsExactly(1, 2, 3);
    Decoded tombstone = deserializer.deserialize("t", null);
    assertThat(tombstone.isSuccess()).isFalse();
  }

  @Test
  void serializerRefusesOutOfRangeAmountsBeforeTheyReachKafka() {
    assertThatThrownBy(() -> serializer.serialize("t", event("-1"))).isInstanceOf(InvalidRecordException.class);
    assertThat(serializer.serialize("t", null)).isNull();
  }

  private static SmokeEvent event(String amount) {
    return SmokeEvent.newBuilder().setEventId("e").setSequence(0).setEventTime(Instant.EPOCH).setAmount(amount)
        .build();
  }
}
