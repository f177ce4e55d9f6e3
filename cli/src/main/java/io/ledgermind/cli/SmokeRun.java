package io.ledgermind.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.migrate.MigrationResult;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.flink.sink.clickhouse.ClickHouseSink;
import io.ledgermind.flink.sink.clickhouse.DeadLetterRows;
import io.ledgermind.flink.smoke.SmokeJob;
import io.ledgermind.flink.smoke.SmokeTables;
import io.ledgermind.flink.source.RawKafkaSources;
import io.ledgermind.cli.topics.TopicAdmin;
import io.ledgermind.evm.DevAccounts;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
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
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Steps 2–5 of {@code ledgermind run}: Kafka → Flink → ClickHouse with dead letters, then one transaction on anvil.
 * The Flink job reads exactly the offsets this run produced, so the reconciliation (in = out + dead-lettered) holds
 * for this run even when the topic already holds earlier runs.
 */
final class SmokeRun {
  private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

  private final StackEnv env;
  private final String topic;
  private final String database;

  SmokeRun(StackEnv env, String topic, String database) {
    this.env = env;
    this.topic = topic;
    this.database = database;
  }

  Summary run(int events, int malformed) throws Exception {
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Map<TopicPartition, Long> start;
    long produceMs;
    int topicChanges;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap()))) {
      topicChanges = ensureTopics(admin);
      start = endOffsets(admin);
      long t0 = System.nanoTime();
      produce(runId, events, malformed);
      produceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
    System.out.printf("[2/5] Kafka %s: %d catalogue topics in place (%d changes); produced %,d events + %d"
        + " malformed records to %s in %,d ms%n", env.kafkaBootstrap(), TopicCatalogue.ALL.size(), topicChanges,
        events, malformed, topic, produceMs);

    ClickHouseHttpClient clickHouse = ClickHouseHttpClient.builder().url(env.clickHouseUrl())
        .user(env.get("LEDGERMIND_CLICKHOUSE_USER", "default"))
        .password(env.get("LEDGERMIND_CLICKHOUSE_PASSWORD", "")).build();
    MigrationResult migrations = MigrationRunner.builder().client(clickHouse).database(database).build().migrate();
    SmokeTables tables = new SmokeTables(database);
    tables.create(clickHouse);
    ClickHouseTable deadLetterTable = DeadLetterRows.table(database);
    System.out.printf("[3/5] ClickHouse %s: database %s migrated (%d applied now, %d before); tables %s, %s%n",
        env.clickHouseUrl(), database, migrations.applied().size(), migrations.alreadyApplied().size(),
        tables.events().qualifiedName(), deadLetterTable.qualifiedName());

    long t1 = System.nanoTime();
    runFlinkJob(clickHouse, tables, deadLetterTable, start);
    long flinkMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
    long written = Long.parseLong(clickHouse.query("SELECT count() FROM " + tables.events().qualifiedName()
        + " FINAL WHERE event_id LIKE 'smoke-" + runId + "-%'"));
    long deadLettered = Long.parseLong(clickHouse.query("SELECT count() FROM " + deadLetterTable.qualifiedName()
        + " FINAL WHERE source_topic = '" + topic + "' AND (" + offsetFilter(start) + ")"));
    System.out.printf("[4/5] Flink job ledgermind-smoke (MiniCluster, parallelism 2) finished in %,d ms:"
        + " %,d rows in ClickHouse, %d dead letters%n", flinkMs, written, deadLettered);

    TransactionReceipt receipt = sendOneTransaction();
    System.out.printf("[5/5] anvil %s: sent 1 ETH from dev account 0 to dev account 1: tx %s, block %s, gas %s%n",
        env.ethRpcUrl(), receipt.getTransactionHash(), receipt.getBlockNumber(), receipt.getGasUsed());
    return new Summary(runId, events + malformed, written, deadLettered, produceMs, flinkMs,
        receipt.getTransactionHash());
  }

  /** Every catalogue topic, with the smoke topic under the name this run uses; returns how many changed. */
  private int ensureTopics(Admin admin) throws Exception {
    List<TopicSpec> specs = TopicCatalogue.ALL.stream()
        .map(t -> t == TopicCatalogue.SMOKE_EVENTS ? t.withName(topic) : t).toList();
    return new TopicAdmin(admin, (short) 1).ensure(specs).size();
  }

  private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private void produce(String runId, int events, int malformed) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    AvroCodec codec = AvroCodec.standard();
    Instant base = Instant.now();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < events; i++) {
        String id = "smoke-" + runId + "-" + i;
        // Amounts in 6-decimal token units (USDC-like), exact integers.
        BigInteger amount = BigInteger.valueOf(i + 1L).multiply(BigInteger.valueOf(1_000_000));
        SmokeEvent event = SmokeEvent.newBuilder().setEventId(id).setSequence(i)
            .setEventTime(base.plusMillis(i)).setAmount(amount.toString()).setNote("smoke run " + runId).build();
        producer.send(new ProducerRecord<>(topic, id.getBytes(UTF_8), codec.encode(event)));
      }
      for (int i = 0; i < malformed; i++) {
        producer.send(new ProducerRecord<>(topic, ("malformed-" + i).getBytes(UTF_8),
            ("deliberately malformed record " + i + " of run " + runId).getBytes(UTF_8)));
      }
      producer.flush();
    }
  }

  private void runFlinkJob(ClickHouseHttpClient clickHouse, SmokeTables tables, ClickHouseTable deadLetterTable,
      Map<TopicPartition, Long> start) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment flink = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    flink.enableCheckpointing(Duration.ofSeconds(1).toMillis());
    new SmokeJob(
            RawKafkaSources.bounded(env.kafkaBootstrap(), topic, "ledgermind-smoke", OffsetsInitializer.offsets(start)),
            ClickHouseSink.<SmokeEvent>builder().client(clickHouse).table(tables.events())
                .encoder(SmokeTables.eventEncoder()).build(),
            ClickHouseSink.<DeadLetter>builder().client(clickHouse).table(deadLetterTable)
                .encoder(DeadLetterRows.encoder()).build())
        .execute(flink);
  }

  private static String offsetFilter(Map<TopicPartition, Long> start) {
    return start.entrySet().stream()
        .map(e -> "(source_partition = " + e.getKey().partition() + " AND source_offset >= " + e.getValue() + ")")
        .collect(Collectors.joining(" OR "));
  }

  private TransactionReceipt sendOneTransaction() throws Exception {
    Web3j web3j = Web3j.build(new HttpService(env.ethRpcUrl()));
    try {
      String mnemonic = env.require("LEDGERMIND_ANVIL_MNEMONIC");
      DevAccounts accounts = new DevAccounts(mnemonic);
      Credentials from = accounts.account(0);
      Credentials to = accounts.account(1);
      PollingTransactionReceiptProcessor receipts = new PollingTransactionReceiptProcessor(web3j, 10, 1_000);
      RawTransactionManager tx = new RawTransactionManager(web3j, from, env.chainId(), receipts);
      BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
      String hash = tx.sendTransaction(gasPrice, BigInteger.valueOf(21_000), to.getAddress(), "", ONE_ETHER)
          .getTransactionHash();
      if (hash == null) {
        throw new IllegalStateException("anvil rejected the transfer");
      }
      return receipts.waitForTransactionReceipt(hash);
    } finally {
      web3j.shutdown();
    }
  }

  /** What one run did; {@link #reconciles()} is the check a user cares about. */
  record Summary(String runId, long recordsIn, long rowsOut, long deadLettered, long produceMs, long flinkMs,
      String txHash) {
    boolean reconciles() {
      return recordsIn == rowsOut + deadLettered;
    }

    void print(PrintStream out) {
      out.println();
      out.printf("Smoke run %s: in %,d = out %,d + dead-lettered %d -> %s%n", runId, recordsIn, rowsOut,
          deadLettered, reconciles() ? "reconciled" : "MISMATCH (records lost or duplicated)");
      out.printf("Kafka produce %,d ms, Flink job %,d ms, anvil tx %s%n", produceMs, flinkMs, txHash);
    }
  }
}
