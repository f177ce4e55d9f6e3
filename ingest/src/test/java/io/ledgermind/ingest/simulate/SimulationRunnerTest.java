package io.ledgermind.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.ingest.kafka.EventSink;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DecodeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Batching, limits, routing, pacing and progress of the runner, against a collecting sink. */
class SimulationRunnerTest {
  private static final EventRouting ROUTING = EventRouting.withTopicNames(n -> "t." + n);

  @Test
  void publishesEveryEventOnceInOrderInBatchesOfAtMostBatchSize() throws Exception {
    CollectingSink sink = new CollectingSink();
    RunSummary summary = SimulationRunner.builder()
        .simulator(SimulationDomain.ALL.create(42, 1.0, OptionalLong.of(400)))
        .sink(sink).routing(ROUTING).batchSize(250).build().run();

    List<ProducerRecord<byte[], byte[]>> expected = routedEvents(SimulationDomain.ALL.create(42, 1.0,
        OptionalLong.of(400)));
    List<ProducerRecord<byte[], byte[]>> published = sink.batches.stream().flatMap(List::stream).toList();
    assertThat(published).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(published.get(i).topic()).isEqualTo(expected.get(i).topic());
      assertThat(published.get(i).key()).isEqualTo(expected.get(i).key());
      assertThat(published.get(i).value()).isEqualTo(expected.get(i).value());
    }
    assertThat(sink.batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 250));
    assertThat(summary.transactions()).isEqualTo(sink.batches.size()).isEqualTo((expected.size() + 249) / 250);
    assertThat(summary.events()).isEqualTo(expected.size());
    assertThat(summary.blocks()).isEqualTo(4 * 400);
    assertThat(summary.eventsByTopic().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expected.size());
  }

  @Test
  void routesEachRecordTypeToItsCatalogueTopicWithItsKey() throws Exception {
    CollectingSink sink = new CollectingSink();
    SimulationRunner.builder().simulator(SimulationDomain.ALL.create(1, 1.0, OptionalLong.of(400)))
        .sink(sink).routing(ROUTING).build().run();
    AvroCodec codec = AvroCodec.standard();
    for (ProducerRecord<byte[], byte[]> record : sink.batches.stream().flatMap(List::stream).toList()) {
      SpecificRecord event = decode(codec, record.value());
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (event instanceof StablecoinEvent e) {
        assertThat(record.topic()).isEqualTo("t.ledgermind.raw.stablecoin");
        assertThat(key).isEqualTo("sim:stablecoin:" + e.getContract());
      } else if (event instanceof DepinUsageEvent e) {
        assertThat(record.topic()).isEqualTo("t.ledgermind.raw.depin");
        assertThat(key).isEqualTo(e.getNetwork() + ":" + (e.getProvider() == null ? "" : e.getProvider()));
      } else if (event instanceof SubnetSnapshot e) {
        assertThat(record.topic()).isEqualTo("t.ledgermind.raw.bittensor");
        assertThat(key).isEqualTo(Integer.toString(e.getNetuid()));
      } else {
        throw new AssertionError("unexpected record " + event.getSchema().getFullName());
      }
    }
  }

  @Test
  void stopsAfterExactlyMaxEvents() throws Exception {
    CollectingSink sink = new CollectingSink();
    RunSummary summary = SimulationRunner.builder()
        .simulator(SimulationDomain.STABLECOIN.create(3, 1.0, OptionalLong.empty()))
        .sink(sink).routing(ROUTING).batchSize(100).maxEvents(1_234).build().run();
    assertThat(summary.events()).isEqualTo(1_234);
    assertThat(sink.batches.stream().mapToInt(List::size).sum()).isEqualTo(1_234);
    assertThat(sink.batches).hasSize(13);
  }

  @Test
  void rateLimitPacesEventsOnTheWallClock() throws Exception {
    AtomicLong now = new AtomicLong();
    CollectingSink sink = new CollectingSink();
    RunSummary summary = SimulationRunner.builder()
        .simulator(SimulationDomain.STABLECOIN.create(3, 1.0, OptionalLong.empty()))
        .sink(sink).routing(ROUTING).batchSize(10_000).maxEvents(1_001).eventsPerSecond(500)
        .maxBatchDelay(Duration.ofMillis(200))
        .clock(now::get, now::addAndGet) // sleeping advances the fake clock
        .build().run();
    // 1,001 events at 500/s: the last one is due 2 s after the first.
    assertThat(summary.elapsed()).isEqualTo(Duration.ofSeconds(2));
    // A batch closes once 200 ms old, so about 10 transactions, not one 1,001-event batch.
    assertThat(sink.batches).hasSizeBetween(9, 12);
    assertThat(sink.batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(101));
  }

  @Test
  void printsProgressLinesOnTheGivenStream() throws Exception {
    AtomicLong now = new AtomicLong();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SimulationRunner.builder()
        .simulator(SimulationDomain.STABLECOIN.create(3, 1.0, OptionalLong.of(200)))
        .sink(new CollectingSink()).routing(ROUTING)
        .progress(new PrintStream(err, true, StandardCharsets.UTF_8)).progressInterval(Duration.ofSeconds(5))
        .clock(() -> now.addAndGet(1_000_000_000L), nanos -> { }) // every clock read is one second later
        .build().run();
    String lines = err.toString(StandardCharsets.UTF_8);
    assertThat(lines).contains("simulate stablecoin: ").contains(" events, ").contains(" blocks, ");
    assertThat(lines.lines().count()).isGreaterThan(5);
  }

  static List<ProducerRecord<byte[], byte[]>> routedEvents(Simulator simulator) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    while (simulator.hasNext()) {
      simulator.next().events().forEach(e -> out.add(ROUTING.route(e)));
    }
    return out;
  }

  private static SpecificRecord decode(AvroCodec codec, byte[] bytes) {
    try {
      return codec.decode(bytes);
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  /** Keeps every published batch. */
  static final class CollectingSink implements EventSink {
    final List<List<ProducerRecord<byte[], byte[]>>> batches = new ArrayList<>();

    @Override
    public void publish(List<ProducerRecord<byte[], byte[]>> batch) {
      batches.add(List.copyOf(batch));
    }

    @Override
    public void close() {}
  }
}
