package io.ledgermind.cli;

import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.serde.Decoded;
import io.ledgermind.schemas.serde.kafka.AvroKafkaDeserializer;
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

/** The oracle requests one run's job committed: from the offsets recorded before the job to the end of the topic. */
final class OracleRequestsOfRun {
  private OracleRequestsOfRun() {}

  static List<OracleRequest> read(String bootstrap, Map<TopicPartition, Long> start) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
    List<OracleRequest> out = new ArrayList<>();
    try (KafkaConsumer<String, Decoded> consumer = new KafkaConsumer<>(p)) {
      consumer.assign(start.keySet());
      start.forEach(consumer::seek);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(start.keySet()));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the run's oracle requests within 60 s");
        }
        for (ConsumerRecord<String, Decoded> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value().isSuccess() && r.value().record() instanceof OracleRequest request) {
            out.add(request);
          }
        }
      }
    }
    return out;
  }
}
