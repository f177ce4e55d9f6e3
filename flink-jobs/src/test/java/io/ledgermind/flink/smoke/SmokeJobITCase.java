package io.ledgermind.flink.smoke;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.flink.sink.clickhouse.ClickHouseSink;
import io.ledgermind.flink.sink.clickhouse.DeadLetterRows;
import io.ledgermind.flink.source.RawKafkaSources;
import io.ledgermind.flink.testutils.FlinkTestEnvironments;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.smoke.SmokeEvent;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka → Flink MiniCluster → ClickHouse, with malformed input dead-lettered and every record accounted for. */
class SmokeJobITCase {
  private static final int GOOD = 300;
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestEnvironments.miniCluster();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @Test
  void writesGoodEventsToClickHouseAndDeadLettersTheRest() throws Exception {
    String topic = KAFKA.createTopic("smoke", 2);
    AvroCodec codec = AvroCodec.standard();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
      for (int i = 0; i < GOOD; i++) {
        SmokeEvent event = SmokeEvent.newBuilder()
            .setEventId("e-" + i).setSequence(i).setEventTime(T0.plusSeconds(i))
            .setAmount(i == 0 ? "115792089237316195423570985008687907853269984665640564039457584007913129639935"
                : Integer.toString(i * 1_000_000))
            .setNote("n" + i).build();
        producer.send(new ProducerRecord<>(topic, ("e-" + i).getBytes(UTF_8), codec.encode(event)));
      }
      producer.send(new ProducerRecord<>(topic, "garbage".getBytes(UTF_8), "not avro at all".getBytes(UTF_8)));
      byte[] truncated = codec.encode(SmokeEvent.newBuilder()
          .setEventId("cut").setSequence(-1).setEventTime(T0).setAmount("5").build());
      producer.send(new ProducerRecord<>(topic, "cut".getBytes(UTF_8),
          java.util.Arrays.copyOf(truncated, truncated.length - 2)));
    }

    ClickHouseHttpClient client = ClickHouseHttpClient.builder()
        .url(CLICKHOUSE.url()).user(CLICKHOUSE.user()).password(CLICKHOUSE.password()).build();
    MigrationRunner.builder().client(client).database(CLICKHOUSE.database()).build().migrate();
    SmokeTables tables = new SmokeTables(CLICKHOUSE.database());
    tables.create(client);
    new SmokeJob(
            RawKafkaSources.bounded(KAFKA.clientConfig(), topic, topic + "-job"),
            ClickHouseSink.<SmokeEvent>builder().client(client).table(tables.events())
                .encoder(SmokeTables.eventEncoder()).maxBatchRows(100).build(),
            ClickHouseSink.<DeadLetter>builder().client(client).table(DeadLetterRows.table(CLICKHOUSE.database()))
                .encoder(DeadLetterRows.encoder()).build())
        .execute(FlinkTestEnvironments.environment(Duration.ofMillis(500)));

    String events = tables.events().qualifiedName();
    assertThat(client.query("SELECT count(), uniqExact(event_id) FROM " + events + " FINAL")).isEqualTo(GOOD + "\t" + GOOD);
    assertThat(client.query("SELECT amount FROM " + events + " FINAL WHERE event_id = 'e-0'"))
        .isEqualTo("115792089237316195423570985008687907853269984665640564039457584007913129639935");
    assertThat(client.query("SELECT toString(event_time) FROM " + events + " FINAL WHERE event_id = 'e-61'"))
        .isEqualTo("2026-11-25 00:01:01");
    String deadLetters = DeadLetterRows.table(CLICKHOUSE.database()).qualifiedName();
    assertThat(client.query("SELECT count() FROM " + deadLetters + " FINAL")).isEqualTo("2");
    assertThat(client.query("SELECT processor, key FROM " + deadLetters + " FINAL WHERE error_type = 'BAD_HEADER'"))
        .isEqualTo("smoke-job\tgarbage");
    assertThat(client.query("SELECT error_type, source_topic FROM " + deadLetters + " WHERE original = 'not avro at all'"))
        .isEqualTo("BAD_HEADER\t" + topic);
    assertThat(client.query("SELECT error_type FROM " + deadLetters + " WHERE error_type != 'BAD_HEADER'"))
        .isEqualTo("TRUNCATED");
  }
}
