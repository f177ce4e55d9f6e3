package io.ledgermind.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.ingest.kafka.KafkaEventSink;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DecodeException;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import io.ledgermind.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runner on the stack's real broker: exactly the simulated records, committed, on their topics and keys. */
class SimulationRunnerITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final List<TopicSpec> RAW = List.of(TopicCatalogue.RAW_STABLECOIN, TopicCatalogue.RAW_DEPIN,
      TopicCatalogue.RAW_BITTENSOR);

  @Test
  void publishesExactlyTheSimulatedRecordsReadCommitted() throws Exception {
    String prefix = KAFKA.uniquePrefix();
    EventRouting routing = EventRouting.withTopicNames(name -> prefix + name);
    RAW.forEach(spec -> KAFKA.createTopicNamed(routing.topic(spec), spec.partitions()));

    RunSummary summary;
    try (KafkaEventSink sink = KafkaEventSink.create(KAFKA.clientConfig(), prefix + "simulator")) {
      summary = SimulationRunner.builder()
          .simulator(SimulationDomain.ALL.create(42, 1.0, OptionalLong.of(400)))
          .sink(sink).routing(routing).batchSize(500).build().run();
    }

    // The same seed, simulated again, is the expectation: record by record, per topic and key.
    Map<String, List<ProducerRecord<byte[], byte[]>>> expected = new LinkedHashMap<>();
    Simulator again = SimulationDomain.ALL.create(42, 1.0, OptionalLong.of(400));
    while (again.hasNext()) {
      again.next().events().forEach(e -> {
        ProducerRecord<byte[], byte[]> record = routing.route(e);
        expected.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
      });
    }
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(RAW.stream().map(routing::topic).toList());
    assertThat(summary.events()).isEqualTo(expected.values().stream().mapToLong(List::size).sum());
    assertThat(summary.transactions()).isGreaterThan(1);

    AvroCodec codec = AvroCodec.standard();
    for (Map.Entry<String, List<ProducerRecord<byte[], byte[]>>> topic : expected.entrySet()) {
      List<ConsumerRecord<byte[], byte[]>> read = KAFKA.readAll(topic.getKey(), "read_committed",
          topic.getValue().size(), Duration.ofSeconds(60));
      assertThat(read).as(topic.getKey()).hasSameSizeAs(topic.getValue());
      // Kafka orders per partition, i.e. per key: compare the sequence of every key.
      Map<String, List<SpecificRecord>> readByKey = byKey(read.stream()
          .map(r -> Map.entry(key(r.key()), decode(codec, r.value()))).toList());
      Map<String, List<SpecificRecord>> expectedByKey = byKey(topic.getValue().stream()
          .map(r -> Map.entry(key(r.key()), decode(codec, r.value()))).toList());
      assertThat(readByKey).as(topic.getKey()).isEqualTo(expectedByKey);
    }
  }

  private static Map<String, List<SpecificRecord>> byKey(List<Map.Entry<String, SpecificRecord>> records) {
    Map<String, List<SpecificRecord>> out = new LinkedHashMap<>();
    records.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  private static String key(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }

  private static SpecificRecord decode(AvroCodec codec, byte[] value) {
    try {
      return codec.decode(value);
    } catch (DecodeException e) {
      throw new AssertionError("undecodable record on the topic: " + e.getMessage(), e);
    }
  }
}
