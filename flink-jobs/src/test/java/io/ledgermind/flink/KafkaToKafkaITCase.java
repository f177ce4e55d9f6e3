package io.ledgermind.flink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.flink.testutils.FlinkTestEnvironments;
import io.ledgermind.testing.KafkaExtension;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real Flink MiniCluster job reading one topic of the local broker and writing another exactly-once. */
class KafkaToKafkaITCase {
  private static final int RECORDS = 500;

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestEnvironments.miniCluster();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @Test
  void copiesEveryRecordExactlyOnceThroughTransactions() throws Exception {
    String input = KAFKA.createTopic("in", 2);
    String output = KAFKA.createTopic("out", 2);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(input, ("k" + i).getBytes(UTF_8), ("event-" + i).getBytes(UTF_8)));
      }
    }

    StreamExecutionEnvironment env = FlinkTestEnvironments.environment(Duration.ofMillis(300));
    KafkaSource<String> source =
        KafkaSource.<String>builder()
            .setBootstrapServers(KAFKA.bootstrapServers())
            .setProperties(KAFKA.clientConfig().toProperties())
            .setTopics(input)
            .setGroupId(input + "-job")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setValueOnlyDeserializer(new SimpleStringSchema())
            .build();
    KafkaSink<String> sink =
        KafkaSink.<String>builder()
            .setKafkaProducerConfig(KAFKA.clientConfig().toProperties())
            .setBootstrapServers(KAFKA.bootstrapServers())
            .setRecordSerializer(
                KafkaRecordSerializationSchema.builder()
                    .setTopic(output)
                    .setValueSerializationSchema(new SimpleStringSchema())
                    .build())
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(output)
            // The default (1 h) exceeds the broker's transaction.max.timeout.ms (15 min).
            .setProperty("transaction.timeout.ms", "60000")
            .build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka: in")
        .map(String::toUpperCase)
        .name("upper-case")
        .sinkTo(sink)
        .name("kafka: out");
    env.execute("kafka-to-kafka");

    List<String> copied = KAFKA.readAllValues(output, "read_committed", RECORDS, Duration.ofSeconds(30));
    assertThat(copied).hasSize(RECORDS).doesNotHaveDuplicates().allMatch(v -> v.startsWith("EVENT-"));
    assertThat(copied).contains("EVENT-0", "EVENT-" + (RECORDS - 1));
  }
}
