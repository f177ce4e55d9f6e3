package io.ledgermind.cli;

import io.ledgermind.schemas.topics.RoleAcls;
import io.ledgermind.cli.topics.TopicAdmin;
import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.MigrationResult;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.flink.forecast.ForecastModels;
import io.ledgermind.flink.job.IntelligenceJob;
import io.ledgermind.flink.job.JobSettings;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.ingest.kafka.KafkaEventSink;
import io.ledgermind.ingest.simulate.RunSummary;
import io.ledgermind.ingest.simulate.SimulationParams;
import io.ledgermind.ingest.simulate.SimulationRunner;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.ingest.simulate.Simulators;
import io.ledgermind.ingest.simulate.bittensor.BittensorParams;
import io.ledgermind.ingest.simulate.bittensor.BittensorSimulator;
import io.ledgermind.ingest.simulate.depin.AkashParams;
import io.ledgermind.ingest.simulate.depin.AkashSimulator;
import io.ledgermind.ingest.simulate.depin.RenderParams;
import io.ledgermind.ingest.simulate.depin.RenderSimulator;
import io.ledgermind.ingest.simulate.stablecoin.StablecoinParams;
import io.ledgermind.ingest.simulate.stablecoin.StablecoinSimulator;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Steps 2–5 of {@code ledgermind run}: simulated chain events into the raw topics, then the intelligence job over
 * exactly the records this run produced, then what came out. Reading only this run's offsets keeps the
 * reconciliation (in = decoded + dead-lettered) exact even when the topics hold earlier runs; a fresh seed per run
 * keeps event ids apart from earlier runs, so the ClickHouse row delta is this run's.
 */
final class PipelineRun {
  private static final List<TopicSpec> RAW = List.of(TopicCatalogue.RAW_STABLECOIN, TopicCatalogue.RAW_DEPIN,
      TopicCatalogue.RAW_BITTENSOR);
  private static final String RAW_ROWS = "(SELECT count() FROM %1$s.raw_stablecoin_events FINAL)"
      + " + (SELECT count() FROM %1$s.raw_depin_events FINAL) + (SELECT count() FROM %1$s.raw_subnet_snapshots FINAL)";

  private final StackEnv env;
  private final String database;
  private final String topicPrefix;
  private final Path deploymentFile;
  private final PrintStream out;

  /**
   * @param topicPrefix prefix of every topic (tests: their own; users: none, the catalogue's names)
   * @param deploymentFile where the oracle deployment is read and written (users: .stack/oracle-deployment.json)
   */
  PipelineRun(StackEnv env, String database, String topicPrefix, Path deploymentFile, PrintStream out) {
    this.env = env;
    this.database = database;
    this.topicPrefix = topicPrefix;
    this.deploymentFile = deploymentFile;
    this.out = out;
  }

  private String topic(TopicSpec spec) {
    return topicPrefix + spec.name();
  }

