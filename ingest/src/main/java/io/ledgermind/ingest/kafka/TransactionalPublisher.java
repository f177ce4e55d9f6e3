package io.ledgermind.ingest.kafka;

import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes batches of records to Kafka atomically: a batch is visible to {@code read_committed} consumers either
 * whole or not at all. Ingest readers use it to commit produced events together with their checkpoint record, so a
 * restart neither loses nor duplicates events.
 *
 * <pre>{@code
 * try (TransactionalPublisher publisher = TransactionalPublisher.builder()
 *     .bootstrapServers("127.0.0.1:19092")
 *     .transactionalId("ingest-evm-1")
 *     .build()) {
 *   publisher.publish(List.of(new ProducerRecord<>(topic, key, value)));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one publisher per reader thread, each with its own transactional id.
 */
public final class TransactionalPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  private TransactionalPublisher(Properties props) {
    this.producer = new KafkaProducer<>(props);
    producer.initTransactions();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends all records in one transaction and commits it.
   *
   * @throws KafkaException when the transaction was aborted; nothing of the batch is visible then
   */
  public void publish(List<ProducerRecord<byte[], byte[]>> batch) {
    producer.beginTransaction();
    try {
      for (ProducerRecord<byte[], byte[]> record : batch) {
        producer.send(record);
      }
      producer.commitTransaction();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      // Fatal for this producer instance: another instance with our transactional id took over, or we may not
      // write. Aborting is not allowed here; the caller must close and stop.
      throw e;
    } catch (KafkaException e) {
      producer.abortTransaction();
      throw e;
    }
  }

  /** Starts a transaction and aborts it after sending: used to prove aborted data stays invisible. */
  void publishAndAbort(List<ProducerRecord<byte[], byte[]>> batch) {
    producer.beginTransaction();
    for (ProducerRecord<byte[], byte[]> record : batch) {
      producer.send(record);
    }
    producer.flush();
    producer.abortTransaction();
  }

  @Override
  public void close() {
    producer.close();
  }

  /** Builder for {@link TransactionalPublisher}. */
  public static final class Builder {
    private String bootstrapServers;
    private String transactionalId;
    private int transactionTimeoutMs = 60_000;
    private final Properties extra = new Properties();

    private Builder() {}

    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** Stable per logical writer: a restarted writer with the same id fences its zombie predecessor. */
    public Builder transactionalId(String transactionalId) {
      this.transactionalId = transactionalId;
      return this;
    }

    /** Must not exceed the broker's {@code transaction.max.timeout.ms} (15 min on the local stack). */
    public Builder transactionTimeoutMs(int transactionTimeoutMs) {
      this.transactionTimeoutMs = transactionTimeoutMs;
      return this;
    }

    public Builder property(String key, String value) {
      extra.setProperty(key, value);
      return this;
    }

    public TransactionalPublisher build() {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(transactionalId, "transactionalId");
      Properties props = new Properties();
      props.putAll(extra);
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      return new TransactionalPublisher(props);
    }
  }
}
