package io.ledgermind.cli;

import io.ledgermind.schemas.serde.Decoded;
import io.ledgermind.schemas.serde.kafka.AvroKafkaDeserializer;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a run wrote to a topic: its committed records of one type between offsets recorded before and the end. */
final class TopicRange {
  private TopicRange() {}

  /** End offsets of every partition of {@code topic}: where a later {@link #read} starts. */
  static Map<TopicPartition, Long> endOffsets(KafkaClientConfig kafka, String topic) {
    try (KafkaConsumer<String, Decoded> consumer = consumer(kafka)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  /** The {@code type} records (read_committed) from {@code from} up to the partitions' current end, in order. */
  static <T> List<T> read(KafkaClientConfig kafka, Map<TopicPartition, Long> from, Class<T> type) {
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<String, Decoded> consumer = consumer(kafka)) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + from.keySet() + " to its end within 60 s");
        }
        for (ConsumerRecord<String, Decoded> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value().isSuccess() && type.isInstance(r.value().record())) {
            out.add(type.cast(r.value().record()));
          }
        }
      }
    }
    return out;
  }

  private static KafkaConsumer<String, Decoded> consumer(KafkaClientConfig kafka) {
    Properties p = kafka.toProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
