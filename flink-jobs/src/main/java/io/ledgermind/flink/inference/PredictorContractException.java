package io.ledgermind.flink.inference;

/**
 * A {@link BatchPredictor} broke its contract (wrong number of outputs, or {@code failed(...)} threw). This is a bug
 * in the predictor, not a bad input, so it fails the job instead of being dead-lettered.
 */
public final class PredictorContractException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public PredictorContractException(String message) {
    super(message);
  }

  public PredictorContractException(String message, Throwable cause) {
    super(message, cause);
  }
}
