package io.ledgermind.flink.source;

import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.util.List;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Kafka sources of {@link RawKafkaRecord}s with the settings every Ledgermind job wants. */
public final class RawKafkaSources {
  private RawKafkaSources() {}

  /**
   * Reads {@code topic} from the earliest offset up to the offsets that are latest when the job starts, then
   * finishes. Only committed records are read ({@code read_committed}): ingest writes transactionally.
   */
  public static KafkaSource<RawKafkaRecord> bounded(KafkaClientConfig kafka, String topic, String groupId) {
    return bounded(kafka, topic, groupId, OffsetsInitializer.earliest());
  }

  /** As {@link #bounded(KafkaClientConfig, String, String)}, starting where {@code start} says (e.g. given offsets). */
  public static KafkaSource<RawKafkaRecord> bounded(
      KafkaClientConfig kafka, String topic, String groupId, OffsetsInitializer start) {
    return bounded(kafka, List.of(topic), groupId, start);
  }

  /**
   * Reads {@code topics} from {@code start} and keeps reading (the intelligence job). Only committed records are read
   * ({@code read_committed}); partitions added later are discovered every minute.
   */
  public static KafkaSource<RawKafkaRecord> unbounded(KafkaClientConfig kafka, List<String> topics,
      String groupId, OffsetsInitializer start) {
    return builder(kafka, topics, groupId, start)
        .setProperty("partition.discovery.interval.ms", "60000")
        .build();
  }

  /** As {@link #unbounded}, but stops at the offsets that are latest when the job starts. */
  public static KafkaSource<RawKafkaRecord> bounded(KafkaClientConfig kafka, List<String> topics,
      String groupId, OffsetsInitializer start) {
    return builder(kafka, topics, groupId, start)
        .setBounded(OffsetsInitializer.latest())
        .build();
  }

  private static KafkaSourceBuilder<RawKafkaRecord> builder(KafkaClientConfig kafka, List<String> topics,
      String groupId, OffsetsInitializer start) {
    return KafkaSource.<RawKafkaRecord>builder()
        .setProperties(kafka.toProperties())
        .setBootstrapServers(kafka.bootstrap())
        .setTopics(topics)
        .setGroupId(groupId)
        .setStartingOffsets(start)
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .setDeserializer(new RawKafkaRecordDeserializer());
  }
}
