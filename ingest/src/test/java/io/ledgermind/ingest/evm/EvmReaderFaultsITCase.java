package io.ledgermind.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The reader behind a misbehaving node: it retries, splits refused ranges, dead-letters the one bad log, loses
 * nothing else and never crashes.
 */
class EvmReaderFaultsITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();

  @Test
  void retriesThroughRateLimitsTimeoutsAndTruncatedJsonAndDeadLettersTheMalformedLog() throws Exception {
    EvmTestBed bed = new EvmTestBed(KAFKA, CHAIN);
    bed.driver.drive(25, 5);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(CHAIN.rpcUrl(), 1_500)) {
      OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.SECONDS).build();
      Web3j web3j = Web3j.build(new HttpService(proxy.url(), http));
      try (EvmReader reader = EvmReader.open(bed.config("faults").maxBlocksPerStep(5).build(), web3j,
          KAFKA.clientConfig())) {
        EvmTestBed.catchUp(reader);
        assertThat(reader.rpcRetries()).isGreaterThanOrEqualTo(proxy.tooManyRequests.get());
      } finally {
        web3j.shutdown();
      }
      assertThat(proxy.tooManyRequests.get()).isPositive();
      assertThat(proxy.truncated.get()).isPositive();
      assertThat(proxy.slow.get()).isPositive();
      assertThat(proxy.mangledOneLog.get()).isTrue();
      assertThat(proxy.refusedRanges.get()).as("5-block steps split down to the node's 3-block limit").isPositive();
    }

    List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.readAll(bed.routing.topic(TopicCatalogue.DEAD_LETTERS),
        "read_committed", 1, Duration.ofSeconds(20));
    assertThat(letters).hasSize(1);
    DeadLetter letter = AvroCodec.standard().decode(letters.get(0).value(), DeadLetter.class);
    assertThat(letter.getErrorType()).isEqualTo("MALFORMED_LOG");
    assertThat(letter.getReason()).contains("data must be 32 bytes, is 2");
    assertThat(new String(letter.getOriginal().array(), StandardCharsets.UTF_8)).contains("\"data\":\"0x1234\"");

    // Everything else arrived exactly once: the canonical set minus the one dead-lettered log.
    Set<String> net = EvmTestBed.netEventIds(bed.stablecoinTopic(1));
    Set<String> canonical = bed.canonicalEventIds();
    assertThat(canonical).containsAll(net);
    assertThat(canonical.size() - net.size()).isEqualTo(1);
  }
}
