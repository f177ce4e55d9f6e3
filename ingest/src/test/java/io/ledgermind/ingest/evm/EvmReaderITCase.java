package io.ledgermind.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.chainsim.StablecoinChainDriver.ExpectedEvent;
import io.ledgermind.ingest.kafka.EventSink;
import io.ledgermind.schemas.ops.ReaderCheckpoint;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EVM reader against real transactions on anvil and the real broker. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvmReaderITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  private static EvmTestBed bed;

  @BeforeAll
  static void deployTokens() throws Exception {
    bed = new EvmTestBed(KAFKA, CHAIN);
  }

  @Test
  @Order(1)
  void realTransactionsBecomeExactlyTheExpectedRecords() throws Exception {
    List<ExpectedEvent> expected = bed.driver.drive(40, 1);
    try (EvmReader reader = EvmReader.open(bed.config("exact").maxBlocksPerStep(7).build(), CHAIN.web3j(),
        KAFKA.clientConfig())) {
      EvmTestBed.catchUp(reader);
    }
    List<StablecoinEvent> events = bed.stablecoinTopic(expected.size()).stream()
        .map(StablecoinEvent.class::cast).toList();
    assertThat(events).extracting(e -> new ExpectedEvent(e.getContract(), e.getKind(), e.getFrom(), e.getTo(),
        e.getAmount(), e.getMeta().getTxHash())).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getMeta().getChainId()).isEqualTo("eip155:31337");
      assertThat(e.getDecimals()).isEqualTo(6);
    });
    assertThat(EvmTestBed.netEventIds(List.copyOf(events))).isEqualTo(bed.canonicalEventIds());
  }

  @ParameterizedTest(name = "reorg of depth {0}")
  @ValueSource(ints = {1, 3, 12})
  @Order(2)
  void retractsEventsOfOrphanedBlocksAndConvergesOnTheCanonicalChain(int depth) throws Exception {
    String readerId = "reorg-" + depth;
    // Each reader of this class starts above what earlier ones read: together they cover the chain once.
    try (EvmReader reader = EvmReader.open(bed.config(readerId).startBlock(CHAIN.blockNumber().longValueExact() + 1)
        .build(), CHAIN.web3j(), KAFKA.clientConfig())) {
      EvmTestBed.catchUp(reader);
      String snapshot = CHAIN.rpc("evm_snapshot", List.of()).getResult();
      long before = CHAIN.blockNumber().longValueExact();
      // `depth` blocks above the snapshot (automine: one block per transaction, one transaction per mint).
      for (int i = 0; i < depth; i++) {
        bed.driver.mint(1 + i % 6, BigInteger.valueOf(1_000_000L * (i + 1)));
      }
      EvmTestBed.catchUp(reader);
      CHAIN.rpc("evm_revert", List.of(snapshot));
      assertThat(CHAIN.blockNumber().longValueExact()).isEqualTo(before);
      // A different, longer history: other amounts, other recipients. The old blocks are orphaned.
      for (int i = 0; i <= depth; i++) {
        bed.driver.mint(6 - i % 6, BigInteger.valueOf(7_000_000L * (i + 1)));
      }
      List<StepResult> steps = EvmTestBed.catchUp(reader);
      assertThat(steps).anySatisfy(s -> assertThat(s.reorgDepth()).isEqualTo(depth));
      assertThat(steps.stream().mapToInt(StepResult::retractions).sum()).isPositive();
    }
    List<SpecificRecord> records = bed.stablecoinTopic(1);
    assertThat(records).filteredOn(r -> r instanceof Retraction).isNotEmpty();
    assertThat(EvmTestBed.netEventIds(records)).isEqualTo(bed.canonicalEventIds());
  }

  @Test
  @Order(3)
  void restartAfterACrashMidBackfillLeavesNoGapAndNoDuplicate() throws Exception {
    long start = CHAIN.blockNumber().longValueExact() + 1;
    bed.driver.drive(30, 77);
    EvmReaderConfig config = bed.config("crash").startBlock(start).maxBlocksPerStep(4).build();
    CrashingSink crashing = new CrashingSink("ingest-evm-crash", 3);
    EvmReader first = new EvmReader(config, new RpcClient(CHAIN.web3j(), config.retry()), crashing, Optional.empty(),
        Clock.systemUTC());
    first.step(Long.MAX_VALUE);
    first.step(Long.MAX_VALUE);
    long committedThrough = first.nextBlock() - 1;
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> first.step(Long.MAX_VALUE)))
        .hasMessageContaining("simulated crash");
    // No close(): the process "died" with its third transaction open. The restarted reader fences it.

    try (EvmReader restarted = EvmReader.open(config, CHAIN.web3j(), KAFKA.clientConfig())) {
      assertThat(restarted.nextBlock()).isEqualTo(committedThrough + 1);
      EvmTestBed.catchUp(restarted);
    }
    assertThat(EvmTestBed.netEventIds(bed.stablecoinTopic(1))).isEqualTo(bed.canonicalEventIds());
    Optional<ReaderCheckpoint> checkpoint = CheckpointStore.load(KAFKA.clientConfig(),
        bed.routing.topic(TopicCatalogue.INGEST_CHECKPOINTS), "crash");
    assertThat(checkpoint).get().extracting(ReaderCheckpoint::getLastBlockNumber)
        .isEqualTo(CHAIN.blockNumber().longValueExact());
  }

  /**
   * A transactional sink like the real one that, at batch {@code crashAt}, sends inside a transaction and then
   * "dies": no commit, no abort, no close. Only a restarted producer with the same transactional id ends it.
   */
  private static final class CrashingSink implements EventSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final int crashAt;
    private int batches;

    CrashingSink(String transactionalId, int crashAt) {
      Properties props = KAFKA.producerProperties();
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
      this.producer = new KafkaProducer<>(props);
      this.crashAt = crashAt;
      producer.initTransactions();
    }

    @Override
    public void publish(List<ProducerRecord<byte[], byte[]>> batch) {
      producer.beginTransaction();
      batch.forEach(producer::send);
      producer.flush();
      if (++batches == crashAt) {
        throw new IllegalStateException("simulated crash between send and commit");
      }
      producer.commitTransaction();
    }

    @Override
    public void close() {
      producer.close();
    }
  }
}
