package io.ledgermind.flink.bench;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.flink.features.ExtractFeatures;
import io.ledgermind.flink.forecast.ForecastModels;
import io.ledgermind.flink.job.IntelligenceJob;
import io.ledgermind.flink.job.JobSettings;
import io.ledgermind.flink.source.RawEventTime;
import io.ledgermind.flink.source.RawKafkaSources;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.ingest.kafka.KafkaEventSink;
import io.ledgermind.ingest.simulate.RunSummary;
import io.ledgermind.ingest.simulate.SimulationDomain;
import io.ledgermind.ingest.simulate.SimulationRunner;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.ingest.simulate.Simulators;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.stack.StackEnvFile;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end figures of the intelligence job on the local stack (not a test: machines here are shared and noisy).
 *
 * <ol>
 *   <li><b>Throughput</b>: N simulated events pre-published; the bounded job (all sinks, ClickHouse included) runs
 *       over them. Baseline in the same process: a job that only reads the same records from Kafka and decodes them
 *       ({@code ExtractFeatures} into a discarding sink). Reported: events/s of both and the ratio.
 *   <li><b>Latency</b>: the unbounded job while a producer publishes at a fixed rate. For each forecast: the wall
 *       time it became visible to a read_committed consumer minus the wall time the producer sent the first event at
 *       or past the forecast's window end + the out-of-orderness bound (the event whose watermark closed the window).
 *       Includes the exactly-once commit (checkpoint interval 1 s).
 * </ol>
 *
 * <pre>java -cp ... io.ledgermind.flink.bench.PipelineBenchmark [events=400000] [rate=10000] [seconds=60]</pre>
 */
