package io.ledgermind.models.cli;

import io.ledgermind.models.runtime.Progress;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar with ETA on stderr ({@code [#####.....]  50%  200/400  ETA 0:12  loss 0.41}), redrawn at
 * most five times a second so it costs nothing against the training loop.
 */
public final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final String label;
  private final long started = System.nanoTime();
  private long lastDraw;

  public ProgressBar(String label) {
    this(System.err, label);
  }

  ProgressBar(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void update(long done, long total, String status) {
    long now = System.nanoTime();
    boolean finished = done >= total;
    if (!finished && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    double fraction = total == 0 ? 1 : Math.min(1, done / (double) total);
    int filled = (int) Math.floor(fraction * WIDTH);
    double elapsed = (now - started) / 1e9;
    String eta = done == 0 ? "?" : format(elapsed / fraction - elapsed);
    out.printf("\r%s [%s%s] %3d%%  %d/%d  %s %s  %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
        (int) Math.floor(fraction * 100), done, total, finished ? "took" : "ETA", finished ? format(elapsed) : eta,
        status);
    if (finished) {
      out.println();
    }
    out.flush();
  }

  static String format(double seconds) {
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
  }
}
