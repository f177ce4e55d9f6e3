package io.ledgermind.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.flink.forecast.ForecastModels;
import io.ledgermind.flink.inference.MicroBatchConfig;
import io.ledgermind.flink.testutils.FlinkTestEnvironments;
import io.ledgermind.ingest.simulate.RunSummary;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.PolicyAction;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated raw events in Kafka → the intelligence job on a MiniCluster → features, forecasts, oracle requests and
 * dead letters in Kafka (read_committed) and ClickHouse, with every record accounted for.
 */
class IntelligenceJobITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestEnvironments.miniCluster();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @TempDir Path checkpoints;

  static IntelligenceJob.Builder job(PipelineFixture fixture, ClickHouseHttpClient client, String database) {
    return IntelligenceJob.builder()
        .kafka(KAFKA.clientConfig())
        .topicPrefix(fixture.prefix)
        .groupId(fixture.prefix + "job")
        .transactionalIdPrefix(fixture.prefix + "job")
        .clickHouse(client, database)
        .clickHouseBatchRows(2_000)
        .forecastModels(ForecastModels.bundled())
        .microBatch(MicroBatchConfig.builder().maxBatchSize(32).maxWait(Duration.ofMillis(10)).build());
  }

  StreamExecutionEnvironment environment() {
    return StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.builder()
        .checkpointDirectory(checkpoints)
        .checkpointInterval(Duration.ofMillis(500))
        .restartAttempts(0)
        .parallelism(FlinkTestEnvironments.PARALLELISM)
        .build()
        .toConfiguration());
  }

  @Test
  void rawEventsBecomeFeaturesForecastsAndOracleRequestsWithEveryRecordAccountedFor() throws Exception {
    PipelineFixture fixture = new PipelineFixture(KAFKA, KAFKA.uniquePrefix() + "run.");
    RunSummary stablecoin = fixture.publish(PipelineFixture.stablecoin(7), 15_000, fixture.prefix + "sim-s");
    RunSummary bittensor = fixture.publish(PipelineFixture.bittensor(7), 18_000, fixture.prefix + "sim-b");
    byte[] truncated = Arrays.copyOf(AvroCodec.standard().encode(PipelineFixture.sampleWindow()), 30);
    fixture.send(TopicCatalogue.RAW_STABLECOIN, "garbage", "not avro".getBytes(StandardCharsets.UTF_8));
    fixture.send(TopicCatalogue.RAW_STABLECOIN, "cut", truncated);
    fixture.send(TopicCatalogue.RAW_BITTENSOR, "wrong", AvroCodec.standard().encode(PipelineFixture.sampleWindow()));
    long good = stablecoin.events() + bittensor.events();

    String db = CLICKHOUSE.database();
    ClickHouseHttpClient client = PipelineFixture.migrated(CLICKHOUSE.url(), CLICKHOUSE.user(),
        CLICKHOUSE.password(), db);
    StreamExecutionEnvironment env = environment();
    job(fixture, client, db).bounded(true).build().addTo(env);
    env.execute("intelligence-it");

    // in = out + dead-lettered, in ClickHouse and in Kafka.
    long rawRows = Long.parseLong(client.query("SELECT (SELECT count() FROM " + db + ".raw_stablecoin_events FINAL)"
        + " + (SELECT count() FROM " + db + ".raw_subnet_snapshots FINAL)"));
    List<DeadLetter> deadLetters = fixture.readCommitted(TopicCatalogue.DEAD_LETTERS, DeadLetter.class);
    assertThat(rawRows).isEqualTo(good);
    assertThat(deadLetters).extracting(DeadLetter::getErrorType)
        .containsExactlyInAnyOrder("BAD_HEADER", "TRUNCATED", "UNEXPECTED_RECORD_TYPE");
    assertThat(client.query("SELECT count() FROM " + db + ".dead_letters FINAL")).isEqualTo("3");

    // Features: every window once per revision in Kafka, the latest revision per window in ClickHouse.
    List<FeatureWindow> features = fixture.readCommitted(TopicCatalogue.FEATURES, FeatureWindow.class);
    assertThat(features).extracting(FeatureWindow::getFeatureId).doesNotHaveDuplicates();
    assertThat(client.query("SELECT uniqExact(feature_id) FROM " + db + ".feature_windows"))
        .isEqualTo(Integer.toString(features.size()));
    assertThat(features).extracting(FeatureWindow::getEntity).contains("USDC", "USDT", "netuid:1");

    // The exact supply change of a window equals the one recomputed from the raw rows in ClickHouse.
    FeatureWindow usdc = features.stream().filter(f -> f.getEntity().equals("USDC"))
        .filter(f -> !f.getExactValues().get("minted").equals("0")).findFirst().orElseThrow();
    String minted = client.query("SELECT toString(sum(toDecimal128(amount, 0))) FROM " + db
        + ".raw_stablecoin_events FINAL WHERE token = 'USDC' AND kind IN ('MINT', 'ISSUE')"
        + " AND event_time >= toDateTime(" + usdc.getWindowStart().getEpochSecond() + ")"
        + " AND event_time < toDateTime(" + usdc.getWindowEnd().getEpochSecond() + ")");
    assertThat(usdc.getExactValues().get("minted")).isEqualTo(minted);

    // Forecasts: no duplicates in Kafka, the same set in ClickHouse, every known entity forecast.
    List<Forecast> forecasts = fixture.readCommitted(TopicCatalogue.FORECASTS, Forecast.class);
    assertThat(forecasts).isNotEmpty();
    assertThat(forecasts).extracting(Forecast::getForecastId).doesNotHaveDuplicates();
    assertThat(client.query("SELECT count(), uniqExact(forecast_id) FROM " + db + ".forecasts FINAL"))
        .isEqualTo(forecasts.size() + "\t" + forecasts.size());
    assertThat(forecasts.stream().map(Forecast::getEntity).collect(Collectors.toSet()))
        .contains("USDC", "USDT", "netuid:1", "netuid:8");
    Forecast first = forecasts.get(0);
    assertThat(first.getPoints()).hasSize(6);
    assertThat(first.getPoints().get(0).getLower()).isLessThanOrEqualTo(first.getPoints().get(0).getUpper());

    // Oracle requests: one per in-distribution forecast (an OUT_OF_DISTRIBUTION one is recorded, never
    // published), rounds strictly increasing per feed.
    List<OracleRequest> requests = fixture.readCommitted(TopicCatalogue.ORACLE_REQUESTS, OracleRequest.class);
    Set<String> outOfDistribution = forecasts.stream()
        .filter(f -> f.getFlags().contains(io.ledgermind.models.avro.AvroRecords.OUT_OF_DISTRIBUTION))
        .map(Forecast::getForecastId).collect(Collectors.toSet());
    assertThat(requests).hasSize(forecasts.size() - outOfDistribution.size());
    assertThat(requests).noneMatch(r -> outOfDistribution.contains(r.getSourceId()));
    Map<String, Long> lastRound = new HashMap<>();
    for (OracleRequest r : requests) {
      long round = Long.parseLong(r.getRoundId());
      assertThat(round).as("round of " + r.getFeedId()).isGreaterThan(lastRound.getOrDefault(r.getFeedId(), 0L));
      lastRound.put(r.getFeedId(), round);
      assertThat(r.getInputsCommitment()).matches("0x[0-9a-f]{64}");
    }
    assertThat(client.query("SELECT count() FROM " + db + ".oracle_requests FINAL"))
        .isEqualTo(Integer.toString(requests.size()));

    // Policy: one action per portfolio per tempo in which subnets 1-4 all reported; allocations stay a partition.
    List<PolicyAction> actions = fixture.readCommitted(TopicCatalogue.POLICY_ACTIONS, PolicyAction.class);
    long tempos = features.stream().filter(f -> f.getEntity().equals("netuid:1")).count();
    assertThat(actions).hasSize((int) (3 * tempos));
    assertThat(actions).extracting(PolicyAction::getActionId).doesNotHaveDuplicates();
    for (PolicyAction action : actions) {
      assertThat(action.getAllocations()).hasSize(4);
      assertThat(action.getAllocations().stream().mapToDouble(a -> a.getWeight()).sum()).isCloseTo(1.0,
          org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(client.query("SELECT count() FROM " + db + ".policy_actions FINAL"))
        .isEqualTo(Integer.toString(actions.size()));
  }

  /** The cancel/restore test's expected output: the same input run once without interruption. */
  @Test
  void cancelledMidStreamAndRestoredFromTheLastCheckpointLosesAndDuplicatesNothing() throws Exception {
    // Reference run and interrupted run read the same raw topics.
    PipelineFixture input = new PipelineFixture(KAFKA, KAFKA.uniquePrefix() + "restore.");
    io.ledgermind.ingest.simulate.Simulator stablecoin = PipelineFixture.stablecoin(11);
    io.ledgermind.ingest.simulate.Simulator bittensor = PipelineFixture.bittensor(11);
    input.publish(stablecoin, 7_500, input.prefix + "sim-s1");
    // Both chains up to the same event time: otherwise, once the stablecoin partitions fall idle, Bittensor's
    // later event time would close the stablecoin windows early, which an uninterrupted bounded run never does.
    input.publish(bittensor, 7_500, input.prefix + "sim-b1");

    String db = CLICKHOUSE.database() + "_restored";
    ClickHouseHttpClient client = PipelineFixture.migrated(CLICKHOUSE.url(), CLICKHOUSE.user(),
        CLICKHOUSE.password(), db);
    StreamExecutionEnvironment first = environment();
    job(input, client, db).build().addTo(first);
    org.apache.flink.core.execution.JobClient running = first.executeAsync("intelligence-it-first");
    // Mid-stream: some feature windows are committed (so a checkpoint completed), the rest is still in flight.
    awaitCommitted(input, Duration.ofSeconds(90));
    running.cancel().get();
    // cancel() returns once cancelling began; wait until the job is gone, so no checkpoint completes (and no
    // transaction commits) after the newest retained checkpoint is picked.
    while (!running.getJobStatus().get().isGloballyTerminalState()) {
      Thread.sleep(50);
    }

    input.publish(stablecoin, 7_500, input.prefix + "sim-s2");
    input.publish(bittensor, 7_500, input.prefix + "sim-b2");
    Path latest = RetainedCheckpoints.latest(checkpoints)
        .orElseThrow(() -> new AssertionError("no retained checkpoint in " + checkpoints));
    StreamExecutionEnvironment second = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.builder()
        .checkpointDirectory(checkpoints).checkpointInterval(Duration.ofMillis(500)).restartAttempts(0)
        .parallelism(FlinkTestEnvironments.PARALLELISM).restoreFrom(latest.toString()).build().toConfiguration());
    job(input, client, db).build().addTo(second);
    org.apache.flink.core.execution.JobClient restored = second.executeAsync("intelligence-it-restored");
    long expectedRaw = countLines(input);
    awaitRows(client, db, expectedRaw, Duration.ofSeconds(120));
    // Drain: stop with a savepoint that first advances event time to the end, so every open window fires.
    restored.stopWithSavepoint(true, checkpoints.resolve("savepoints").toUri().toString(),
        org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get();

    // The reference: the same topics read once by a bounded job into other outputs.
    PipelineFixture reference = new PipelineFixture(KAFKA, KAFKA.uniquePrefix() + "reference.");
    String refDb = CLICKHOUSE.database() + "_reference";
    ClickHouseHttpClient refClient = PipelineFixture.migrated(CLICKHOUSE.url(), CLICKHOUSE.user(),
        CLICKHOUSE.password(), refDb);
    StreamExecutionEnvironment ref = environment();
    job(reference, refClient, refDb).rawTopics(input.rawTopics()).bounded(true).build().addTo(ref);
    ref.execute("intelligence-it-reference");

    List<String> expected = forecastIds(reference);
    List<String> actual = forecastIds(input);
    assertThat(expected).isNotEmpty();
    assertThat(actual).as("forecasts in Kafka, read_committed").doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(client.query("SELECT count(), uniqExact(forecast_id) FROM " + db + ".forecasts FINAL"))
        .isEqualTo(expected.size() + "\t" + expected.size());
    assertThat(client.query("SELECT arraySort(groupArray(forecast_id)) FROM " + db + ".forecasts FINAL"))
        .isEqualTo(refClient.query("SELECT arraySort(groupArray(forecast_id)) FROM " + refDb + ".forecasts FINAL"));
    // Feature windows of the first half were committed before the cancel: a restore that lost its state or its
    // source offsets would emit them a second time.
    List<String> expectedFeatures = featureIds(reference);
    List<FeatureWindow> restoredFeatures = input.readCommitted(TopicCatalogue.FEATURES, FeatureWindow.class);
    assertThat(restoredFeatures).extracting(FeatureWindow::getFeatureId)
        .as(() -> "features of the restored run: " + describeDuplicates(restoredFeatures))
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedFeatures);
    client.execute("DROP DATABASE IF EXISTS " + db);
    refClient.execute("DROP DATABASE IF EXISTS " + refDb);
  }

  private static List<String> forecastIds(PipelineFixture fixture) throws Exception {
    return fixture.readCommitted(TopicCatalogue.FORECASTS, Forecast.class).stream()
        .map(Forecast::getForecastId).toList();
  }

  private static String describeDuplicates(List<FeatureWindow> features) {
    Map<String, List<FeatureWindow>> byId = features.stream()
        .collect(Collectors.groupingBy(FeatureWindow::getFeatureId));
    return byId.values().stream().filter(list -> list.size() > 1)
        .map(list -> list.get(0).getEntity() + " " + list.get(0).getWindowStart() + " rev " + list.get(0).getRevision()
            + " x" + list.size() + " events " + list.stream().map(FeatureWindow::getEventCount).toList())
        .collect(Collectors.joining("; "));
  }

  private static List<String> featureIds(PipelineFixture fixture) throws Exception {
    return fixture.readCommitted(TopicCatalogue.FEATURES, FeatureWindow.class).stream()
        .map(FeatureWindow::getFeatureId).toList();
  }

  private static void awaitCommitted(PipelineFixture fixture, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (fixture.readCommitted(TopicCatalogue.FEATURES, FeatureWindow.class).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no feature window was committed within " + timeout);
      }
      Thread.sleep(200);
    }
  }

  private static long countLines(PipelineFixture input) throws Exception {
    return input.readCommitted(TopicCatalogue.RAW_STABLECOIN, io.ledgermind.schemas.raw.StablecoinEvent.class).size()
        + input.readCommitted(TopicCatalogue.RAW_BITTENSOR, io.ledgermind.schemas.raw.SubnetSnapshot.class).size();
  }

  private static void awaitRows(ClickHouseHttpClient client, String db, long expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String sql = "SELECT (SELECT count() FROM " + db + ".raw_stablecoin_events FINAL)"
        + " + (SELECT count() FROM " + db + ".raw_subnet_snapshots FINAL)";
    while (Long.parseLong(client.query(sql)) < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the restored job did not catch up: " + client.query(sql) + " of " + expected);
      }
      Thread.sleep(250);
    }
  }
}
