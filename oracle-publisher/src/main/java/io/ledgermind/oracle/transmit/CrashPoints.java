package io.ledgermind.oracle.transmit;

/**
 * Test hook: the transmitter calls {@link #reached} at the points where a crash matters most. A hook that throws
 * simulates the process dying there (nothing after the point runs: no outcome, no offset commit).
 */
@FunctionalInterface
public interface CrashPoints {
  /** Quorum of signatures gathered, nothing sent yet. */
  String AFTER_SIGNING = "after-signing";
  /** The node accepted the transaction; its receipt was not awaited. */
  String AFTER_SENDING = "after-sending";

  void reached(String point);

  static CrashPoints none() {
    return point -> {};
  }

  /** Thrown by test hooks to simulate a crash. */
  final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulatedCrash(String point) {
      super("simulated crash at " + point);
    }
  }
}
