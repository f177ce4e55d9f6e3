package io.ledgermind.ingest.evm;

/**
 * The chain reorganised below the oldest block the reader remembers: its events cannot be retracted
 * automatically. The reader stops instead of guessing; raise the reorg window or re-ingest the range.
 */
public final class ReorgTooDeepException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReorgTooDeepException(String message) {
    super(message);
  }
}
