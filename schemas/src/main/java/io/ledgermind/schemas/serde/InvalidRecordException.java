package io.ledgermind.schemas.serde;

/**
 * A record this process tried to write breaks its schema's rules (an amount outside uint256, a required field left
 * null). A programming error on the producer side: it is raised before anything reaches Kafka.
 */
public final class InvalidRecordException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRecordException(String message) {
    super(message);
  }

  public InvalidRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
