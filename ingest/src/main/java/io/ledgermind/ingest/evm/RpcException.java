package io.ledgermind.ingest.evm;

/**
 * A JSON-RPC call that failed for good: the node kept failing past the retry budget, or answered with an error a
 * retry cannot fix. Carries the method and block range so the operator knows what was being read.
 */
public final class RpcException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean rangeTooLarge;

  public RpcException(String message, boolean rangeTooLarge, Throwable cause) {
    super(message, cause);
    this.rangeTooLarge = rangeTooLarge;
  }

  /** The node refused the block range as too large: the caller should split it. */
  public boolean isRangeTooLarge() {
    return rangeTooLarge;
  }
}
