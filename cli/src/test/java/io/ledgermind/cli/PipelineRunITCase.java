package io.ledgermind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import io.ledgermind.testing.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./ledgermind run} does after {@code stack up}, end to end on the local stack with topics, a database
 * and an oracle deployment of this test's own: simulated events in, features/forecasts/oracle requests out, counts
 * reconciled, and the latest complete window of every feed on-chain, read back through its AggregatorV3 proxy and a
 * consumer contract.
 */
class PipelineRunITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();

  @TempDir Path dir;

  @Test
  void aRunReconcilesAndPublishesTheLatestCompleteWindowOfEveryFeedOnChain() throws Exception {
    assertThat(Files.isRegularFile(StackConfig.envFile()))
        .as("the run reads the local stack's env file %s", StackConfig.envFile()).isTrue();
    StackEnv env = StackEnv.load(StackConfig.envFile());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path deploymentFile = dir.resolve("oracle-deployment.json");
    Instant started = Instant.now();

    PipelineRun.Summary summary = new PipelineRun(env, CLICKHOUSE.database(), KAFKA.uniquePrefix(), deploymentFile,
        new PrintStream(printed, true, StandardCharsets.UTF_8)).run(4242, Duration.ofHours(50), 0.1, 3);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(summary.reconciles()).as(output).isTrue();
    assertThat(summary.deadLettered()).isEqualTo(3);
    assertThat(summary.forecasts()).isPositive();
    assertThat(output).contains("USDC net_flow").contains("USDT net_flow");

    // Every request of the run has an outcome; one per feed is on-chain, read back by contracts.
    OraclePublication.Result chain = summary.chain();
    assertThat(chain.complete()).as(output).isTrue();
    assertThat(chain.feeds()).extracting(OraclePublication.FeedRow::feed).contains("USDC/net_flow", "USDT/net_flow");
    assertThat(chain.published()).as(output).isEqualTo(chain.feeds().size());
    OracleDeployment deployment = OracleDeployment.read(deploymentFile);
    for (OraclePublication.FeedRow row : chain.feeds()) {
      FeedReadback.Reading r = row.reading();
      assertThat(r).as("%s on chain\n%s", row.feed(), output).isNotNull();
      assertThat(r.consumerAgrees()).as("%s read by its consumer: %s", row.feed(), r.consumerError()).isTrue();
      assertThat(r.roundId()).isEqualTo(1);
      // Time consumers can trust: a complete window in the past, a target after it, published during the run.
      assertThat(r.observedAt()).isLessThanOrEqualTo(started.getEpochSecond());
      assertThat(r.targetTime()).isGreaterThan(r.observedAt());
      assertThat(r.updatedAt()).isGreaterThanOrEqualTo(started.getEpochSecond() - 5);
      assertThat(deployment.proxies()).containsKey(row.feed());
    }
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + CLICKHOUSE.database() + ".oracle_request_outcomes FINAL"
        + " WHERE outcome = 'PUBLISHED'")).isEqualTo(Long.toString(chain.published()));
    assertThat(output).contains("reads it").doesNotContain("REFUSES");
  }
}
