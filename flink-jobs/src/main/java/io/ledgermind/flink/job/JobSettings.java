package io.ledgermind.flink.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * How the job runs: exactly-once checkpoints into a durable folder (kept on cancellation, so a cancelled or crashed
 * job resumes from its last one), a bounded restart strategy (a job that keeps failing stops and says why instead of
 * retrying forever), heap state, and the parallelism.
 *
 * <p>The checkpoint interval bounds how stale the Kafka outputs are for {@code read_committed} consumers: records
 * become visible when the checkpoint that covers them completes.
 */
public final class JobSettings {
  private final Duration checkpointInterval;
  private final String checkpointDirectory;
  private final int restartAttempts;
  private final int parallelism;
  private final String restoreFrom;

  private JobSettings(Builder b) {
    this.checkpointInterval = b.checkpointInterval;
    this.checkpointDirectory = Objects.requireNonNull(b.checkpointDirectory, "checkpointDirectory");
    this.restartAttempts = b.restartAttempts;
    this.parallelism = b.parallelism;
    this.restoreFrom = b.restoreFrom;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  /** Checkpoint folder as a URI ({@code file:///...}, {@code s3://...}). */
  public String checkpointDirectory() {
    return checkpointDirectory;
  }

  public int parallelism() {
    return parallelism;
  }

  /** The Flink configuration of these settings. */
  public Configuration toConfiguration() {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory);
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
    conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    if (restartAttempts == 0) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    } else {
      // Exponential delay rides out a task manager that takes ~15 s to come back (STACK.md) without burning every
      // attempt meanwhile, as a fixed short delay would.
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, restartAttempts);
    }
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    // Chained operators hand records on without a deep copy per output (the raw records fan out to six side
    // outputs). Operators that keep an input in heap state copy it first (ResolveRetractions, StakingPolicy).
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    if (restoreFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    return conf;
  }

  /** Builder of {@link JobSettings}. */
  public static final class Builder {
    private Duration checkpointInterval = Duration.ofSeconds(10);
    private String checkpointDirectory;
    private int restartAttempts = 5;
    private int parallelism = 2;
    private String restoreFrom;

    private Builder() {}

    public Builder checkpointInterval(Duration checkpointInterval) {
      if (checkpointInterval.toMillis() < 10) {
        throw new IllegalArgumentException("checkpoint interval must be at least 10 ms: " + checkpointInterval);
      }
      this.checkpointInterval = checkpointInterval;
      return this;
    }

    /** A durable folder (local disk here; a shared file system for a multi-host cluster). */
    public Builder checkpointDirectory(Path checkpointDirectory) {
      this.checkpointDirectory = checkpointDirectory.toAbsolutePath().toUri().toString();
      return this;
    }

    /** A checkpoint folder on any file system Flink has a plugin for, e.g. {@code s3://bucket/checkpoints}. */
    public Builder checkpointUri(String checkpointUri) {
      if (!checkpointUri.contains("://")) {
        throw new IllegalArgumentException("not a URI (scheme://...): " + checkpointUri);
      }
      this.checkpointDirectory = checkpointUri;
      return this;
    }

    /** Restarts after a failure before the job gives up; 0 = fail at once (tests). */
    public Builder restartAttempts(int restartAttempts) {
      if (restartAttempts < 0) {
        throw new IllegalArgumentException("restart attempts must not be negative: " + restartAttempts);
      }
      this.restartAttempts = restartAttempts;
      return this;
    }

    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** A retained checkpoint or savepoint to restore the job's state from (its {@code chk-N} folder or path). */
    public Builder restoreFrom(String restoreFrom) {
      this.restoreFrom = restoreFrom;
      return this;
    }

    public JobSettings build() {
      return new JobSettings(this);
    }
  }
}
