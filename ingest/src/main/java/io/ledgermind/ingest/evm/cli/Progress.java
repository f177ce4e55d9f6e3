package io.ledgermind.ingest.evm.cli;

/** One self-overwriting progress line on stderr: blocks done, rate, ETA. */
final class Progress {
  private Progress() {}

  static void print(long first, long done, long last, long startedNanos, long events) {
    long total = Math.max(1, last - first + 1);
    long count = Math.max(0, done - first + 1);
    double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
    double rate = count / seconds;
    long left = Math.max(0, total - count);
    String eta = rate > 0 ? String.format("%.0fs", left / rate) : "?";
    System.err.printf("\rblocks %,d/%,d (%3d%%) %,.0f blocks/s, %,d events, ETA %s   ", count, total,
        Math.min(100, count * 100 / total), rate, events, eta);
  }
}
