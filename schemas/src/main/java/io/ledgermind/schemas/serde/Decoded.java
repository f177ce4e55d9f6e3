package io.ledgermind.schemas.serde;

import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outcome of decoding one value: the record, or the failure with the original bytes kept for a dead letter.
 *
 * @param record the decoded record, null on failure
 * @param failure why decoding failed, null on success
 * @param original the bytes as received (may be null for a tombstone)
 */
public record Decoded(SpecificRecord record, DecodeException failure, byte[] original) {
  public static Decoded success(SpecificRecord record, byte[] original) {
    return new Decoded(record, null, original);
  }

  public static Decoded failure(DecodeException failure, byte[] original) {
    return new Decoded(null, failure, original);
  }

  public boolean isSuccess() {
    return failure == null;
  }

  public Optional<SpecificRecord> recordIfAny() {
    return Optional.ofNullable(record);
  }
}
