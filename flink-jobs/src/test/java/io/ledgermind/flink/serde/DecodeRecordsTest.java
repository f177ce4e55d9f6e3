package io.ledgermind.flink.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.flink.source.RawKafkaRecord;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DecodeRecordsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void decodesGoodRecordsAndDeadLettersBadOnesWithReasonCoordinatesAndOriginalBytes() throws Exception {
    DecodeRecords<SmokeEvent> decode =
        new DecodeRecords<>(SmokeEvent.class, "test-job", Clock.fixed(NOW, ZoneOffset.UTC));
    byte[] garbage = {(byte) 0xC3, 0x01, 1, 2};
    try (OneInputStreamOperatorTestHarness<RawKafkaRecord, SmokeEvent> harness =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(decode))) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw(7, encode("e-7", "1000000"))));
      harness.processElement(new StreamRecord<>(raw(8, garbage)));
      harness.processElement(new StreamRecord<>(raw(9, encode("e-9", "1000000").clone(), 3)));
      harness.processElement(new StreamRecord<>(raw(10, null)));

      assertThat(harness.extractOutputValues()).extracting(SmokeEvent::getEventId).containsExactly("e-7");
      List<DeadLetter> letters = harness.getSideOutput(DecodeRecords.DEAD_LETTERS).stream()
          .map(StreamRecord::getValue).toList();
      assertThat(letters).extracting(DeadLetter::getSourceOffset).containsExactly(8L, 9L, 10L);
      assertThat(letters).extracting(DeadLetter::getErrorType).containsExactly("BAD_HEADER", "TRUNCATED", "BAD_HEADER");
      assertThat(letters.get(0).getOriginal()).isEqualTo(ByteBuffer.wrap(garbage));
      assertThat(letters.get(0).getSourceTopic()).isEqualTo("smoke");
      assertThat(letters.get(0).getProcessor()).isEqualTo("test-job");
      assertThat(letters.get(0).getFailedAt()).isEqualTo(NOW);
      // In = out + dead-lettered.
      assertThat(harness.extractOutputValues().size() + letters.size()).isEqualTo(4);
    }
  }

  private static byte[] encode(String id, String amount) {
    return AvroCodec.standard().encode(SmokeEvent.newBuilder().setEventId(id).setSequence(1)
        .setEventTime(Instant.parse("2026-11-25T00:00:00Z")).setAmount(amount).build());
  }

  private static RawKafkaRecord raw(long offset, byte[] value) {
    return new RawKafkaRecord("smoke", 1, offset, 0L, null, value);
  }

  /** The record with its last {@code cut} bytes missing. */
  private static RawKafkaRecord raw(long offset, byte[] value, int cut) {
    return raw(offset, java.util.Arrays.copyOf(value, value.length - cut));
  }
}
