package io.ledgermind.oracle.transmit;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retries JSON-RPC calls through node outages (connection refused, timeouts) with capped backoff. */
public final class RpcRetry {
  private static final Logger LOG = LoggerFactory.getLogger(RpcRetry.class);

  /** A call that may fail with an I/O error. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws IOException;
  }

  /** The node stayed unreachable for longer than the tolerance. */
  public static final class RpcUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    RpcUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Duration tolerance;

  public RpcRetry(Duration tolerance) {
    this.tolerance = tolerance;
  }

  public <T> T call(String what, Call<T> call) throws IOException {
    long deadline = System.nanoTime() + tolerance.toNanos();
    long backoffMs = 50;
    boolean logged = false;
    while (true) {
      try {
        T result = call.call();
        if (logged) {
          LOG.info("RPC back: {} succeeded", what);
        }
        return result;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new RpcUnavailableException("RPC unavailable for " + tolerance + " (" + what + "): " + e, e);
        }
        if (!logged) {
          LOG.warn("RPC failure on {} ({}); retrying for up to {}", what, e.toString(), tolerance);
          logged = true;
        }
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while retrying " + what);
        }
        backoffMs = Math.min(1_000, backoffMs * 2);
      }
    }
  }
}
