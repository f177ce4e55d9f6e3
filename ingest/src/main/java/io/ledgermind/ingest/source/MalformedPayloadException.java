package io.ledgermind.ingest.source;

import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.serde.DeadLetters;
import java.time.Instant;

/**
 * An upstream payload (a whole response or one event inside it) that does not have the documented shape. Adapters
 * never let it escape: they turn it into a {@link DeadLetter} with the original bytes and carry on with the rest.
 *
 * <p>Dead-letter coordinates for inputs that are not Kafka records: {@code sourceTopic} names the adapter, the
 * endpoint method and the position inside the payload (e.g. {@code adapter:akash:block_results#tx=2,event=5}),
 * partition is -1 ("not from Kafka"), offset is the block height or slot. The dead-letter id derives from these, so
 * re-reading the same height produces the same dead letter.
 */
public final class MalformedPayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong, for {@code DeadLetter.errorType}. */
  public enum Problem {
    /** Not JSON at all, or truncated JSON. */
    NOT_JSON,
    /** A field the format requires is absent or null. */
    MISSING_FIELD,
    /** A field is present but its value is invalid (not a number, not hex, wrong length, negative amount). */
    BAD_VALUE,
    /** Parts of the payload contradict each other (e.g. more tx results than transactions). */
    INCONSISTENT,
    /** The endpoint answered with a JSON-RPC error object where data was expected. */
    RPC_ERROR
  }

  private final Problem problem;
  private final String source;
  private final long height;
  private final transient byte[] original;

  /**
   * @param source   adapter, method and position, e.g. {@code adapter:akash:block_results#tx=2,event=5}
   * @param height   block height or slot the payload belongs to
   * @param original the offending bytes (the whole response, or the one event re-serialised)
   */
  public MalformedPayloadException(Problem problem, String source, long height, byte[] original, String message) {
    super(message);
    this.problem = problem;
    this.source = source;
    this.height = height;
    this.original = original == null ? new byte[0] : original.clone();
  }

  public Problem problem() {
    return problem;
  }

  public String source() {
    return source;
  }

  public long height() {
    return height;
  }

  public byte[] original() {
    return original.clone();
  }

  /** The dead letter for this failure. */
  public DeadLetter toDeadLetter(String processor, Instant failedAt) {
    return DeadLetters.of(source + " at height " + height + ": " + getMessage(), problem.name(), source, -1, height,
        null, original, processor, failedAt);
  }
}
