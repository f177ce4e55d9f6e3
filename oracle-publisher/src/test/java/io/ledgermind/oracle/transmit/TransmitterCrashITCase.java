package io.ledgermind.oracle.transmit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.schemas.oracle.PublicationStatus;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The transmitter dies between signing and sending, then right after sending (mined, and not yet mined): a new
 * instance on the same Kafka offsets and chain publishes every round exactly once, no double round, no gap, and
 * never sends a second transaction for a round whose first one is still in flight.
 */
class TransmitterCrashITCase {
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  static final List<String> FEEDS = List.of("USDC/net_flow", "USDT/net_flow");
  static OracleHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new OracleHarness(CHAIN, KAFKA, null, FEEDS);
    harness.startSigners(0, 1, 3);
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  static CrashPoints crashOnceAt(String point) {
    AtomicBoolean fired = new AtomicBoolean();
    return p -> {
      if (p.equals(point) && fired.compareAndSet(false, true)) {
        throw new CrashPoints.SimulatedCrash(p);
      }
    };
  }

  void produceRound(long round) throws Exception {
    Instant t = harness.chainNow().minusSeconds(2);
    for (String feed : FEEDS) {
      harness.produce(harness.request(feed, round, 1_000_000L + round, t));
    }
  }

  void awaitRound(long round) throws InterruptedException {
    OracleHarness.await("round " + round + " on chain", Duration.ofSeconds(30), () -> {
      try {
        return harness.latestRounds().values().stream().allMatch(r -> r == round);
      } catch (Exception e) {
        return false;
      }
    });
  }

  long senderNonce(DefaultBlockParameterName at) throws Exception {
    return CHAIN.web3j().ethGetTransactionCount(CHAIN.devAccount(OracleHarness.SENDER_ACCOUNT).getAddress(), at)
        .send().getTransactionCount().longValueExact();
  }

  @Test
  void crashesNeverDoublePublishNorLeaveGaps() throws Exception {
    // 1. Dies with a quorum of signatures in hand, before sending anything.
    Transmitter first = harness.startTransmitter(crashOnceAt(CrashPoints.AFTER_SIGNING));
    produceRound(1);
    harness.awaitDeath(first, Duration.ofSeconds(30));
    assertThat(harness.latestRounds().values()).containsOnly(0L);
    assertThat(senderNonce(DefaultBlockParameterName.PENDING)).isZero();

    // 2. The next instance re-reads the requests (no offset was committed), gets the same batch signed again, sends
    //    it, and dies right after the node accepted the transaction (automine: it is mined at once).
    Transmitter second = harness.startTransmitter(crashOnceAt(CrashPoints.AFTER_SENDING));
    harness.awaitDeath(second, Duration.ofSeconds(30));
    awaitRound(1);
    assertThat(senderNonce(DefaultBlockParameterName.LATEST)).isEqualTo(1);

    // 3. Dies right after sending while the transaction is NOT mined yet: the next instance must wait for it and
    //    reconcile, not send the same rounds again.
    CHAIN.rpc("evm_setAutomine", List.of(false));
    try {
      Transmitter third = harness.startTransmitter(crashOnceAt(CrashPoints.AFTER_SENDING));
      produceRound(2);
      harness.awaitDeath(third, Duration.ofSeconds(30));
      harness.startTransmitter(CrashPoints.none());
      Thread.sleep(1_500);
      assertThat(senderNonce(DefaultBlockParameterName.PENDING) - senderNonce(DefaultBlockParameterName.LATEST))
          .as("exactly one transaction in flight: the restarted transmitter did not resend").isEqualTo(1);
      CHAIN.rpc("evm_mine", List.of());
    } finally {
      CHAIN.rpc("evm_setAutomine", List.of(true));
    }
    awaitRound(2);
    produceRound(3);
    awaitRound(3);
    Thread.sleep(500);

    // Every (feed, round) exactly once, rounds 1..3 without a gap, one transaction per round of reports.
    List<String> expected = new ArrayList<>();
    for (String feed : FEEDS) {
      for (long r = 1; r <= 3; r++) {
        expected.add(org.web3j.utils.Numeric.toHexString(FeedUpdateEntry.feedIdOf(feed)) + ":" + r);
      }
    }
    assertThat(harness.publishedRounds()).containsExactlyInAnyOrderElementsOf(expected);
    // A loaded machine may split a round's feeds over two reports (the linger closes before the last request
    // arrives): what must hold is that every transaction sent published rounds, none was wasted or repeated.
    long publishing = harness.publishingTransactions();
    assertThat(publishing).as("at least one transaction per round").isGreaterThanOrEqualTo(3);
    assertThat(senderNonce(DefaultBlockParameterName.LATEST)).as("every transaction sent published rounds")
        .isEqualTo(publishing);
    assertThat(harness.outcomes).extracting(o -> o.getStatus())
        .doesNotContain(PublicationStatus.REVERTED);
  }
}
