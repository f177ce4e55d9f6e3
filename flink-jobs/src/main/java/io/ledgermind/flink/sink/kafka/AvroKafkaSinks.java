package io.ledgermind.flink.sink.kafka;

import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka sinks of Avro records (single-object encoding, like every Ledgermind topic) with a catalogue key.
 *
 * <p>Exactly-once: records are written in a Kafka transaction per checkpoint and become visible to
 * {@code read_committed} consumers when the checkpoint completes; after a failure the job restores the last
 * checkpoint and the uncommitted transaction is aborted, so nothing is seen twice. The transaction timeout must stay
 * below the broker's {@code transaction.max.timeout.ms} (15 min by default; the connector's 1 h default is refused,
 * FLINK-35870) and above the checkpoint interval plus restart time.
 *
 * <p>Transaction names: the connector's default {@code INCREMENTING} strategy gives every checkpoint's transaction a
 * transactional id of its own ({@code prefix-subtask-checkpoint}), so a transaction never starts on an id whose
 * previous transaction the coordinator is still completing. That is what makes ingest's long-lived
 * {@code TransactionalPublisher} log {@code CONCURRENT_TRANSACTIONS} / {@code OUT_OF_ORDER_SEQUENCE_NUMBER} retries
 * unless it waits (see its README); these sinks showed none, even against a broker with its own retry of that error
 * switched off. The price is one transactional id per checkpoint, subtask and sink kept by the broker for
 * {@code transactional.id.expiration.ms} (7 days): the {@code POOLING} strategy would reuse ids, and would then need
 * the same care before reusing one whose commit is still completing.
 */
public final class AvroKafkaSinks {
  /** Below the broker maximum of 15 minutes. */
  public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

  private AvroKafkaSinks() {}

  /** The key of a record as the topic catalogue names it. */
  @FunctionalInterface
  public interface KeyFunction<T> extends Function<T, String>, Serializable {}

  public static <T extends SpecificRecord> KafkaSink<T> exactlyOnce(KafkaClientConfig kafka, String topic,
      KeyFunction<T> key, String transactionalIdPrefix) {
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(kafka.toProperties())
        .setBootstrapServers(kafka.bootstrap())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()))
        .setProperty(ProducerConfig.LINGER_MS_CONFIG, "5")
        .setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .setRecordSerializer(new AvroRecordSerializer<>(topic, key))
        .build();
  }

  /** Topic, key and single-object encoded value. */
  static final class AvroRecordSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final KeyFunction<T> key;

    AvroRecordSerializer(String topic, KeyFunction<T> key) {
      this.topic = topic;
      this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
      // The record carries its own event time (window end, issue time). The Kafka timestamp is left to the producer
      // (append time): an element timestamp can lie in the future (a window fired early by the end-of-input or drain
      // watermark; the broker refuses more than an hour ahead) or far in the past (a backfill, which time-based
      // retention would then delete at once).
      return new ProducerRecord<>(topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8),
          AvroCodec.standard().encode(element));
    }
  }
}
