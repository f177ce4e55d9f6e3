package io.ledgermind.ingest.evm;

import io.ledgermind.schemas.ops.ReaderCheckpoint;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DecodeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a reader's last committed checkpoint from the compacted checkpoints topic. Only committed records count
 * (read_committed): a checkpoint is committed in the same transaction as the events it covers, so the two always
 * agree.
 */
final class CheckpointStore {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private CheckpointStore() {}

  static Optional<ReaderCheckpoint> load(io.ledgermind.schemas.kafka.KafkaClientConfig kafka, String topic,
      String readerId) throws DecodeException {
    java.util.Properties props = kafka.toProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    byte[] wanted = readerId.getBytes(StandardCharsets.UTF_8);
    byte[] latest = null;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("checkpoint topic " + topic + " does not exist: ledgermind topics create");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Under read_committed the end offsets are the last stable offsets: read up to them and stop.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read checkpoint topic " + topic + " to its end in " + TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (java.util.Arrays.equals(record.key(), wanted) && record.value() != null) {
            latest = record.value();
          }
        }
      }
    }
    return latest == null ? Optional.empty() : Optional.of(AvroCodec.standard().decode(latest, ReaderCheckpoint.class));
  }
}
