package io.ledgermind.ingest.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** {@link EventSink} on a {@link TransactionalPublisher}: each batch is one Kafka transaction. */
public final class KafkaEventSink implements EventSink {
  private final TransactionalPublisher publisher;

  public KafkaEventSink(TransactionalPublisher publisher) {
    this.publisher = publisher;
  }

  /** A sink with its own transactional id (stable per logical writer, so a restart fences its predecessor). */
  public static KafkaEventSink create(io.ledgermind.schemas.kafka.KafkaClientConfig kafka, String transactionalId) {
    return new KafkaEventSink(TransactionalPublisher.builder().kafka(kafka)
        .transactionalId(transactionalId).property("linger.ms", "5").property("compression.type", "lz4").build());
  }

  @Override
  public void publish(List<ProducerRecord<byte[], byte[]>> batch) {
    publisher.publish(batch);
  }

  @Override
  public void close() {
    publisher.close();
  }
}
