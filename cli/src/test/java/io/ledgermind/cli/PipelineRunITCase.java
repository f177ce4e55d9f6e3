package io.ledgermind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@code ./ledgermind run} does after {@code stack up}, end to end on the local stack (catalogue topics, a
 * database of this test's own): simulated events in, features/forecasts/oracle requests out, counts reconciled.
 */
class PipelineRunITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @Test
  void aRunReconcilesAndForecastsEveryTrainedStablecoin() throws Exception {
    assertThat(Files.isRegularFile(StackConfig.envFile()))
        .as("the run reads the local stack's env file %s", StackConfig.envFile()).isTrue();
    StackEnv env = StackEnv.load(StackConfig.envFile());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    PipelineRun.Summary summary = new PipelineRun(env, CLICKHOUSE.database(),
        new PrintStream(printed, true, StandardCharsets.UTF_8)).run(4242, Duration.ofHours(50), 0.1, 3);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(summary.reconciles()).as(output).isTrue();
    assertThat(summary.deadLettered()).isEqualTo(3);
    assertThat(summary.forecasts()).isPositive();
    assertThat(output).contains("USDC net_flow").contains("USDT net_flow");
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + CLICKHOUSE.database() + ".oracle_requests FINAL"
        + " WHERE feed_id = 'USDC/net_flow'")).isNotEqualTo("0");
  }
}
