package io.ledgermind.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.flink.job.cli.IntelligenceJobCommand;
import io.ledgermind.ingest.simulate.RunSummary;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.PolicyAction;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a user does: {@code ledgermind job --bounded} with a topic prefix, database and checkpoint folder of their own,
 * more input, and the same command again (the default {@code --restore latest}). Every resumed run must finish, read
 * exactly the records added since the previous one, and the chain of runs must leave the outputs one run over all
 * the input leaves, in Kafka ({@code read_committed}) and in ClickHouse ({@code FINAL}).
 */
class BoundedRunsResumeITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern DECODED = Pattern.compile("intelligence job: (\\d+) raw records decoded in this run");
  private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();

  @TempDir Path home;

  @AfterAll
  static void stopRunner() {
    RUNNER.shutdownNow();
  }

  @Test
  void aSecondBoundedRunResumesWhereTheFirstStoppedAndEndsAsOneRunOverAllTheInput() throws Exception {
    assertResumedRunsEqualOneRun("twice.", 2, 7_000, false);
  }

  @Test
  void threeConsecutiveResumedRunsEndAsOneRunOverAllTheInputAlsoWhenTheLastDrains() throws Exception {
    assertResumedRunsEqualOneRun("thrice.", 4, 3_500, true);
  }

  /**
   * {@code runs} bounded runs over the same checkpoint folder with {@code blocks} more blocks of each chain before
   * each, then one bounded run over all of it under another prefix; with {@code drainLast}, the last run of the
   * chain and the reference run both drain.
   */
  private void assertResumedRunsEqualOneRun(String name, int runs, long blocks, boolean drainLast) throws Exception {
    PipelineFixture input = new PipelineFixture(KAFKA, KAFKA.uniquePrefix() + name);
    String db = database(name + "resumed");
    Path checkpoints = Files.createDirectories(home.resolve(name + "checkpoints"));
    Simulator stablecoin = PipelineFixture.stablecoin(17);
    Simulator bittensor = PipelineFixture.bittensor(17);
    long published = 0;
    for (int run = 1; run <= runs; run++) {
      // Both chains to about the same event time each time, so no chain's partitions go idle far behind the other's.
      RunSummary s = input.publish(stablecoin, blocks, input.prefix + "sim-s" + run);
      RunSummary b = input.publish(bittensor, blocks, input.prefix + "sim-b" + run);
      long added = s.events() + b.events();
      published += added;
      boolean drain = drainLast && run == runs;
      String output = runBounded(input.prefix, db, checkpoints, drain);
      assertThat(decoded(output)).as("records decoded by run %d (of %d added before it)", run, added)
          .isEqualTo(added);
      if (run > 1) {
        assertThat(output).as("run %d resumed from the savepoint of the run before", run)
            .containsPattern("resuming from .*savepoints.*savepoint-");
      }
    }
    try (Stream<Path> kept = Files.list(RetainedCheckpoints.savepoints(checkpoints))) {
      assertThat(kept.count()).as("savepoints kept").isLessThanOrEqualTo(2);
    }

    // The reference: one bounded run over all the input, read from copies of the raw topics under another prefix.
    PipelineFixture reference = new PipelineFixture(KAFKA, KAFKA.uniquePrefix() + name + "reference.");
    long copied = copyRaw(input, reference);
    assertThat(copied).isEqualTo(published);
    String refDb = database(name + "reference");
    String refOutput = runBounded(reference.prefix, refDb, Files.createDirectories(home.resolve(name + "ref")),
        drainLast);
    assertThat(decoded(refOutput)).isEqualTo(published);

    assertSameRecords(input, reference, TopicCatalogue.FEATURES, FeatureWindow.class);
    assertSameRecords(input, reference, TopicCatalogue.FORECASTS, Forecast.class);
    assertSameRecords(input, reference, TopicCatalogue.ORACLE_REQUESTS, OracleRequest.class);
    assertSameRecords(input, reference, TopicCatalogue.POLICY_ACTIONS, PolicyAction.class);
    assertThat(input.readCommitted(TopicCatalogue.DEAD_LETTERS, DeadLetter.class)).as("dead letters").isEmpty();
    assertThat(input.readCommitted(TopicCatalogue.FEATURES, FeatureWindow.class)).as("feature windows").isNotEmpty();

    for (String table : List.of("raw_stablecoin_events", "raw_subnet_snapshots", "feature_windows", "forecasts",
        "oracle_requests", "policy_actions", "dead_letters")) {
      assertThat(CLICKHOUSE.query(contentQuery(db, table))).as(table + " FINAL")
          .isEqualTo(CLICKHOUSE.query(contentQuery(refDb, table)));
    }
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + db + ".raw_stablecoin_events FINAL")).isNotEqualTo("0");
    CLICKHOUSE.execute("DROP DATABASE IF EXISTS " + db);
    CLICKHOUSE.execute("DROP DATABASE IF EXISTS " + refDb);
  }

  /** {@code ledgermind job --bounded} as a user runs it; returns its standard output. */
  private String runBounded(String prefix, String db, Path checkpoints, boolean drain) throws Exception {
    List<String> args = new ArrayList<>(List.of("--bounded", "--kafka-config", KAFKA.clientConfigFile().toString(),
        "--clickhouse-url", CLICKHOUSE.url(), "--clickhouse-database", db, "--topic-prefix", prefix,
        "--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "PT1S", "--parallelism", "1",
        "--restart-attempts", "0"));
    if (drain) {
      args.add("--drain");
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
    try {
      Future<Integer> exit = RUNNER.submit(() ->
          new CommandLine(new IntelligenceJobCommand()).execute(args.toArray(String[]::new)));
      try {
        assertThat(exit.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("exit code of job " + args).isZero();
      } catch (TimeoutException e) {
        throw new AssertionError("job --bounded did not finish within " + RUN_TIMEOUT + ": " + args
            + "\n" + captured.toString(StandardCharsets.UTF_8));
      }
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static long decoded(String output) {
    Matcher m = DECODED.matcher(output);
    assertThat(m.find()).as("the run's summary line in:\n" + output).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String database(String name) {
    String db = CLICKHOUSE.database() + "_" + name.replaceAll("[^a-z0-9]", "");
    PipelineFixture.migrated(CLICKHOUSE.url(), CLICKHOUSE.user(), CLICKHOUSE.password(), db);
    return db;
  }

  /**
   * Row count and an order-independent hash of every row's content, without the columns a run stamps with the wall
   * clock ({@code version} is one of those: the time a row was computed).
   */
  private static String contentQuery(String db, String table) {
    String columns = CLICKHOUSE.query("SELECT name FROM system.columns WHERE database = '" + db + "' AND table = '"
        + table + "' AND name NOT IN ('version', 'computed_at', 'created_at', 'failed_at', 'dead_letter_id',"
        + " 'source_topic')").trim().replace('\n', ',');
    return "SELECT count(), sum(cityHash64(" + columns + ")) FROM " + db + "." + table + " FINAL";
  }

  private static <T extends SpecificRecord> void assertSameRecords(PipelineFixture actual, PipelineFixture expected,
      io.ledgermind.schemas.topics.TopicSpec topic, Class<T> type) throws Exception {
    List<String> got = actual.readCommitted(topic, type).stream().map(BoundedRunsResumeITCase::withoutRunTimes)
        .sorted().toList();
    List<String> want = expected.readCommitted(topic, type).stream().map(BoundedRunsResumeITCase::withoutRunTimes)
        .sorted().toList();
    assertThat(got).as(topic.name() + " read_committed").doesNotHaveDuplicates().isEqualTo(want);
  }

  /** A record's JSON form without the wall-clock fields a run stamps on it. */
  private static String withoutRunTimes(SpecificRecord record) {
    return record.toString().replaceAll("\"(computedAt|createdAt|failedAt)\": [^,}]+", "");
  }

  private static long copyRaw(PipelineFixture from, PipelineFixture to) throws Exception {
    long copied = 0;
    for (var spec : List.of(TopicCatalogue.RAW_STABLECOIN, TopicCatalogue.RAW_DEPIN, TopicCatalogue.RAW_BITTENSOR)) {
      copied += from.copyCommitted(spec, to);
    }
    return copied;
  }

  /** Writes what it is given to two streams (the test's console and the captured output). */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
