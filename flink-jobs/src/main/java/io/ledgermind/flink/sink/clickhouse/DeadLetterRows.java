package io.ledgermind.flink.sink.clickhouse;

import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.schemas.ops.DeadLetter;
import java.nio.ByteBuffer;
import java.util.List;

/** {@link DeadLetter}s as rows of the {@code dead_letters} table (migration V0004). */
public final class DeadLetterRows {
  private DeadLetterRows() {}

  public static ClickHouseTable table(String database) {
    return new ClickHouseTable(database + ".dead_letters", List.of("dead_letter_id", "reason", "error_type",
        "source_topic", "source_partition", "source_offset", "key", "original", "processor", "failed_at", "version"));
  }

  public static RowEncoder<DeadLetter> encoder() {
    return (letter, row) ->
        row.writeString(letter.getDeadLetterId())
            .writeString(letter.getReason())
            .writeString(letter.getErrorType())
            .writeString(letter.getSourceTopic())
            .writeInt32(letter.getSourcePartition())
            .writeInt64(letter.getSourceOffset())
            .writeNullableBytes(letter.getKey() == null ? null : bytes(letter.getKey()))
            .writeBytes(bytes(letter.getOriginal()))
            .writeString(letter.getProcessor())
            .writeDateTime(letter.getFailedAt())
            // Replays of the same input share the id; the latest failure wins.
            .writeUInt64(letter.getFailedAt().toEpochMilli());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
