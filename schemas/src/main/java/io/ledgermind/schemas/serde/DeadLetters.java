package io.ledgermind.schemas.serde;

import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.ops.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} records: the reason, where the input came from, and its original bytes. */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * A dead letter for a Kafka record that failed. The id derives from topic, partition and offset, so reprocessing
   * the same input produces the same dead letter, not a second one.
   */
  public static DeadLetter of(String reason, String errorType, String topic, int partition, long offset, byte[] key,
      byte[] original, String processor, Instant failedAt) {
    return DeadLetter.newBuilder()
        .setDeadLetterId(EventIds.of("dead-letter", topic, Integer.toString(partition), Long.toString(offset)))
        .setReason(reason)
        .setErrorType(errorType)
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginal(ByteBuffer.wrap(original == null ? new byte[0] : original))
        .setProcessor(processor)
        .setFailedAt(failedAt)
        .build();
  }

  /** A dead letter for a decode failure. */
  public static DeadLetter of(DecodeException failure, String topic, int partition, long offset, byte[] key,
      byte[] original, String processor, Instant failedAt) {
    return of(failure.getMessage(), failure.reason().name(), topic, partition, offset, key, original, processor,
        failedAt);
  }
}
