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
            .kafka(KAFKA.clientConfig())
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

  /**
   * Back-to-back transactions over many partitions: each waits until the coordinator completed the previous one, so
   * no produce request meets it still writing markers ({@code CONCURRENT_TRANSACTIONS}, then
   * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} for the batches behind it), which the producer retries with a WARN each.
   * Without the wait the warnings appeared in two of three 64-partition loops on the 2-core box, and this test
   * failed (6,080 records retried) against a broker with its own retry of the error off
   * ({@code add.partitions.to.txn.retry.backoff.max.ms=0}).
   */
  @Test
  void backToBackTransactionsNeedNoProduceRetries() {
    int partitions = 32;
    String topic = KAFKA.createTopic("tx-many", partitions);
    try (TransactionalPublisher publisher =
        TransactionalPublisher.builder()
            .kafka(KAFKA.clientConfig())
            .transactionalId(topic + "-writer")
            .property("linger.ms", "5")
            .build()) {
      // The first transaction also waits for the new topic's metadata, which may cost a retry of its own.
      publisher.publish(batch(topic, "warm-up", partitions));
      double retriesBefore = publisher.recordRetries();
      for (int t = 0; t < 60; t++) {
        publisher.publish(batch(topic, "t" + t, partitions * 10));
      }
      assertThat(publisher.recordRetries() - retriesBefore).as("records the producer had to send again").isZero();
    }
    assertThat(KAFKA.readAll(topic, "read_committed", partitions * 601, Duration.ofSeconds(60)))
        .hasSize(partitions * 601);
  }

  private static List<ProducerRecord<byte[], byte[]>> batch(String topic, String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new ProducerRecord<>(topic, ("k" + i).getBytes(UTF_8), (prefix + "-" + i).getBytes(UTF_8)))
        .toList();
  }
}
