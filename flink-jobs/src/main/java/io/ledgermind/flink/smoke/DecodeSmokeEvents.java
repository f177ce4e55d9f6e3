package io.ledgermind.flink.smoke;

import io.ledgermind.flink.source.RawKafkaRecord;
import io.ledgermind.schemas.DecodeException;
import io.ledgermind.schemas.SchemaCodec;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.math.BigInteger;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes single-object Avro {@link SmokeEvent}s. A record that does not decode, or whose amount is not a uint256,
 * goes to {@link #DEAD_LETTERS} with the reason; the stream goes on. So every input record leaves as exactly one
 * row or one dead letter.
 */
public final class DecodeSmokeEvents extends ProcessFunction<RawKafkaRecord, SmokeRow> {
  private static final long serialVersionUID = 1L;
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  private transient SchemaCodec<SmokeEvent> codec;

  @Override
  public void processElement(RawKafkaRecord record, Context ctx, Collector<SmokeRow> out) {
    if (codec == null) {
      codec = SchemaCodec.of(SmokeEvent.class);
    }
    SmokeEvent event;
    try {
      event = codec.decode(record.value == null ? new byte[0] : record.value);
    } catch (DecodeException e) {
      ctx.output(DEAD_LETTERS, deadLetter(record, e.getMessage()));
      return;
    }
    String amountProblem = checkUint256(event.getAmount());
    if (amountProblem != null) {
      ctx.output(DEAD_LETTERS, deadLetter(record, amountProblem));
      return;
    }
    SmokeRow row = new SmokeRow();
    row.eventId = event.getEventId();
    row.sequence = event.getSequence();
    row.eventTimeMillis = event.getEventTime().toEpochMilli();
    row.amount = event.getAmount();
    row.note = event.getNote();
    row.source = record.coordinates();
    out.collect(row);
  }

  private static String checkUint256(String amount) {
    try {
      BigInteger value = new BigInteger(amount);
      if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
        return "amount out of uint256 range: " + amount;
      }
      return null;
    } catch (NumberFormatException e) {
      return "amount is not a base-10 integer: '" + amount + "'";
    }
  }

  private static DeadLetter deadLetter(RawKafkaRecord record, String reason) {
    DeadLetter letter = new DeadLetter();
    letter.reason = reason;
    letter.topic = record.topic;
    letter.partition = record.partition;
    letter.offset = record.offset;
    letter.original = record.value == null ? new byte[0] : record.value;
    return letter;
  }
}
