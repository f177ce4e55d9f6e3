package io.ledgermind.oracle.transmit;

import io.ledgermind.oracle.kafka.KafkaClients;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.serde.Decoded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The requests of the topic's recent past, below a consumer group's position: what a restarted signer re-reads at
 * start, and therefore what the transmitter must know to apply the signers' "first request of a window wins" rule
 * to exactly the same requests.
 */
final class RequestHistory {
  private RequestHistory() {}

  /**
   * Requests written in the last {@code lookback} (by record time) below {@code until} (per partition), in each
   * partition's order.
   */
  static List<OracleRequest> read(io.ledgermind.schemas.kafka.KafkaClientConfig kafka, String groupId, String topic, Map<TopicPartition, Long> until,
      Duration lookback) {
    List<OracleRequest> out = new ArrayList<>();
    if (until.isEmpty()) {
      return out;
    }
    try (KafkaConsumer<String, Decoded> history = KafkaClients.assignedConsumer(kafka, groupId + "-history",
        false, List.of(topic))) {
      long since = System.currentTimeMillis() - lookback.toMillis();
      Map<TopicPartition, Long> query = new HashMap<>();
      until.keySet().forEach(tp -> query.put(tp, since));
      history.assign(until.keySet());
      history.offsetsForTimes(query).forEach((tp, found) ->
          history.seek(tp, found != null ? Math.min(found.offset(), until.get(tp)) : until.get(tp)));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (until.entrySet().stream().anyMatch(e -> history.position(e.getKey()) < e.getValue())
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Decoded> r : history.poll(Duration.ofMillis(100))) {
          if (r.offset() < until.get(new TopicPartition(r.topic(), r.partition())) && r.value().isSuccess()
              && r.value().record() instanceof OracleRequest request) {
            out.add(request);
          }
        }
      }
    }
    return out;
  }
}
