package io.ledgermind.oracle.transmit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.schemas.oracle.FeedRound;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No request can block other feeds or freeze its own: conflicting, unregistered, future and malformed requests each
 * get an outcome with a reason, the good ones are published beside them, and the feeds keep publishing afterwards.
 */
class TransmitterLivenessITCase {
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  static final List<String> FEEDS = List.of("LIVE/a", "LIVE/b", "LIVE/c");
  static OracleHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new OracleHarness(CHAIN, KAFKA, CLICKHOUSE, FEEDS);
    harness.startSigners(0, 1, 3);
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  /** Request id -> outcome, from every outcome recorded so far. */
  static Map<String, String> outcomes() {
    Map<String, String> out = new HashMap<>();
    for (var o : harness.outcomes) {
      for (FeedRound r : o.getRounds()) {
        if (r.getRequestId() != null && r.getOutcome() != null) {
          out.put(r.getRequestId(), r.getOutcome() + (r.getOutcome().equals("PUBLISHED") ? "#" + r.getRoundId() : ""));
        }
      }
    }
    return out;
  }

  @Test
  void conflictingUnknownFutureAndMalformedRequestsNeitherBlockNorFreezeFeeds() throws Exception {
    Instant t = harness.chainNow().minusSeconds(60);
    OracleRequest first = harness.request("LIVE/a", 1, 100_000_000L, t);
    // Same feed and window, other value (a second run, or a rogue writer): the first in the topic stands.
    OracleRequest conflicting = OracleRequest.newBuilder(first).setRequestId("LIVE/a:1-second")
        .setAnswer("200000000").build();
    OracleRequest unknown = harness.request("NOT/registered", 1, 5, t);
    OracleRequest future = harness.request("LIVE/c", 3_600, 7, harness.chainNow()); // an hour ahead, drift is 300 s
    OracleRequest good = harness.request("LIVE/b", 1, 300_000_000L, t);
    // A valid int256 the contract cannot hold (int128): refused before any signer sees it.
    OracleRequest malformed = OracleRequest.newBuilder(good).setRequestId("LIVE/b:bad")
        .setAnswer(BigInteger.TWO.pow(200).toString()).build();
    harness.produce(first, conflicting, unknown, future, malformed, good);
    Transmitter transmitter = harness.startTransmitter(CrashPoints.none());

    OracleHarness.await("an outcome for each of the 6 requests", Duration.ofSeconds(60),
        () -> outcomes().size() >= 6);
    assertThat(outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "LIVE/a:1", "PUBLISHED#1",
        "LIVE/a:1-second", "SUPERSEDED",
        "NOT/registered:1", "UNREGISTERED_FEED",
        "LIVE/c:3600", "FUTURE",
        "LIVE/b:bad", "MALFORMED",
        "LIVE/b:1", "PUBLISHED#1"));
    OracleChain chain = harness.oracleChain;
    assertThat(chain.latestRoundData("LIVE/a")).hasValueSatisfying(r -> {
      assertThat(r.roundId()).isEqualTo(1);
      assertThat(r.answer()).isEqualTo(BigInteger.valueOf(100_000_000L));
    });
    assertThat(harness.publishedRounds()).hasSize(2);

    // No feed is frozen: a newer window of each is published as the next round, the refused feed's first round too.
    Instant later = harness.chainNow().minusSeconds(10);
    harness.produce(harness.request("LIVE/a", 2, 110_000_000L, later), harness.request("LIVE/c", 2, 9, later));
    OracleHarness.await("rounds of LIVE/a and LIVE/c", Duration.ofSeconds(60),
        () -> "PUBLISHED#2".equals(outcomes().get("LIVE/a:2")) && "PUBLISHED#1".equals(outcomes().get("LIVE/c:2")));
    assertThat(harness.latestRounds()).containsEntry("LIVE/a", 2L).containsEntry("LIVE/b", 1L)
        .containsEntry("LIVE/c", 1L);
    assertThat(CLICKHOUSE.query("SELECT outcome, count() FROM " + CLICKHOUSE.database()
        + ".oracle_request_outcomes FINAL GROUP BY outcome ORDER BY outcome")).isEqualTo(String.join("\n",
        "FUTURE\t1", "MALFORMED\t1", "PUBLISHED\t4", "SUPERSEDED\t1", "UNREGISTERED_FEED\t1"));

    // A restarted transmitter remembers the first request of each recent window, as a restarted signer does: a
    // later, different request for the never-published future window is superseded, not taken as the first.
    harness.stopTransmitter(transmitter);
    harness.startTransmitter(CrashPoints.none());
    harness.produce(OracleRequest.newBuilder(future).setRequestId("LIVE/c:3600-late").setAnswer("8").build());
    OracleHarness.await("an outcome for the late request", Duration.ofSeconds(60),
        () -> outcomes().containsKey("LIVE/c:3600-late"));
    assertThat(outcomes()).containsEntry("LIVE/c:3600-late", "SUPERSEDED").containsEntry("LIVE/c:3600", "FUTURE");
  }
}
