package io.ledgermind.cli.topics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.smoke.SmokeEvent;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import io.ledgermind.testing.KafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** The catalogue applied to the real broker, twice and after drift; and tail on real records. */
class TopicsITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String PREFIX = "it" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24) + ".";
  private static final List<String> CREATED = new ArrayList<>();

  @AfterAll
  static void deleteCatalogueTopics() throws Exception {
    if (!CREATED.isEmpty()) {
      KAFKA.admin().deleteTopics(CREATED).all().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void createsTheWholeCatalogueOnceAndRepairsDrift() throws Exception {
    List<TopicSpec> specs = TopicCatalogue.ALL.stream().map(t -> t.withName(PREFIX + t.name())).toList();
    specs.forEach(s -> CREATED.add(s.name()));
    TopicAdmin admin = new TopicAdmin(KAFKA.admin(), (short) 1);

    List<TopicAdmin.Change> first = admin.ensure(specs);
    assertThat(first).hasSize(specs.size()).allMatch(c -> c.action().equals("created"));
    assertThat(admin.ensure(specs)).as("second run changes nothing").isEmpty();

    String raw = PREFIX + TopicCatalogue.RAW_STABLECOIN.name();
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, raw);
    KAFKA.admin().incrementalAlterConfigs(Map.of(resource, List.of(
        new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET))))
        .all().get(30, TimeUnit.SECONDS);
    // KRaft applies a config change asynchronously: wait until the broker reports the drift we made.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"1000".equals(config(resource, "retention.ms")) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(admin.ensure(specs)).singleElement().satisfies(c -> {
      assertThat(c.topic()).isEqualTo(raw);
      assertThat(c.action()).isEqualTo("retention.ms set");
      assertThat(c.detail()).isEqualTo("1000 -> " + 30L * 24 * 3600 * 1000);
    });
    String compacted = PREFIX + TopicCatalogue.INGEST_CHECKPOINTS.name();
    assertThat(config(new ConfigResource(ConfigResource.Type.TOPIC, compacted), "cleanup.policy")).isEqualTo("compact");
    assertThat(KAFKA.admin().describeTopics(Set.of(raw)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(raw).partitions()).hasSize(6);
  }

  private static String config(ConfigResource resource, String key) throws Exception {
    return KAFKA.admin().describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS)
        .get(resource).get(key).value();
  }

  @Test
  void tailPrintsDecodedRecordsAndUndecodableOnesAsJsonLines() throws Exception {
    String topic = KAFKA.createTopic("tail", 1);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
      SmokeEvent event = SmokeEvent.newBuilder().setEventId("e1").setSequence(1)
          .setEventTime(Instant.parse("2026-11-25T10:00:00Z"))
          .setAmount("115792089237316195423570985008687907853269984665640564039457584007913129639935")
          .setNote("ünï").build();
      producer.send(new ProducerRecord<>(topic, "e1".getBytes(UTF_8), AvroCodec.standard().encode(event)));
      producer.send(new ProducerRecord<>(topic, "bad".getBytes(UTF_8), "garbage".getBytes(UTF_8)));
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    TopicsCommand.Tail tail = new TopicsCommand.Tail();
    tail.out = new PrintStream(buffer, true, UTF_8);
    int exit = new CommandLine(tail).execute("--kafka-config", KAFKA.clientConfigFile().toString(), "--from-beginning",
        "--max-records", "2", "--idle-timeout", "20", topic);

    assertThat(exit).isZero();
    List<String> lines = buffer.toString(UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode good = RecordJson.MAPPER.readTree(lines.get(0));
    assertThat(good.get("type").asText()).isEqualTo("io.ledgermind.schemas.smoke.SmokeEvent");
    assertThat(good.at("/value/amount").asText())
        .isEqualTo("115792089237316195423570985008687907853269984665640564039457584007913129639935");
    assertThat(good.at("/value/eventTime").asText()).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(good.at("/value/note").asText()).isEqualTo("ünï");
    JsonNode bad = RecordJson.MAPPER.readTree(lines.get(1));
    assertThat(bad.at("/error/reason").asText()).isEqualTo("BAD_HEADER");
    assertThat(bad.get("key").asText()).isEqualTo("bad");
  }
}
