package io.ledgermind.ingest.kafka;

import java.time.Duration;
import java.util.List;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
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
 *     .kafka(KafkaClientConfig.of("127.0.0.1:19092"))
 *     .transactionalId("ingest-evm-1")
 *     .build()) {
 *   publisher.publish(List.of(new ProducerRecord<>(topic, key, value)));
 * }
 * }</pre>
 *
 * <p>Back-to-back transactions: a batch does not start before the coordinator has completed the previous one
 * ({@link TransactionCompletion}: otherwise, on Kafka 4's transaction protocol, the first produce requests of the new
 * transaction can be refused with {@code CONCURRENT_TRANSACTIONS} and the retries log bursts of
 * {@code CONCURRENT_TRANSACTIONS} / {@code OUT_OF_ORDER_SEQUENCE_NUMBER} warnings). The wait is usually one
 * round trip; callers should still batch generously (thousands of records per transaction), because every
 * transaction costs a commit round trip plus a marker per partition.
 *
 * <p>Not thread-safe: one publisher per reader thread, each with its own transactional id.
 */
public final class TransactionalPublisher implements AutoCloseable {
  /** Longest wait for the previous transaction to complete; afterwards the producer's own retries take over. */
  static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(30);
  private final KafkaProducer<byte[], byte[]> producer;
  private final TransactionCompletion previous;
  private boolean previousMayBeCompleting;

  private TransactionalPublisher(Properties props, TransactionCompletion previous) {
    this.previous = previous;
    try {
      this.producer = new KafkaProducer<>(props);
      producer.initTransactions();
    } catch (RuntimeException e) {
      previous.close();
      throw e;
    }
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
    beginAfterPrevious();
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
    beginAfterPrevious();
    for (ProducerRecord<byte[], byte[]> record : batch) {
      producer.send(record);
    }
    producer.flush();
    producer.abortTransaction();
  }

  /**
   * Begins a transaction once the previous one (commit or abort) is complete on the coordinator. The flag is set
   * before the transaction ends, so a failed commit or abort is waited for as well.
   */
  private void beginAfterPrevious() {
    if (previousMayBeCompleting) {
      try {
        previous.awaitCompleted();
      } catch (InterruptedException e) {
        throw new InterruptException(e);
      }
    }
    producer.beginTransaction();
    previousMayBeCompleting = true;
  }

  /** Records the producer had to send again so far (its {@code record-retry-total} metric). */
  double recordRetries() {
    return producer.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals("record-retry-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  @Override
  public void close() {
    try {
      producer.close();
    } finally {
      previous.close();
    }
  }

  /** Builder for {@link TransactionalPublisher}. */
  public static final class Builder {
    private KafkaClientConfig kafka;
    private String transactionalId;
    private int transactionTimeoutMs = 60_000;
    private final Properties extra = new Properties();

    private Builder() {}

    /** Bootstrap servers and security settings (a secured cluster needs only its client properties). */
    public Builder kafka(KafkaClientConfig kafka) {
      this.kafka = kafka;
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
      Objects.requireNonNull(kafka, "kafka");
      Objects.requireNonNull(transactionalId, "transactionalId");
      Properties props = kafka.toProperties();
      props.putAll(extra);
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      return new TransactionalPublisher(props,
          TransactionCompletion.forCluster(adminProperties(), transactionalId, COMPLETION_TIMEOUT));
    }

    /** The producer's connection settings (bootstrap, security) for the Admin client that reads the state. */
    private Properties adminProperties() {
      Properties admin = kafka.toProperties();
      for (String key : extra.stringPropertyNames()) {
        if (AdminClientConfig.configNames().contains(key) && !key.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
          admin.put(key, extra.get(key));
        }
      }
      return admin;
    }
  }
}
