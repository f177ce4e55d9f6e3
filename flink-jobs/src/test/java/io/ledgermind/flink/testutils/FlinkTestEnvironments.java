package io.ledgermind.flink.testutils;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** MiniCluster and environment settings shared by the Flink ITCases: parallelism 2 on a 2-core machine. */
public final class FlinkTestEnvironments {
  public static final int PARALLELISM = 2;

  private FlinkTestEnvironments() {}

  public static MiniClusterExtension miniCluster() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());
  }

  /**
   * An environment on the test's MiniCluster that fails fast: with checkpointing on, a failing job would otherwise
   * restart forever and the test would hang instead of failing.
   */
  public static StreamExecutionEnvironment environment(Duration checkpointInterval) {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(PARALLELISM);
    if (checkpointInterval != null) {
      env.enableCheckpointing(checkpointInterval.toMillis());
    }
    return env;
  }
}
