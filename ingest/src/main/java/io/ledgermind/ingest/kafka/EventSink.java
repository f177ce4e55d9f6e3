package io.ledgermind.ingest.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where ingest writes: batches that become visible all at once or not at all. The Kafka implementation is
 * {@link KafkaEventSink}; tests and benchmarks may collect instead.
 */
public interface EventSink extends AutoCloseable {
  /** Publishes one batch atomically (one Kafka transaction). */
  void publish(List<ProducerRecord<byte[], byte[]>> batch);

  @Override
  void close();
}