  /**
   * @param simulated     span of stablecoin activity, ending at the last full hour
   * @param subnetHistory span of Bittensor activity, ending at the same hour (at least {@code simulated})
   * @param depinHistory  span of DePIN activity, ending at the same hour and starting at a UTC midnight: the DePIN
   *                      forecaster reads 48 daily windows, so a DePIN forecast needs about 50 days of history
   */
  Summary run(long seed, Duration simulated, Duration subnetHistory, Duration depinHistory, double intensity,
      int malformed) throws Exception {
    Instant started = Instant.now().minusSeconds(1);
    ClickHouseHttpClient clickHouse = ClickHouseHttpClient.builder().url(env.clickHouseUrl())
        .user(env.get("LEDGERMIND_CLICKHOUSE_USER", "default"))
        .password(env.get("LEDGERMIND_CLICKHOUSE_PASSWORD", "")).build();
    Map<TopicPartition, Long> start;
    Map<TopicPartition, Long> requestsStart;
    // Simulated activity ends at the last full hour: never in the future, and every window up to it is complete.
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    try (Admin admin = Admin.create(env.kafka("admin").toProperties())) {
      int changes = new TopicAdmin(admin, (short) 1).ensure(
          TopicCatalogue.ALL.stream().map(s -> s.withName(topic(s))).toList()).size();
      // Each component of the run acts as its own principal (when the stack authenticates): they need their ACLs
      // on this run's topic names.
      RoleAcls.ensure(admin, topicPrefix);
      MigrationResult migrations = MigrationRunner.builder().client(clickHouse).database(database).build().migrate();
      out.printf("[2/6] Kafka %s: %d catalogue topics in place (%d created or changed); ClickHouse %s: database %s"
              + " migrated (%d applied now, %d before)%n", env.kafkaBootstrap(), TopicCatalogue.ALL.size(), changes,
          env.clickHouseUrl(), database, migrations.applied().size(), migrations.alreadyApplied().size());
      start = endOffsets(admin, RAW.stream().map(this::topic).toList());
      requestsStart = endOffsets(admin, List.of(topic(TopicCatalogue.ORACLE_REQUESTS)));
    }
    long rowsBefore = Long.parseLong(clickHouse.query("SELECT " + String.format(RAW_ROWS, database)));

    long t0 = System.nanoTime();
    // DePIN starts at a UTC midnight, so its first daily window is a whole day (windows are aligned to midnight).
    Instant depinStart = end.minus(depinHistory).truncatedTo(ChronoUnit.DAYS);
    Duration subnets = subnetHistory.compareTo(simulated) > 0 ? subnetHistory : simulated;
    RunSummary published = produce(env, topicPrefix, seed,
        simulators(seed, end, simulated, subnets, Duration.between(depinStart, end), intensity), out);
    produceMalformed(malformed);
    long produceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    out.printf("[3/6] Simulated %d h of stablecoin, %d h of Bittensor and %d days of DePIN activity up to %s (seed %d):"
        + " %,d events to the raw topics + %d malformed records in %,d ms%n", simulated.toHours(), subnets.toHours(),
        Duration.between(depinStart, end).toDays(), end, seed, published.events(), malformed, produceMs);

    out.println("[4/6] Intelligence job (Flink MiniCluster, parallelism 2): features -> LSTM forecasts (deterministic"
        + " CPU mode) -> oracle requests for complete windows ...");
    long t1 = System.nanoTime();
    JobExecutionResult result = runJob(clickHouse, start, end);
    long jobMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);

    long rowsOut = Long.parseLong(clickHouse.query("SELECT " + String.format(RAW_ROWS, database))) - rowsBefore;
    long deadLettered = Long.parseLong(clickHouse.query("SELECT count() FROM " + database + ".dead_letters FINAL"
        + " WHERE " + offsetFilter(start)));
    long features = count(clickHouse, "feature_windows", "computed_at", started);
    long forecasts = count(clickHouse, "forecasts FINAL", "computed_at", started);
    long requests = count(clickHouse, "oracle_requests FINAL", "created_at", started);
    long actions = count(clickHouse, "policy_actions FINAL", "computed_at", started);
    long flagged = Long.parseLong(clickHouse.query("SELECT count() FROM " + database + ".forecasts FINAL WHERE"
        + " computed_at >= toDateTime(" + started.getEpochSecond() + ") AND has(flags, 'INTERVAL_BREACH')"));
    out.printf("      finished in %,d ms: %,d feature windows, %,d forecasts (%,d flagged INTERVAL_BREACH),"
        + " %,d staking-policy actions, %,d oracle requests%n", jobMs, features, forecasts, flagged, actions, requests);
    out.println("      " + breachRates(clickHouse, started));
    String latest = clickHouse.query("SELECT entity, target, issued, mid, band FROM (SELECT entity, target,"
        + " toString(issued_at) AS issued, round(points_value[1], 4) AS mid, concat('[',"
        + " toString(round(points_lower[1], 4)), ', ', toString(round(points_upper[1], 4)), ']') AS band"
        + " FROM " + database + ".forecasts FINAL WHERE computed_at >= toDateTime(" + started.getEpochSecond() + ")"
        + " AND NOT has(flags, 'INCOMPLETE_WINDOW') ORDER BY issued_at DESC LIMIT 1 BY entity) ORDER BY entity LIMIT 24");
    out.println("[5/6] Latest forecast of a complete window per entity (issued at the window's end; next step:"
        + " median [80 % interval]):");
    for (String line : latest.split("\n")) {
      if (!line.isBlank()) {
        out.println("      " + line.replace('\t', ' '));
      }
    }

