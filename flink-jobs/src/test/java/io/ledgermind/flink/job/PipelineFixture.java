package io.ledgermind.flink.job;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.ingest.kafka.KafkaEventSink;
import io.ledgermind.ingest.simulate.RunSummary;
import io.ledgermind.ingest.simulate.SimulationDomain;
import io.ledgermind.ingest.simulate.SimulationRunner;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.ingest.simulate.Simulators;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import io.ledgermind.testing.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Topics under one prefix, simulated raw input, and committed output read back, for the intelligence job ITCases. */
final class PipelineFixture {
  static final List<TopicSpec> TOPICS = List.of(TopicCatalogue.RAW_STABLECOIN, TopicCatalogue.RAW_DEPIN,
      TopicCatalogue.RAW_BITTENSOR, TopicCatalogue.FEATURES, TopicCatalogue.FORECASTS,
      TopicCatalogue.ORACLE_REQUESTS, TopicCatalogue.POLICY_ACTIONS, TopicCatalogue.DEAD_LETTERS);

  final KafkaExtension kafka;
  final String prefix;

  PipelineFixture(KafkaExtension kafka, String prefix) {
    this.kafka = kafka;
    this.prefix = prefix;
    for (TopicSpec spec : TOPICS) {
      kafka.createTopicNamed(topic(spec), Math.min(spec.partitions(), 3));
    }
  }

  String topic(TopicSpec spec) {
    return prefix + spec.name();
  }

  /** Publishes up to {@code blocks} blocks of {@code simulator} (which keeps its position for a later call). */
  RunSummary publish(Simulator simulator, long blocks, String transactionalId) throws InterruptedException {
    try (KafkaEventSink sink = KafkaEventSink.create(kafka.clientConfig(), transactionalId)) {
      return SimulationRunner.builder()
          .simulator(Simulators.limit(simulator, blocks))
          .sink(sink)
          .routing(EventRouting.withTopicNames(name -> prefix + name))
          .batchSize(2_000)
          .build()
          .run();
    }
  }

  /** Stablecoin (low intensity) and Bittensor simulators: ~50 h of event time gives every entity forecasts. */
  static Simulator stablecoin(long seed) {
    return SimulationDomain.STABLECOIN.create(seed, 0.1, OptionalLong.empty());
  }

  static Simulator bittensor(long seed) {
    return SimulationDomain.BITTENSOR.create(seed, 1.0, OptionalLong.empty());
  }

  /** The raw topics the job reads. */
  List<String> rawTopics() {
    return List.of(topic(TopicCatalogue.RAW_STABLECOIN), topic(TopicCatalogue.RAW_DEPIN),
        topic(TopicCatalogue.RAW_BITTENSOR));
  }

  /** A valid record of a type no raw topic carries. */
  static FeatureWindow sampleWindow() {
    return FeatureWindow.newBuilder().setFeatureId("f").setDomain(Domain.STABLECOIN).setEntity("USDC")
        .setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH.plusSeconds(3600)).setValues(Map.of())
        .setExactValues(Map.of()).setEventCount(0).setRetractedCount(0).setRevision(0).setFeatureSpec("test")
        .setComputedAt(Instant.EPOCH).build();
  }

  /** Raw bytes straight to a topic (malformed input). */
  void send(TopicSpec spec, String key, byte[] value) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
      producer.send(new ProducerRecord<>(topic(spec), key.getBytes(), value));
    }
  }

  /** Every committed record of a topic, decoded, in partition order; reads up to the end offsets of now. */
  <T extends SpecificRecord> List<T> readCommitted(TopicSpec spec, Class<T> type) throws Exception {
    List<T> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : readCommittedRaw(spec)) {
      records.add(AvroCodec.standard().decode(record.value(), type));
    }
    return records;
  }

  /**
   * Copies every committed record of a topic to the same topic under {@code to}'s prefix, partition by partition
   * (keys, values and event times unchanged); returns how many.
   */
  long copyCommitted(TopicSpec spec, PipelineFixture to) throws Exception {
    List<ConsumerRecord<byte[], byte[]>> records = readCommittedRaw(spec);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
      for (ConsumerRecord<byte[], byte[]> record : records) {
        producer.send(new ProducerRecord<>(to.topic(spec), record.partition(), record.timestamp(), record.key(),
            record.value()));
      }
      producer.flush();
    }
    return records.size();
  }

  /** Every committed record of a topic, undecoded, in partition order; reads up to the end offsets of now. */
  List<ConsumerRecord<byte[], byte[]>> readCommittedRaw(TopicSpec spec) {
    Properties props = kafka.clientConfig().toProperties();
    props.putAll(Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic(spec)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic(spec) + " to its end offsets " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  static ClickHouseHttpClient migrated(String url, String user, String password, String database) {
    ClickHouseHttpClient client = ClickHouseHttpClient.builder().url(url).user(user).password(password).build();
    client.execute("CREATE DATABASE IF NOT EXISTS " + database);
    MigrationRunner.builder().client(client).database(database).build().migrate();
    return client;
  }
}
