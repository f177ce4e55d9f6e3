package io.ledgermind.flink.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.flink.source.RawKafkaRecord;
import io.ledgermind.schemas.SchemaCodec;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.time.Instant;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DecodeSmokeEventsTest {
  private static final SchemaCodec<SmokeEvent> CODEC = SchemaCodec.of(SmokeEvent.class);

  @Test
  void decodesGoodRecordsAndDeadLettersBadOnesWithReasonAndCoordinates() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawKafkaRecord, SmokeRow> harness =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DecodeSmokeEvents()))) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw(7, encode("e-7", "1000000"))));
      harness.processElement(new StreamRecord<>(raw(8, new byte[] {(byte) 0xC3, 0x01, 1, 2})));
      harness.processElement(new StreamRecord<>(raw(9, encode("e-9", "12.5"))));
      harness.processElement(new StreamRecord<>(raw(10, null)));

      assertThat(harness.extractOutputValues()).singleElement().satisfies(row -> {
        assertThat(row.eventId).isEqualTo("e-7");
        assertThat(row.amount).isEqualTo("1000000");
        assertThat(row.source).isEqualTo("smoke/1@7");
      });
      var letters = harness.getSideOutput(DecodeSmokeEvents.DEAD_LETTERS);
      assertThat(letters).hasSize(3);
      assertThat(letters).extracting(r -> r.getValue().offset).containsExactly(8L, 9L, 10L);
      assertThat(letters).extracting(r -> r.getValue().reason)
          .satisfiesExactly(
              r -> assertThat(r).startsWith("not a io.ledgermind.schemas.smoke.SmokeEvent single-object record"),
              r -> assertThat(r).isEqualTo("amount is not a base-10 integer: '12.5'"),
              r -> assertThat(r).startsWith("not a io.ledgermind.schemas.smoke.SmokeEvent single-object record"));
    }
  }

  private static byte[] encode(String id, String amount) {
    return CODEC.encode(SmokeEvent.newBuilder().setEventId(id).setSequence(1)
        .setEventTime(Instant.parse("2026-11-25T00:00:00Z")).setAmount(amount).build());
  }

  private static RawKafkaRecord raw(long offset, byte[] value) {
    return new RawKafkaRecord("smoke", 1, offset, 0L, null, value);
  }
}
