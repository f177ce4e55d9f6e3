package io.ledgermind.flink.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a streaming job until it has read what its input held when it started, then stops it with a savepoint: a
 * bounded run that the next run resumes exactly.
 *
 * <p>Why not a bounded Kafka source: a bounded {@code KafkaSource} restored from a checkpoint never finishes
 * (FLINK-31006: the enumerator keeps the restored splits assigned and never signals "no more splits", and the
 * stopping offsets in the restored splits are the first run's), and Flink discards the checkpoints of a job that
 * FINISHED, so the next run finds either a checkpoint being deleted or none at all. This run reads with the unbounded
 * source and ends with {@link JobClient#stopWithSavepoint}: the savepoint is never discarded, and restoring it
 * continues from its offsets with whatever the topics hold by then.
 *
 * <p>Without {@code drain} the windows still open at the end of the input stay open in the savepoint and close in a
 * later run, so a chain of runs emits exactly what one run over all the input would. With {@code drain} event time
 * advances to the end first and every open window fires: the end of the input is final, and an event that later
 * arrives for such a window is dead-lettered as late.
 */
public final class BoundedRun {
  private final KafkaCatchUp catchUp;
  private final String savepointDirectory;
  private final boolean drain;
  private final Duration pollInterval;
  private final Duration stallWarning;
  private final PrintStream progress;

  private BoundedRun(Builder builder) {
    this.catchUp = Objects.requireNonNull(builder.catchUp, "catchUp");
    this.savepointDirectory = Objects.requireNonNull(builder.savepointDirectory, "savepointDirectory");
    this.drain = builder.drain;
    this.pollInterval = builder.pollInterval;
    this.stallWarning = builder.stallWarning;
    this.progress = builder.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Submits the job in {@code env}, waits until it caught up, stops it with a savepoint and returns its result. */
  public Outcome execute(StreamExecutionEnvironment env, String jobName) throws Exception {
    JobClient job = env.executeAsync(jobName);
    CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
    progress.printf("bounded run: reading %d partitions up to their end offsets of now, then stopping with a"
        + " savepoint%n", catchUp.endOffsets().size());
    long lastReport = System.nanoTime();
    long lastChange = System.nanoTime();
    KafkaCatchUp.Progress last = null;
    while (true) {
      if (result.isDone()) {
        // Ended on its own: a failure (after the restart attempts), or a cancellation from outside.
        return new Outcome(unwrap(result), null);
      }
      KafkaCatchUp.Progress now = catchUp.progress();
      if (catchUp.caughtUp(now)) {
        break;
      }
      if (!now.equals(last)) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > stallWarning.toNanos()) {
        progress.printf("bounded run: no progress for %d s on %s (committed offset per partition, -1 = none). A job"
                + " restored from a checkpoint of a bounded source (before this version) stops at that source's old"
                + " end: run once with --restore none.%n", Duration.ofNanos(System.nanoTime() - lastChange).toSeconds(),
            now.behind());
        lastChange = System.nanoTime();
      }
      if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
        // Until its first checkpoint completes, the run has committed no offset of its own (-1).
        progress.println(now.behind().containsValue(-1L)
            ? "bounded run: reading, waiting for the first checkpoint"
            : "bounded run: " + now.remaining(catchUp.endOffsets()) + " records to go (at the last checkpoint)");
        lastReport = System.nanoTime();
      }
      Thread.sleep(pollInterval.toMillis());
    }
    // The records up to the end are in a completed checkpoint. The watermark they advance is emitted periodically,
    // possibly after that checkpoint's barrier: one more interval puts it ahead of the savepoint's barrier, so the
    // windows it closes fire in this run, as they would in one uninterrupted run.
    Thread.sleep(Math.max(env.getConfig().getAutoWatermarkInterval(), 0) * 2 + 100);
    String savepoint = job.stopWithSavepoint(drain, savepointDirectory, SavepointFormatType.CANONICAL).get();
    progress.printf("bounded run: caught up; stopped with savepoint %s%s%n", savepoint,
        drain ? " (drained: every open window fired)" : "");
    return new Outcome(unwrap(result), savepoint);
  }

  private static JobExecutionResult unwrap(CompletableFuture<JobExecutionResult> result) throws Exception {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The job's result, and the savepoint it stopped with (null when it ended on its own). */
  public record Outcome(JobExecutionResult result, String savepoint) {}

  /** Builder of {@link BoundedRun}. */
  public static final class Builder {
    private KafkaCatchUp catchUp;
    private String savepointDirectory;
    private boolean drain;
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration stallWarning = Duration.ofMinutes(2);
    private PrintStream progress = System.out;

    /** The input's end offsets and the job's consumer group (required). */
    public Builder catchUp(KafkaCatchUp catchUp) {
      this.catchUp = catchUp;
      return this;
    }

    /** Where the final savepoint goes, a path or URI the JobManager can write (required). */
    public Builder savepointDirectory(String savepointDirectory) {
      this.savepointDirectory = savepointDirectory;
      return this;
    }

    /** Fire every open window at the end (default: keep them open for the next run). */
    public Builder drain(boolean drain) {
      this.drain = drain;
      return this;
    }

    /** How often the group's offsets are read (default 500 ms). */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /** After this long without committed progress a warning is printed (default 2 min). */
    public Builder stallWarning(Duration stallWarning) {
      this.stallWarning = Objects.requireNonNull(stallWarning);
      return this;
    }

    /** Where progress lines go (default standard output). */
    public Builder progress(PrintStream progress) {
      this.progress = Objects.requireNonNull(progress);
      return this;
    }

    public BoundedRun build() {
      return new BoundedRun(this);
    }
  }
}
