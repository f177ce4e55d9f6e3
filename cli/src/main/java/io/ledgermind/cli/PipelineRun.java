package io.ledgermind.cli;

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
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
  private final PrintStream out;

  PipelineRun(StackEnv env, String database, PrintStream out) {
    this.env = env;
    this.database = database;
    this.out = out;
  }

  Summary run(long seed, Duration simulated, double intensity, int malformed) throws Exception {
    Instant started = Instant.now().minusSeconds(1);
    ClickHouseHttpClient clickHouse = ClickHouseHttpClient.builder().url(env.clickHouseUrl())
        .user(env.get("LEDGERMIND_CLICKHOUSE_USER", "default"))
        .password(env.get("LEDGERMIND_CLICKHOUSE_PASSWORD", "")).build();
    Map<TopicPartition, Long> start;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap()))) {
      int changes = new TopicAdmin(admin, (short) 1).ensure(TopicCatalogue.ALL).size();
      MigrationResult migrations = MigrationRunner.builder().client(clickHouse).database(database).build().migrate();
      out.printf("[2/5] Kafka %s: %d catalogue topics in place (%d created or changed); ClickHouse %s: database %s"
              + " migrated (%d applied now, %d before)%n", env.kafkaBootstrap(), TopicCatalogue.ALL.size(), changes,
          env.clickHouseUrl(), database, migrations.applied().size(), migrations.alreadyApplied().size());
      start = endOffsets(admin);
    }
    long rowsBefore = Long.parseLong(clickHouse.query("SELECT " + String.format(RAW_ROWS, database)));

    long t0 = System.nanoTime();
    RunSummary published = publish(seed, simulated, intensity);
    produceMalformed(malformed);
    long produceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    out.printf("[3/5] Simulated %s of chain activity (seed %d): %,d events to the raw topics + %d malformed"
        + " records in %,d ms%n", simulated, seed, published.events(), malformed, produceMs);

    out.println("[4/5] Intelligence job (Flink MiniCluster, parallelism 2): features -> micro-batched LSTM"
        + " -> forecasts and oracle requests ...");
    long t1 = System.nanoTime();
    JobExecutionResult result = runJob(clickHouse, start);
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
    String latest = clickHouse.query("SELECT entity, target, issued, mid, band FROM (SELECT entity, target,"
        + " toString(issued_at) AS issued, round(points_value[1], 4) AS mid, concat('[',"
        + " toString(round(points_lower[1], 4)), ', ', toString(round(points_upper[1], 4)), ']') AS band"
        + " FROM " + database + ".forecasts FINAL WHERE computed_at >= toDateTime(" + started.getEpochSecond() + ")"
        + " ORDER BY issued_at DESC LIMIT 1 BY entity) ORDER BY entity LIMIT 12");
    out.println("[5/5] Latest forecast per entity (next step: median [80 % interval]):");
    for (String line : latest.split("\n")) {
      if (!line.isBlank()) {
        out.println("      " + line.replace('\t', ' '));
      }
    }
    return new Summary(published.events() + malformed, rowsOut, deadLettered, produceMs, jobMs, forecasts,
        decoded(result));
  }

  /** Rows of {@code table} written since the run started ({@code table} may end in FINAL). */
  private long count(ClickHouseHttpClient clickHouse, String table, String timeColumn, Instant since) {
    return Long.parseLong(clickHouse.query("SELECT count() FROM " + database + "." + table + " WHERE " + timeColumn
        + " >= toDateTime(" + since.getEpochSecond() + ")"));
  }

  private RunSummary publish(long seed, Duration simulated, double intensity) throws InterruptedException {
    List<Simulator> simulators = new ArrayList<>();
    // The simulated span ends at the current hour, so the newest oracle requests are fresh enough for the oracle
    // contract's staleness check (`ledgermind oracle transmit` can publish them).
    Instant genesis = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(simulated);
    StablecoinParams stablecoin = StablecoinParams.builder().seed(seed).genesis(genesis).rateMultiplier(intensity)
        .build();
    simulators.add(limit(new StablecoinSimulator(stablecoin), stablecoin, simulated));
    BittensorParams bittensor = BittensorParams.builder().seed(seed).genesis(genesis).build();
    simulators.add(limit(new BittensorSimulator(bittensor), bittensor, simulated));
    RenderParams render = RenderParams.builder().seed(seed).genesis(genesis).build();
    simulators.add(limit(new RenderSimulator(render), render, simulated));
    AkashParams akash = AkashParams.builder().seed(seed).genesis(genesis).build();
    simulators.add(limit(new AkashSimulator(akash), akash, simulated));
    try (KafkaEventSink sink = KafkaEventSink.create(env.kafkaBootstrap(), "ledgermind-run-" + seed)) {
      return SimulationRunner.builder()
          .simulator(Simulators.merge("all", simulators))
          .sink(sink)
          .routing(EventRouting.catalogue())
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
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < malformed; i++) {
        producer.send(new ProducerRecord<>(TopicCatalogue.RAW_STABLECOIN.name(),
            ("malformed-" + i).getBytes(StandardCharsets.UTF_8),
            ("deliberately malformed record " + i).getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  private JobExecutionResult runJob(ClickHouseHttpClient clickHouse, Map<TopicPartition, Long> start)
      throws Exception {
    Path checkpoints = Ledgermind.home().resolve(".stack/checkpoints/run");
    Files.createDirectories(checkpoints);
    StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.builder()
        .checkpointDirectory(checkpoints).checkpointInterval(Duration.ofSeconds(1)).restartAttempts(0)
        .parallelism(2).build().toConfiguration());
    IntelligenceJob.builder()
        .bootstrapServers(env.kafkaBootstrap())
        .groupId("ledgermind-run")
        .startingOffsets(OffsetsInitializer.offsets(start))
        .bounded(true)
        .clickHouse(clickHouse, database)
        .forecastModels(ForecastModels.bundled())
        .transactionalIdPrefix("ledgermind-run-" + Long.toString(System.currentTimeMillis(), 36))
        .build()
        .addTo(flink);
    return flink.execute("ledgermind-run");
  }

  private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    List<String> topics = RAW.stream().map(TopicSpec::name).toList();
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
      long decodedByJob) {
    boolean reconciles() {
      return recordsIn == rowsOut + deadLettered && decodedByJob == rowsOut;
    }

    void print(PrintStream out) {
      out.println();
      out.printf("Run: in %,d = out %,d + dead-lettered %d -> %s%n", recordsIn, rowsOut, deadLettered,
          reconciles() ? "reconciled" : "MISMATCH (records lost or duplicated; job decoded " + decodedByJob + ")");
      out.printf("Kafka produce %,d ms, intelligence job %,d ms, %,d forecasts%n", produceMs, jobMs, forecasts);
    }
  }
}