public final class PipelineBenchmark {
  private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);

  private final io.ledgermind.schemas.kafka.KafkaClientConfig kafka;
  private final String clickHouseUrl;
  private final Path work;

  private PipelineBenchmark(io.ledgermind.schemas.kafka.KafkaClientConfig kafka, String clickHouseUrl, Path work) {
    this.kafka = kafka;
    this.clickHouseUrl = clickHouseUrl;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 400_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Map<String, String> stack = StackEnvFile.read(StackEnvFile.defaultPath());
    Path work = Files.createTempDirectory("ledgermind-bench");
    PipelineBenchmark bench = new PipelineBenchmark(io.ledgermind.schemas.kafka.KafkaClientConfig.fromStack(stack, "admin"),
        stack.get("LEDGERMIND_CLICKHOUSE_URL"), work);
    System.out.printf("machine: %d cores, JVM max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    bench.throughput(events);
    if (rate > 0) {
      bench.latency(rate, seconds);
    }
    System.exit(0);
  }

  private String prefix(String what) {
    return "bench-" + what + "-" + Long.toString(System.currentTimeMillis(), 36) + ".";
  }

  private void createTopics(String prefix, int partitions) throws Exception {
    try (Admin admin = Admin.create(kafka.toProperties())) {
      List<NewTopic> topics = new ArrayList<>();
      for (TopicSpec spec : List.of(TopicCatalogue.RAW_STABLECOIN, TopicCatalogue.RAW_DEPIN,
          TopicCatalogue.RAW_BITTENSOR, TopicCatalogue.FEATURES, TopicCatalogue.FORECASTS,
          TopicCatalogue.ORACLE_REQUESTS, TopicCatalogue.POLICY_ACTIONS, TopicCatalogue.DEAD_LETTERS)) {
        topics.add(new NewTopic(prefix + spec.name(), partitions, (short) 1));
      }
      admin.createTopics(topics).all().get();
    }
  }

  private ClickHouseHttpClient database(String name) {
    ClickHouseHttpClient client = ClickHouseHttpClient.builder().url(clickHouseUrl).build();
    client.execute("CREATE DATABASE IF NOT EXISTS " + name);
    MigrationRunner.builder().client(client).database(name).build().migrate();
    return client;
  }

  private StreamExecutionEnvironment environment(Duration checkpointInterval) throws Exception {
    return StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.builder()
        .checkpointDirectory(Files.createTempDirectory(work, "chk")).checkpointInterval(checkpointInterval)
        .restartAttempts(0).parallelism(2).build().toConfiguration());
  }

  private RunSummary publish(String prefix, Simulator simulator, double rate) throws InterruptedException {
    try (KafkaEventSink sink = KafkaEventSink.create(kafka, prefix + "producer")) {
      return SimulationRunner.builder().simulator(simulator).sink(sink)
          .routing(EventRouting.withTopicNames(name -> prefix + name)).batchSize(rate > 0 ? 500 : 5_000)
          .eventsPerSecond(rate).build().run();
    }
  }

  private void throughput(long events) throws Exception {
    String prefix = prefix("tp");
    createTopics(prefix, 2);
    Simulator simulator = SimulationDomain.STABLECOIN.create(3, 1.0, OptionalLong.empty());
    long blocks = events / 8; // ~8 events per block at intensity 1
    RunSummary published = publish(prefix, Simulators.limit(simulator, blocks), 0);
    System.out.printf("%nthroughput: %,d stablecoin events pre-published (%.0f events/s producer)%n",
        published.events(), published.eventsPerSecond());

    // Baseline: read + decode + extract, nothing else.
    StreamExecutionEnvironment base = environment(Duration.ofSeconds(5));
    base.fromSource(RawKafkaSources.bounded(kafka, List.of(prefix + TopicCatalogue.RAW_STABLECOIN.name()),
                prefix + "base", OffsetsInitializer.earliest()),
            WatermarkStrategy.<io.ledgermind.flink.source.RawKafkaRecord>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                .withTimestampAssigner(new RawEventTime()), "kafka")
        .process(new ExtractFeatures(io.ledgermind.flink.features.FeatureSpec.defaults(), "bench"))
        .sinkTo(new DiscardingSink<>());
    long t0 = System.nanoTime();
    base.execute("bench-baseline");
    double baseSeconds = (System.nanoTime() - t0) / 1e9;

    String db = "bench_" + Long.toString(System.currentTimeMillis(), 36);
    ClickHouseHttpClient client = database(db);
    StreamExecutionEnvironment env = environment(Duration.ofSeconds(5));
    IntelligenceJob.builder().kafka(kafka).topicPrefix(prefix).groupId(prefix + "job")
        .transactionalIdPrefix(prefix + "job").bounded(true).clickHouse(client, db)
        .forecastModels(ForecastModels.bundled()).build().addTo(env);
    long t1 = System.nanoTime();
    env.execute("bench-intelligence");
    double jobSeconds = (System.nanoTime() - t1) / 1e9;
    long forecasts = Long.parseLong(client.query("SELECT count() FROM " + db + ".forecasts FINAL"));
    double baseRate = published.events() / baseSeconds;
    double jobRate = published.events() / jobSeconds;
    System.out.printf("  baseline (Kafka read + decode + feature extraction, p=2): %.1f s, %,.0f events/s%n",
        baseSeconds, baseRate);
    System.out.printf("  intelligence job (all operators and sinks, p=2):          %.1f s, %,.0f events/s"
        + " (%,d forecasts)%n", jobSeconds, jobRate, forecasts);
    System.out.printf("  job / baseline = %.2f (both include MiniCluster start, ~2-6 s)%n", jobRate / baseRate);
    client.execute("DROP DATABASE " + db);
  }

  private void latency(int rate, int seconds) throws Exception {
    String prefix = prefix("lat");
    createTopics(prefix, 2);
    String db = "bench_" + Long.toString(System.currentTimeMillis(), 36);
    ClickHouseHttpClient client = database(db);
    StreamExecutionEnvironment env = environment(Duration.ofSeconds(1));
    IntelligenceJob.builder().kafka(kafka).topicPrefix(prefix).groupId(prefix + "job")
        .rawTopics(List.of(prefix + TopicCatalogue.RAW_STABLECOIN.name()))
        .transactionalIdPrefix(prefix + "job").idleness(Duration.ofSeconds(2)).clickHouse(client, db)
        .forecastModels(ForecastModels.bundled()).build().addTo(env);
    JobClient job = env.executeAsync("bench-latency");

    // Wall time at which the first event at or past each event time was sent.
    ConcurrentSkipListMap<Long, Long> sentAt = new ConcurrentSkipListMap<>();
    Simulator simulator = SimulationDomain.STABLECOIN.create(5, 1.0, OptionalLong.empty());
    Simulator timed = new Simulator() {
      @Override
      public String domain() {
        return simulator.domain();
      }

      @Override
      public boolean hasNext() {
        return simulator.hasNext();
      }

      @Override
      public Instant peekTime() {
        return simulator.peekTime();
      }

      @Override
      public io.ledgermind.ingest.simulate.SimulatedBlock next() {
        io.ledgermind.ingest.simulate.SimulatedBlock block = simulator.next();
        sentAt.putIfAbsent(block.time().toEpochMilli(), System.currentTimeMillis());
        return block;
      }
    };
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer = new Thread(() -> {
      try {
        publish(prefix, Simulators.limit(timed, (long) rate * seconds / 8), rate);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        producing.set(false);
      }
    }, "bench-producer");
    long start = System.currentTimeMillis();
    producer.start();

    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Properties props = kafka.toProperties();
    props.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, prefix + "reader", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    int warmUp = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(prefix + TopicCatalogue.FORECASTS.name()));
      long idleUntil = Long.MAX_VALUE;
      while (System.currentTimeMillis() < idleUntil) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          long now = System.currentTimeMillis();
          Forecast forecast = AvroCodec.standard().decode(record.value(), Forecast.class);
          Map.Entry<Long, Long> closing =
              sentAt.ceilingEntry(forecast.getIssuedAt().toEpochMilli() + OUT_OF_ORDERNESS.toMillis());
          if (closing == null || now - start < 20_000) {
            warmUp++; // the first windows wait for idleness and the MiniCluster start
            continue;
          }
          latencies.add(now - closing.getValue());
        }
        if (!producing.get() && idleUntil == Long.MAX_VALUE) {
          idleUntil = System.currentTimeMillis() + 5_000;
        }
      }
    }
    job.cancel().get();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("%nlatency at %,d events/s for %d s: %d forecasts measured (%d during warm-up skipped)%n",
        rate, seconds, sorted.size(), warmUp);
    if (!sorted.isEmpty()) {
      System.out.printf("  event -> forecast visible (read_committed): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
          pct(sorted, 0.5), pct(sorted, 0.9), pct(sorted, 0.99), sorted.get(sorted.size() - 1));
    }
    client.execute("DROP DATABASE " + db);
  }

  private static long pct(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }
}
