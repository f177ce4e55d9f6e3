package io.ledgermind.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.cli.verify.RoundVerifier;
import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.flink.forecast.ForecastModels;
import io.ledgermind.flink.inference.ForecasterPredictor;
import io.ledgermind.oracle.chain.OracleAbi;
import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.oracle.report.ReportDigest;
import io.ledgermind.oracle.report.ReportSignatures;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Hash;
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
    long chainStarted = CHAIN.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST,
        false).send().getBlock().getTimestamp().longValueExact();

    PipelineRun.Summary summary = new PipelineRun(env, CLICKHOUSE.database(), KAFKA.uniquePrefix(), deploymentFile,
        new PrintStream(printed, true, StandardCharsets.UTF_8))
        .run(4242, Duration.ofHours(50), Duration.ofDays(3), Duration.ofDays(50), 0.1, 3);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(summary.reconciles()).as(output).isTrue();
    assertThat(summary.deadLettered()).isEqualTo(3);
    assertThat(summary.forecasts()).isPositive();
    assertThat(output).contains("USDC net_flow").contains("USDT net_flow");
    // All three domains are forecast: DePIN from its 50 days of daily windows, subnets from their tempos.
    assertThat(CLICKHOUSE.query("SELECT groupUniqArray(entity) FROM " + CLICKHOUSE.database() + ".forecasts FINAL"))
        .contains("render").contains("akash:gpu").contains("netuid:1").contains("USDC");

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
      assertThat(r.updatedAt()).as("published during the run (chain time)").isGreaterThanOrEqualTo(chainStarted);
      assertThat(deployment.proxies()).containsKey(row.feed());
    }
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + CLICKHOUSE.database() + ".oracle_request_outcomes FINAL"
        + " WHERE outcome = 'PUBLISHED'")).isEqualTo(Long.toString(chain.published()));
    assertThat(output).contains("reads it").doesNotContain("REFUSES");
    // The chain read back: the EVM reader followed the oracle into raw.oracle-rounds and ClickHouse.
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + CLICKHOUSE.database() + ".raw_oracle_rounds FINAL"
        + " WHERE kind = 'ROUND_PUBLISHED' AND oracle_source = 'LEDGERMIND' AND feed_id = 'USDC/net_flow'"))
        .isEqualTo("1");

    // QUERIES.md follows each published value from its feature window to its on-chain round.
    String endToEnd = CLICKHOUSE.query(query("value_end_to_end").replace("${database}", CLICKHOUSE.database()));
    assertThat(endToEnd.split("\n")).as(endToEnd).hasSize((int) chain.published())
        .allSatisfy(row -> assertThat(Integer.parseInt(row.split("\t")[4])).as("signatures of %s", row)
            .isGreaterThanOrEqualTo(3));

    verifyReproducesEveryRoundAndCatchesTampering(env, deployment);
  }

  /** The SQL of query {@code name} in clickhouse/QUERIES.md (the block that starts with "-- query: name"). */
  private static String query(String name) throws java.io.IOException {
    String md = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("../clickhouse/QUERIES.md"));
    int start = md.indexOf("-- query: " + name + "\n");
    assertThat(start).as("query %s in QUERIES.md", name).isNotNegative();
    return md.substring(start, md.indexOf("```", start));
  }

  /** {@code ledgermind verify}: each published round follows from its committed inputs and model. */
  private void verifyReproducesEveryRoundAndCatchesTampering(StackEnv env, OracleDeployment deployment)
      throws Exception {
    ClickHouseHttpClient clickHouse = ClickHouseHttpClient.builder().url(CLICKHOUSE.url()).user(CLICKHOUSE.user())
        .password(CLICKHOUSE.password()).build();
    RoundVerifier verifier = new RoundVerifier(CHAIN.web3j(), deployment, clickHouse, CLICKHOUSE.database(),
        ForecastModels.bundled(), ForecasterPredictor.ForecasterFactory.bundled());
    for (String feed : deployment.feeds()) {
      RoundVerifier.Verdict verdict = verifier.verify(feed, null);
      assertThat(verdict.mismatches()).as("verify %s", feed).isEmpty();
      assertThat(verdict.match()).isTrue();
    }

    // Tamper with one input window of USDC's round: a new revision of the window before the newest, values + 1.
    long observedAt = new OracleChain(CHAIN.web3j(), deployment.oracle()).roundDetails("USDC/net_flow", 1)
        .orElseThrow().observedAt();
    String db = CLICKHOUSE.database();
    CLICKHOUSE.execute("INSERT INTO " + db + ".feature_windows SELECT feature_id, domain, entity, window_start,"
        + " window_end, value_names, arrayMap(x -> x + 1, value_values), exact_names, exact_values, event_count,"
        + " retracted_count, revision + 1, feature_spec, computed_at FROM " + db + ".feature_windows FINAL"
        + " WHERE entity = 'USDC' AND window_end = toDateTime(" + (observedAt - 3_600) + ")");
    RoundVerifier.Verdict tampered = verifier.verify("USDC/net_flow", 1L);
    assertThat(tampered.match()).isFalse();
    assertThat(tampered.mismatches()).extracting(RoundVerifier.Field::name).contains("inputsCommitment");

    // A round whose model hash names no model of this build: a clear error, not a verdict.
    FeedUpdateEntry unknownModel = new FeedUpdateEntry("USDT/net_flow", BigInteger.ONE, observedAt + 1,
        observedAt + 3_601, Hash.sha3("no such model".getBytes(StandardCharsets.UTF_8)), new byte[32]);
    long version = new io.ledgermind.oracle.chain.OracleChain(CHAIN.web3j(), deployment.oracle()).configVersion();
    byte[] digest = new ReportDigest(deployment.chainId(), deployment.oracle()).digest(version, List.of(unknownModel));
    List<byte[]> signatures = List.of(1, 2, 3).stream()
        .map(i -> ReportSignatures.sign(digest, CHAIN.devAccount(i).getEcKeyPair())).toList();
    // Sent by the run's transmitter account: the only one the oracle accepts reports from.
    new ContractDeployer(CHAIN.web3j(), CHAIN.devAccount(OraclePublication.OWNER_ACCOUNT), CHAIN.chainId())
        .call(deployment.oracle(), OracleAbi.submit(version, List.of(unknownModel), signatures));
    assertThatThrownBy(() -> verifier.verify("USDT/net_flow", 2L))
        .isInstanceOf(RoundVerifier.VerifyException.class).hasMessageContaining("not a model of this build");
  }
}
