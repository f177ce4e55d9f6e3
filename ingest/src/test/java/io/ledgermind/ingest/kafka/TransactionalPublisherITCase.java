package io.ledgermind.ingest.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.KafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactions on the real broker of the local stack: committed batches are seen whole, aborted ones never. */
class TransactionalPublisherITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @Test
  void readCommittedConsumerSeesCommittedBatchesOnlyAndInOrder() {
    String topic = KAFKA.createTopic("tx", 1);
    try (TransactionalPublisher publisher =
        TransactionalPublisher.builder()
            .bootstrapServers(KAFKA.bootstrapServers())
            .transactionalId(topic + "-writer")
            .build()) {
      publisher.publish(batch(topic, "committed-a", 50));
      publisher.publishAndAbort(batch(topic, "aborted", 30));
      publisher.publish(batch(topic, "committed-b", 20));
    }

    List<String> committed = KAFKA.readAllValues(topic, "read_committed", 70, Duration.ofSeconds(30));
    assertThat(committed).hasSize(70);
    assertThat(committed.subList(0, 50)).allMatch(v -> v.startsWith("committed-a-"));
    assertThat(committed.subList(50, 70)).allMatch(v -> v.startsWith("committed-b-"));
    assertThat(committed.get(49)).isEqualTo("committed-a-49");

    // A read_uncommitted consumer does see the aborted records: proof that they really reached the log.
    List<String> everything = KAFKA.readAllValues(topic, "read_uncommitted", 100, Duration.ofSeconds(30));
    assertThat(everything).filteredOn(v -> v.startsWith("aborted-")).hasSize(30);
  }

  private static List<ProducerRecord<byte[], byte[]>> batch(String topic, String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new ProducerRecord<>(topic, ("k" + i).getBytes(UTF_8), (prefix + "-" + i).getBytes(UTF_8)))
        .toList();
  }
}
