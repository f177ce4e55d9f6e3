package io.ledgermind.ingest.bittensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.ingest.depin.FixtureServer;
import io.ledgermind.ingest.depin.Fixtures;
import io.ledgermind.ingest.source.RetryPolicy;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.ingest.source.SourceUnavailableException;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Subtensor source over real HTTP JSON-RPC against a local server serving the fixtures. */
class SubtensorSourceHttpITCase {
  private static final String QUERY = "POST state_queryStorageAt";

  private FixtureServer server;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new FixtureServer()
        .answer("POST chain_getBlockHash 5200000", Fixtures.read("subtensor/chain_getBlockHash_5200000.json"))
        .answer("POST chain_getBlockHash 5200001", Fixtures.read("subtensor/chain_getBlockHash_future.json"))
        .answer("POST chain_getHeader", Fixtures.read("subtensor/chain_getHeader.json"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void retriesA429ThenReadsEveryConfiguredSubnetInOneStorageQuery() throws Exception {
    server.answer(QUERY, Fixtures.read("subtensor/state_queryStorageAt_5200000.json")).failFirst(QUERY, 429);

    SourceBatch<SubnetSnapshot> batch = source().snapshotsAt(5_200_000);

    assertThat(batch.deadLetters()).isEmpty();
    assertThat(batch.events()).extracting(SubnetSnapshot::getNetuid).containsExactly(1, 3);
    assertThat(batch.events().get(0).getTotalIssuance()).isEqualTo("10512345678901234");
    assertThat(batch.events().get(0).getMeta().getBlockHash())
        .isEqualTo("0x8e1f5b4c3a2d9e0f7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f");
    assertThat(server.hits(QUERY)).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ZERO);
  }

  @Test
  void aMalformedValueIsADeadLetterForItsSubnetOnly() throws Exception {
    server.answer(QUERY, Fixtures.read("subtensor/state_queryStorageAt_5200000_bad_moving_price.json"));

    SourceBatch<SubnetSnapshot> batch = source().snapshotsAt(5_200_000);

    assertThat(batch.events()).extracting(SubnetSnapshot::getNetuid).containsExactly(1);
    assertThat(batch.deadLetters()).singleElement()
        .satisfies(d -> assertThat(d.getSourceTopic()).endsWith("#netuid=3"));
  }

  @Test
  void aHeightWithoutABlockYetIsUnavailableNotDeadLettered() {
    assertThatThrownBy(() -> source().snapshotsAt(5_200_001))
        .isInstanceOfSatisfying(SourceUnavailableException.class, e -> assertThat(e.retriable()).isTrue());
    assertThat(server.hits(QUERY)).isZero();
  }

  @Test
  void headComesFromTheLatestHeader() throws Exception {
    assertThat(source().latestHeight()).isEqualTo(5_200_000);
  }

  private SubtensorSource source() {
    return SubtensorSource.builder().baseUri(server.baseUri()).netuids(List.of(1, 2, 3))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100), 2.0))
        .sleeper(waits::add).clock(Fixtures.CLOCK).build();
  }
}
