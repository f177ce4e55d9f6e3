package io.ledgermind.ingest.evm;

/** A log from a watched contract that does not match the event its topic0 names; it becomes a dead letter. */
public final class MalformedLogException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedLogException(String message) {
    super(message);
  }

  public MalformedLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
