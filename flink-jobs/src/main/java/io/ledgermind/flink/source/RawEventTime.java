package io.ledgermind.flink.source;

import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a raw record read straight from its bytes, so the Kafka source can track watermarks per partition
 * (a partition read ahead of another then holds the watermark back instead of making the other's events late).
 *
 * <p>Every raw record starts with {@code meta} (common/EventMeta: eventId, chainId, blockNumber, blockHash, txHash,
 * logIndex, eventTime), after the 10-byte single-object header; the assigner skips to {@code eventTime} without
 * decoding the record. Bytes that do not have this shape get {@link Long#MIN_VALUE}: they never move the watermark,
 * and the decoder downstream dead-letters them with the real reason.
 */
public final class RawEventTime implements SerializableTimestampAssigner<RawKafkaRecord> {
  private static final long serialVersionUID = 1L;
  private static final int HEADER = 10;
  private static final long MAX_STRING = 1 << 16;

  @Override
  public long extractTimestamp(RawKafkaRecord record, long recordTimestamp) {
    return of(record.value);
  }

  /** The event time in epoch millis, or {@link Long#MIN_VALUE} when the bytes are not a raw record. */
  public static long of(byte[] value) {
    if (value == null || value.length <= HEADER || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
      return Long.MIN_VALUE;
    }
    try {
      BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null);
      skipString(in); // eventId
      skipString(in); // chainId
      in.readLong(); // blockNumber
      skipOptionalString(in); // blockHash
      skipOptionalString(in); // txHash
      if (in.readIndex() == 1) { // logIndex: ["null", "int"]
        in.readInt();
      }
      return in.readLong();
    } catch (IOException | RuntimeException e) {
      return Long.MIN_VALUE;
    }
  }

  private static void skipString(BinaryDecoder in) throws IOException {
    long length = in.readLong();
    if (length < 0 || length > MAX_STRING) {
      throw new IOException("not a meta string");
    }
    in.skipFixed((int) length);
  }

  private static void skipOptionalString(BinaryDecoder in) throws IOException {
    if (in.readIndex() == 1) {
      skipString(in);
    }
  }
}
