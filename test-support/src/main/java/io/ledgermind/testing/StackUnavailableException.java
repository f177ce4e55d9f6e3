package io.ledgermind.testing;

/**
 * No stack to test against. Thrown from a {@code beforeAll} callback so that integration tests FAIL with a message
 * naming the command to run; they never skip silently.
 */
public final class StackUnavailableException extends RuntimeException {
  public static final String START_COMMAND = "./ledgermind stack up";

  public StackUnavailableException(String message) {
    super(message);
  }

  public StackUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
