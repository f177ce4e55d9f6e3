package io.ledgermind.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.testing.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code ingest simulate} end to end on the stack's broker, as a user would run it. */
class SimulateCommandITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @Test
  void simulateCommandPublishesCommittedDepinEvents() throws Exception {
    String prefix = KAFKA.uniquePrefix();
    String topic = KAFKA.createTopicNamed(prefix + TopicCatalogue.RAW_DEPIN.name(), 3);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = new CommandLine(new IngestCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("simulate", "--domain", "depin", "--seed", "3", "--events", "500", "--batch-size", "120",
            "--kafka-config", KAFKA.clientConfigFile().toString(), "--topic-prefix", prefix,
            "--transactional-id", prefix + "cli");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("500 events").contains("5 transactions").contains(topic);
    List<ConsumerRecord<byte[], byte[]>> read = KAFKA.readAll(topic, "read_committed", 500, Duration.ofSeconds(60));
    assertThat(read).hasSize(500);
    for (ConsumerRecord<byte[], byte[]> record : read) {
      DepinUsageEvent event = AvroCodec.standard().decode(record.value(), DepinUsageEvent.class);
      assertThat(event.getMeta().getSource()).matches("simulator:depin-(render|akash):seed=3");
    }
  }
}
