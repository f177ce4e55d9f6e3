package io.ledgermind.ingest.evm;

import io.ledgermind.ingest.chainsim.StablecoinChainDriver;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.ingest.kafka.KafkaEventSink;
import io.ledgermind.schemas.stack.StackEnvFile;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark harness (not a test): prints figures measured against the local stack in one process.
 *
 * <ol>
 *   <li>the raw kafka-clients producer ceiling: pre-encoded values of our events' size, same producer settings;
 *   <li>our path: decode logs → Avro-encode → route → transactional publish, in events/s and as a ratio to (1);
 *   <li>backfill from anvil: the real reader over real blocks of token transactions, blocks/s and events/s.
 * </ol>
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Measure decode+produce throughput against the raw producer ceiling, and backfill speed from anvil.")
public final class EvmBenchmark implements Callable<Integer> {
  private static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";

  @Option(names = "--events", defaultValue = "200000", description = "Events per throughput run (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--batch", defaultValue = "5000",
      description = "Events per Kafka transaction in the throughput run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--chain-transactions", defaultValue = "300",
      description = "Token transactions to send to anvil for the backfill run (default: ${DEFAULT-VALUE}).")
  int chainTransactions;

  @Override
  public Integer call() throws Exception {
    Map<String, String> stack = StackEnvFile.read(StackEnvFile.defaultPath());
    // The benchmark creates and writes its own topics: it runs as the stack's admin.
    KafkaClientConfig kafka = KafkaClientConfig.fromStack(stack, "admin");
    if (kafka == null) {
      System.err.println("the benchmark runs against the local stack: ./ledgermind stack up");
      return 2;
    }
    String prefix = "bench" + Long.toHexString(ThreadLocalRandom.current().nextInt() & 0xffffffL) + ".";
    EventRouting routing = EventRouting.withTopicNames(n -> prefix + n);
    List<String> topics = List.of(routing.topic(TopicCatalogue.RAW_STABLECOIN), routing.topic(TopicCatalogue.RAW_BLOCKS),
        routing.topic(TopicCatalogue.INGEST_CHECKPOINTS), routing.topic(TopicCatalogue.DEAD_LETTERS), prefix + "raw");
    try (Admin admin = Admin.create(kafka.toProperties())) {
      admin.createTopics(topics.stream().map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
      try {
        List<Log> logs = syntheticTransfers(events);
        EvmEventDecoder decoder = new EvmEventDecoder("eip155:1", "bench", Map.of(USDC,
            new WatchedContract(USDC, ContractKind.USDC, "USDC", 6)));
        BlockInfo block = new BlockInfo(1, "0x" + "ab".repeat(32), "0x" + "cd".repeat(32), Instant.now(), null, 0);
        byte[] sample = routing.route(decoder.decode(logs.get(0), block, Instant.now()).orElseThrow()).value();

        double cpuOnly = decodeAndEncodeOnly(routing, decoder, block, logs);
        double ceiling = rawProducer(kafka, prefix + "raw", sample.length);
        double ours = decodeAndPublish(kafka, routing, decoder, block, logs);
        System.out.printf("%-44s %,12.0f events/s%n", "raw kafka-clients producer (" + sample.length + " B values)",
            ceiling);
        System.out.printf("%-44s %,12.0f events/s  = %.2fx of the ceiling (goal >= 0.5x)%n",
            "decode + Avro + transactional publish", ours, ours / ceiling);
        System.out.printf("%-44s %,12.0f events/s  (CPU part alone, no Kafka)%n", "decode + Avro encode only", cpuOnly);
        backfill(stack, kafka, routing);
      } finally {
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      }
    }
    return 0;
  }

  private double rawProducer(KafkaClientConfig kafka, String topic, int valueSize) {
    Properties props = producerProps(kafka);
    byte[] value = new byte[valueSize];
    ThreadLocalRandom.current().nextBytes(value);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        producer.send(new ProducerRecord<>(topic, ("k" + (i & 63)).getBytes(), value));
      }
      producer.flush();
      return events / ((System.nanoTime() - start) / 1e9);
    }
  }

  private double decodeAndEncodeOnly(EventRouting routing, EvmEventDecoder decoder, BlockInfo block, List<Log> logs)
      throws Exception {
    long bytes = 0;
    long start = System.nanoTime();
    Instant now = Instant.now();
    for (Log log : logs) {
      bytes += routing.route(decoder.decode(log, block, now).orElseThrow()).value().length;
    }
    double rate = logs.size() / ((System.nanoTime() - start) / 1e9);
    return bytes > 0 ? rate : 0;
  }

  private double decodeAndPublish(KafkaClientConfig kafka, EventRouting routing, EvmEventDecoder decoder, BlockInfo block,
      List<Log> logs) throws Exception {
    try (KafkaEventSink sink = KafkaEventSink.create(kafka, "bench-" + System.nanoTime())) {
      long start = System.nanoTime();
      List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(batchSize);
      Instant now = Instant.now();
      for (Log log : logs) {
        batch.add(routing.route(decoder.decode(log, block, now).orElseThrow()));
        if (batch.size() == batchSize) {
          sink.publish(batch);
          batch = new ArrayList<>(batchSize);
        }
      }
      if (!batch.isEmpty()) {
        sink.publish(batch);
      }
      return logs.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private void backfill(Map<String, String> stack, KafkaClientConfig kafka, EventRouting routing) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(stack.get("LEDGERMIND_ETH_RPC_URL")));
    try {
      long chainId = Long.parseLong(stack.getOrDefault("LEDGERMIND_CHAIN_ID", "31337"));
      StablecoinChainDriver driver = new StablecoinChainDriver(web3j, chainId, stack.get("LEDGERMIND_ANVIL_MNEMONIC"),
          Path.of(stack.get("LEDGERMIND_SOLCJS")));
      String[] tokens = driver.deploy();
      long from = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
      long sendStart = System.nanoTime();
      driver.drive(chainTransactions, 7);
      double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
      long to = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
      EvmReaderConfig config = EvmReaderConfig.builder().readerId("bench-" + System.nanoTime()).chainId(chainId)
          .contract(new WatchedContract(tokens[0], ContractKind.USDC, "USDC", 6))
          .contract(new WatchedContract(tokens[1], ContractKind.USDT, "USDT", 6))
          .confirmations(0).startBlock(from).maxBlocksPerStep(500).routing(routing)
          .retry(new RetryPolicy(8, java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2), 0)).build();
      int eventCount = 0;
      long start = System.nanoTime();
      try (EvmReader reader = new EvmReader(config, new RpcClient(web3j, config.retry()),
          KafkaEventSink.create(kafka, "ingest-evm-" + config.readerId()), Optional.empty(), Clock.systemUTC())) {
        while (reader.nextBlock() <= to) {
          eventCount += reader.step(to).events();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long blocks = to - from + 1;
      System.out.printf("%-44s %,12.0f blocks/s  (%,d blocks, %,d events, %.0f events/s; sending them took %.1f s)%n",
          "backfill from anvil (real reader)", blocks / seconds, blocks, eventCount, eventCount / seconds, sendSeconds);
    } finally {
      web3j.shutdown();
    }
  }

  private static Properties producerProps(KafkaClientConfig kafka) {
    Properties props = kafka.toProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    // The same settings KafkaEventSink uses, minus transactions: the honest ceiling to compare with.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }

  private static List<Log> syntheticTransfers(int count) {
    List<Log> logs = new ArrayList<>(count);
    String blockHash = "0x" + "ab".repeat(32);
    for (int i = 0; i < count; i++) {
      String from = "0x" + "0".repeat(24) + String.format("%040x", 1000 + (i % 977));
      String to = "0x" + "0".repeat(24) + String.format("%040x", 5000 + (i % 631));
      String amount = "0x" + String.format("%064x", BigInteger.valueOf(1_000_000L * (i + 1)));
      String tx = "0x" + String.format("%064x", i / 4);
      logs.add(new Log(false, "0x" + Integer.toHexString(i), "0x0", tx, blockHash, "0x1", USDC, amount, null,
          List.of(EventSignatures.TRANSFER_TOPIC, from, to)));
    }
    return logs;
  }
}
