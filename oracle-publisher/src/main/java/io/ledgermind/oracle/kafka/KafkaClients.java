package io.ledgermind.oracle.kafka;

import io.ledgermind.schemas.serde.kafka.AvroKafkaDeserializer;
import io.ledgermind.schemas.serde.kafka.AvroKafkaSerializer;
import java.util.ArrayList;
import java.util.List;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.ledgermind.schemas.serde.Decoded;
import org.apache.avro.specific.SpecificRecord;

/** Kafka clients of the oracle processes: Avro single-object values, string keys. */
public final class KafkaClients {
  private KafkaClients() {}

  public static KafkaProducer<String, SpecificRecord> producer(KafkaClientConfig kafka, String clientId) {
    Properties p = kafka.toProperties();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  /**
   * A consumer that is assigned every partition of {@code topics} directly (no group membership, so a restarted
   * process resumes at once from the group's committed offsets instead of waiting out a session timeout).
   */
  public static KafkaConsumer<String, Decoded> assignedConsumer(KafkaClientConfig kafka, String groupId,
      boolean autoCommit, List<String> topics) {
    Properties p = kafka.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, Boolean.toString(autoCommit));
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
    KafkaConsumer<String, Decoded> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, java.time.Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        consumer.close();
        throw new IllegalStateException("topic " + topic + " does not exist (ledgermind topics create)");
      }
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    consumer.assign(partitions);
    return consumer;
  }
}
