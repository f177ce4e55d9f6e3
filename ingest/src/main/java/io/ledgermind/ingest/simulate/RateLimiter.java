package io.ledgermind.ingest.simulate;

import java.util.function.LongSupplier;

/**
 * Paces events to a wall-clock rate: event n may go at start + n / rate. Sleeps only when more than a millisecond
 * ahead, so high rates cost no sleep per event, and a slow consumer is never "caught up" with a burst beyond the
 * schedule. Time source and sleep are injectable for tests.
 */
public final class RateLimiter {
  /** Sleeps for the given nanoseconds (Thread.sleep in production). */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private static final long MIN_SLEEP_NANOS = 1_000_000;

  private final double nanosPerEvent;
  private final LongSupplier ticker;
  private final Sleeper sleeper;
  private long start = Long.MIN_VALUE;
  private long granted;

  /** @param eventsPerSecond > 0 */
  public RateLimiter(double eventsPerSecond, LongSupplier ticker, Sleeper sleeper) {
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException("eventsPerSecond must be > 0: " + eventsPerSecond);
    }
    this.nanosPerEvent = 1e9 / eventsPerSecond;
    this.ticker = ticker;
    this.sleeper = sleeper;
  }

  public static RateLimiter systemClock(double eventsPerSecond) {
    return new RateLimiter(eventsPerSecond, System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /** Blocks until the next event is due. */
  public void acquire() throws InterruptedException {
    long now = ticker.getAsLong();
    if (start == Long.MIN_VALUE) {
      start = now;
    }
    long due = start + (long) (granted * nanosPerEvent);
    granted++;
    long ahead = due - now;
    if (ahead >= MIN_SLEEP_NANOS) {
      sleeper.sleepNanos(ahead);
    }
  }
}
