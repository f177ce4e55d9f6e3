package io.ledgermind.cli;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.RowBinaryWriter;
import io.ledgermind.flink.sink.clickhouse.RawTables;
import io.ledgermind.flink.sink.clickhouse.RowEncoder;
import io.ledgermind.ingest.evm.EvmReader;
import io.ledgermind.ingest.evm.EvmReaderConfig;
import io.ledgermind.ingest.evm.StepResult;
import io.ledgermind.ingest.evm.cli.EvmCommand;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.schemas.oracle.OracleSignature;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.serde.Decoded;
import io.ledgermind.schemas.serde.kafka.AvroKafkaDeserializer;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The chain read back: the EVM reader follows the oracle contract up to the head (exactly once into
 * {@code raw.oracle-rounds}, with its checkpoint), and the rounds it wrote are loaded into ClickHouse
 * {@code raw_oracle_rounds}, the table the intelligence job's raw sink writes when it runs on that topic. The
 * signers' signatures of the run go to {@code oracle_signatures} the same way, so one query can follow a value from
 * its feature window to its on-chain round (QUERIES.md, {@code value_end_to_end}).
 */
final class OracleRoundsOfRun {
  private OracleRoundsOfRun() {}

  /** @return the rounds read from the chain in this pass */
  static int ingest(StackEnv env, Web3j web3j, Path deploymentFile, String topicPrefix,
      ClickHouseHttpClient clickHouse, String database) throws Exception {
    String topic = topicPrefix + TopicCatalogue.RAW_ORACLE_ROUNDS.name();
    try (KafkaConsumer<String, Decoded> consumer = consumer(env.kafkaBootstrap())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      Map<TopicPartition, Long> before = new HashMap<>(consumer.endOffsets(partitions));
      follow(env, web3j, deploymentFile, topicPrefix);
      consumer.assign(partitions);
      before.forEach(consumer::seek);
      Map<TopicPartition, Long> after = consumer.endOffsets(partitions);
      RowEncoder<OracleRoundEvent> encoder = RawTables.oracleRoundEncoder();
      RowBinaryWriter rows = new RowBinaryWriter(4096);
      int rounds = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < after.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Decoded> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value().isSuccess() && r.value().record() instanceof OracleRoundEvent e) {
            encoder.encode(e, rows);
            rounds++;
          }
        }
      }
      if (rounds > 0) {
        clickHouse.insert(RawTables.oracleRounds(database), rows.toByteArray());
      }
      return rounds;
    }
  }

  /** Loads the signatures written to {@code topic} since {@code from} into ClickHouse {@code oracle_signatures}. */
  static int loadSignatures(String bootstrap, String topic, Map<TopicPartition, Long> from,
      ClickHouseHttpClient clickHouse, String database) {
    try (KafkaConsumer<String, Decoded> consumer = consumer(bootstrap)) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
      RowBinaryWriter rows = new RowBinaryWriter(4096);
      int count = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Decoded> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value().isSuccess() && r.value().record() instanceof OracleSignature s) {
            rows.writeString(s.getSignatureId()).writeString(s.getReportId()).writeString(s.getDigest())
                .writeString(s.getSigner()).writeString(s.getSignature()).writeDateTime(s.getSignedAt())
                .writeUInt64(s.getSignedAt().toEpochMilli());
            count++;
          }
        }
      }
      if (count > 0) {
        clickHouse.insert(new ClickHouseTable(database + ".oracle_signatures", List.of("signature_id", "report_id",
            "digest", "signer", "signature", "signed_at", "version")), rows.toByteArray());
      }
      return count;
    }
  }

  /** End offsets of every partition of {@code topic}. */
  static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
    try (KafkaConsumer<String, Decoded> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  private static void follow(StackEnv env, Web3j web3j, Path deploymentFile, String topicPrefix) throws Exception {
    // The reader id names the chain by its genesis hash: a restarted dev chain is another chain, and a checkpoint
    // of the old one must not be mistaken for a reorg of the new one.
    String genesis = web3j.ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false).send().getBlock()
        .getHash().substring(2, 14);
    var oracle = EvmCommand.oracleContract(deploymentFile);
    EvmReaderConfig config = EvmReaderConfig.builder()
        .readerId(topicPrefix + "oracle-" + oracle.address() + "-" + genesis)
        .chainId(env.chainId())
        .contract(oracle)
        .confirmations(0)
        .startBlock(0)
        .routing(topicPrefix.isEmpty() ? EventRouting.catalogue() : EventRouting.withTopicNames(n -> topicPrefix + n))
        .build();
    long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    try (EvmReader reader = EvmReader.open(config, web3j, env.kafkaBootstrap())) {
      while (reader.nextBlock() <= head) {
        StepResult step = reader.step(head);
        if (step.idle()) {
          break;
        }
      }
    }
  }

  private static KafkaConsumer<String, Decoded> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

}