    List<OracleRequest> runRequests = TopicRange.read(env.kafka("admin"), requestsStart, OracleRequest.class);
    out.printf("[6/6] Oracle: publishing the latest complete window of each of %d feeds on-chain (%s, %d requests)"
        + " ...%n", OraclePublication.feedsOf(runRequests).size(), env.ethRpcUrl(), runRequests.size());
    long t2 = System.nanoTime();
    OraclePublication.Result chain = new OraclePublication(env, deploymentFile, topicPrefix, database, out)
        .publish(runRequests, requestsStart, Duration.ofSeconds(150));
    long chainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t2);
    OnChainTable.print(out, chain, deploymentFile);
    return new Summary(published.events() + malformed, rowsOut, deadLettered, produceMs, jobMs, forecasts,
        decoded(result), chain, chainMs);
  }

  /**
   * INTERVAL_BREACH share per forecast target (family) on this run's forecasts: breaches over the forecasts that
   * had a previous interval to break (all but each entity's first). An 80 % interval should be broken by 10–30 %.
   */
  private String breachRates(ClickHouseHttpClient clickHouse, Instant since) {
    String rows = clickHouse.query("SELECT target, count() - uniqExact(entity), countIf(has(flags, 'INTERVAL_BREACH'))"
        + " FROM " + database + ".forecasts FINAL WHERE computed_at >= toDateTime(" + since.getEpochSecond() + ")"
        + " AND NOT has(flags, 'INCOMPLETE_WINDOW') GROUP BY target ORDER BY target");
    List<String> parts = new ArrayList<>();
    for (String line : rows.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      long eligible = Long.parseLong(f[1]);
      long breached = Long.parseLong(f[2]);
      parts.add(String.format("%s %d/%d = %s", f[0], breached, eligible,
          eligible == 0 ? "n/a" : String.format("%.0f %%", 100.0 * breached / eligible)));
    }
    return "interval breaches by family (80 % interval, expected 10-30 %): "
        + (parts.isEmpty() ? "no forecasts" : String.join(", ", parts));
  }

  /** Rows of {@code table} written since the run started ({@code table} may end in FINAL). */
  private long count(ClickHouseHttpClient clickHouse, String table, String timeColumn, Instant since) {
    return Long.parseLong(clickHouse.query("SELECT count() FROM " + database + "." + table + " WHERE " + timeColumn
        + " >= toDateTime(" + since.getEpochSecond() + ")"));
  }

  /**
   * The four simulators of a run, each over its span ending at {@code end}: stablecoins, Bittensor, and Render and
   * Akash (DePIN); {@code intensity} scales stablecoin transfers per block.
   */
  static List<Simulator> simulators(long seed, Instant end, Duration stablecoinSpan, Duration subnetSpan,
      Duration depinSpan, double intensity) {
    List<Simulator> simulators = new ArrayList<>();
    StablecoinParams stablecoin = StablecoinParams.builder().seed(seed).genesis(end.minus(stablecoinSpan))
        .rateMultiplier(intensity).build();
    simulators.add(limit(new StablecoinSimulator(stablecoin), stablecoin, stablecoinSpan));
    BittensorParams bittensor = BittensorParams.builder().seed(seed).genesis(end.minus(subnetSpan)).build();
    simulators.add(limit(new BittensorSimulator(bittensor), bittensor, subnetSpan));
    RenderParams render = RenderParams.builder().seed(seed).genesis(end.minus(depinSpan)).build();
    simulators.add(limit(new RenderSimulator(render), render, depinSpan));
    AkashParams akash = AkashParams.builder().seed(seed).genesis(end.minus(depinSpan)).build();
    simulators.add(limit(new AkashSimulator(akash), akash, depinSpan));
    return simulators;
  }

  /** Runs {@code simulators}, merged in time order, into the raw topics under {@code topicPrefix}. */
  static RunSummary produce(StackEnv env, String topicPrefix, long seed, List<Simulator> simulators, PrintStream out)
      throws InterruptedException {
    try (KafkaEventSink sink = KafkaEventSink.create(env.kafka("ingest"), topicPrefix + "ledgermind-run-" + seed)) {
      return SimulationRunner.builder()
          .simulator(Simulators.merge("all", simulators))
          .sink(sink)
          .routing(topicPrefix.isEmpty() ? EventRouting.catalogue()
              : EventRouting.withTopicNames(name -> topicPrefix + name))
          .batchSize(5_000)
          .progress(out)
          .build()
          .run();
    }
  }

  private static Simulator limit(Simulator simulator, SimulationParams params, Duration span) {
    return Simulators.limit(simulator, span.toMillis() / params.blockTime().toMillis());
  }

  private void produceMalformed(int malformed) {
    Properties props = env.kafka("ingest").toProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < malformed; i++) {
        producer.send(new ProducerRecord<>(topic(TopicCatalogue.RAW_STABLECOIN),
            ("malformed-" + i).getBytes(StandardCharsets.UTF_8),
            ("deliberately malformed record " + i).getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  private JobExecutionResult runJob(ClickHouseHttpClient clickHouse, Map<TopicPartition, Long> start, Instant end)
      throws Exception {
    Path checkpoints = Ledgermind.home().resolve(".stack/checkpoints/" + topicPrefix + "run");
    Files.createDirectories(checkpoints);
    StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.builder()
        .checkpointDirectory(checkpoints).checkpointInterval(Duration.ofSeconds(1)).restartAttempts(0)
        .parallelism(2).build().toConfiguration());
    IntelligenceJob.builder()
        .kafka(env.kafka("job"))
        .topicPrefix(topicPrefix)
        .groupId(topicPrefix + "ledgermind-run")
        .startingOffsets(OffsetsInitializer.offsets(start))
        .bounded(true)
        .clickHouse(clickHouse, database)
        .forecastModels(ForecastModels.bundled())
        .publishHorizon(end)
        .transactionalIdPrefix(topicPrefix + "ledgermind-run-" + Long.toString(System.currentTimeMillis(), 36))
        .build()
        .addTo(flink);
    return flink.execute("ledgermind-run");
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
        description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()),
            OffsetSpec.latest())));
    return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static String offsetFilter(Map<TopicPartition, Long> start) {
    return start.entrySet().stream()
        .map(e -> "(source_topic = '" + e.getKey().topic() + "' AND source_partition = " + e.getKey().partition()
            + " AND source_offset >= " + e.getValue() + ")")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  private static long decoded(JobExecutionResult result) {
    Object value = result.getAccumulatorResult("rawRecordsDecoded");
    return value instanceof Number n ? n.longValue() : -1;
  }

  /** What one run did; {@link #reconciles()} is the check a user cares about. */
  record Summary(long recordsIn, long rowsOut, long deadLettered, long produceMs, long jobMs, long forecasts,
      long decodedByJob, OraclePublication.Result chain, long chainMs) {
    boolean reconciles() {
      return recordsIn == rowsOut + deadLettered && decodedByJob == rowsOut && chain.complete();
    }

    void print(PrintStream out) {
      out.println();
      boolean events = recordsIn == rowsOut + deadLettered && decodedByJob == rowsOut;
      out.printf("Run: in %,d = out %,d + dead-lettered %d -> %s%n", recordsIn, rowsOut, deadLettered,
          events ? "reconciled" : "MISMATCH (records lost or duplicated; job decoded " + decodedByJob + ")");
      Map<String, Long> byOutcome = new java.util.TreeMap<>();
      chain.outcomeByRequest().values().forEach(o -> byOutcome.merge(o, 1L, Long::sum));
      out.printf("Chain: %d oracle requests = %s%s -> %s%n", chain.requests(),
          byOutcome.isEmpty() ? "0" : byOutcome.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
              .collect(Collectors.joining(" + ")),
          chain.complete() ? "" : " + " + (chain.requests() - chain.outcomeByRequest().size()) + " without outcome",
          chain.complete() ? "every request accounted for" : "MISMATCH (requests without an outcome)");
      out.printf("Kafka produce %,d ms, intelligence job %,d ms, %,d forecasts, oracle %,d ms%n", produceMs, jobMs,
          forecasts, chainMs);
    }
  }
}
