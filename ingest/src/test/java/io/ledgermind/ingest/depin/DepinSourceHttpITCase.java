package io.ledgermind.ingest.depin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.ingest.source.RetryPolicy;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.ingest.source.SourceUnavailableException;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Akash and Render sources over real HTTP against a local server that serves the fixtures: rate limits and
 * outages are retried with backoff, permanent refusals and RPC errors are typed, bad bodies become dead letters.
 */
class DepinSourceHttpITCase {
  private static final String BLOCK = "GET /block?height=21034567";
  private static final String RESULTS = "GET /block_results?height=21034567";
  private static final String PAYEE = "1EE4XRnST5dhDrkJN6LN1Tq89Gn714WtYCkcDVZDor9";

  private FixtureServer server;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new FixtureServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void akashRetriesA429AndThenReadsTheBlock() throws Exception {
    server.answer(BLOCK, Fixtures.read("akash/block_21034567.json"))
        .answer(RESULTS, Fixtures.read("akash/block_results_21034567.json"))
        .failFirst(RESULTS, 429);

    SourceBatch<DepinUsageEvent> batch = akash(5).read(21_034_567);

    assertThat(batch.events()).extracting(DepinUsageEvent::getKind).containsExactly(DepinEventKind.ORDER_CREATED,
        DepinEventKind.BID_CREATED, DepinEventKind.LEASE_CREATED, DepinEventKind.LEASE_CLOSED);
    assertThat(server.hits(RESULTS)).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ZERO); // the server said Retry-After: 0
  }

  @Test
  void akashBacksOffExponentiallyThroughServerErrors() throws Exception {
    server.answer(BLOCK, Fixtures.read("akash/block_21034567.json"))
        .answer(RESULTS, Fixtures.read("akash/block_results_21034567.json"))
        .failFirst(BLOCK, 503, 502, 500);

    SourceBatch<DepinUsageEvent> batch = akash(5).read(21_034_567);

    assertThat(batch.events()).hasSize(4);
    assertThat(server.hits(BLOCK)).isEqualTo(4);
    assertThat(waits).hasSize(3);
    assertThat(waits.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(20)); // 10 ms doubling
    assertThat(waits.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void akashGivesUpAfterMaxAttemptsWithATypedRetriableError() {
    server.answer(BLOCK, Fixtures.read("akash/block_21034567.json")).failFirst(BLOCK, 503, 503, 503, 503);

    assertThatThrownBy(() -> akash(3).read(21_034_567))
        .isInstanceOfSatisfying(SourceUnavailableException.class, e -> {
          assertThat(e.retriable()).isTrue();
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.status()).isEqualTo(503);
        });
    assertThat(server.hits(BLOCK)).isEqualTo(3);
  }

  @Test
  void aPermanentRefusalIsNotRetried() {
    // No fixture: the server answers 404, which waiting does not fix.
    assertThatThrownBy(() -> akash(5).read(1))
        .isInstanceOfSatisfying(SourceUnavailableException.class, e -> {
          assertThat(e.retriable()).isFalse();
          assertThat(e.status()).isEqualTo(404);
        });
    assertThat(server.hits("GET /block?height=1")).isEqualTo(1);
  }

  @Test
  void anRpcErrorForAFutureHeightIsUnavailableNotDeadLettered() {
    server.answer("GET /block?height=21034600", Fixtures.read("akash/rpc_error_future_height.json"))
        .answer("GET /block_results?height=21034600", Fixtures.read("akash/rpc_error_future_height.json"));
    assertThatThrownBy(() -> akash(2).read(21_034_600)).isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("must be less than or equal to the current blockchain height");
  }

  @Test
  void akashBadBodiesBecomeDeadLettersRoutedToTheDeadLetterTopic() throws Exception {
    server.answer(BLOCK, Fixtures.read("akash/block_21034567.json"))
        .answer(RESULTS, Fixtures.read("akash/block_results_21034567_truncated.json"));

    SourceBatch<DepinUsageEvent> batch = akash(2).read(21_034_567);

    assertThat(batch.events()).isEmpty();
    assertThat(batch.deadLetters()).singleElement()
        .satisfies(d -> assertThat(d.getErrorType()).isEqualTo("NOT_JSON"));
    EventRouting routing = EventRouting.withTopicNames(n -> "t." + n);
    List<ProducerRecord<byte[], byte[]>> records = batch.records(routing);
    assertThat(records).singleElement().satisfies(r ->
        assertThat(r.topic()).isEqualTo("t." + TopicCatalogue.DEAD_LETTERS.name()));
  }

  @Test
  void akashHeadComesFromStatus() throws Exception {
    server.answer("GET /status", Fixtures.read("akash/status.json"));
    assertThat(akash(2).latestHeight()).isEqualTo(21_034_567);
  }

  @Test
  void akashReadsARangeOfHeightsInOrder() throws Exception {
    server.answer(BLOCK, Fixtures.read("akash/block_21034567.json"))
        .answer(RESULTS, Fixtures.read("akash/block_results_21034567.json"))
        .answer("GET /block?height=21034568", Fixtures.read("akash/block_21034567.json"))
        .answer("GET /block_results?height=21034568", Fixtures.read("akash/block_results_21034567.json"));

    SourceBatch<DepinUsageEvent> batch = akash(2).read(21_034_567, 21_034_568);

    // The second height's payload claims height 21034567: inconsistent, so one dead letter for it.
    assertThat(batch.events()).hasSize(4);
    assertThat(batch.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getErrorType()).isEqualTo("INCONSISTENT");
      assertThat(d.getSourceOffset()).isEqualTo(21_034_568);
    });
  }

  @Test
  void renderRetriesA429AndThenReadsTheSlot() throws Exception {
    server.answer("POST getBlock 312456789", Fixtures.read("render/getBlock_312456789.json"))
        .failFirst("POST getBlock 312456789", 429);

    SourceBatch<DepinUsageEvent> batch = render().read(312_456_789);

    assertThat(batch.events()).extracting(DepinUsageEvent::getKind).containsExactly(DepinEventKind.BURN,
        DepinEventKind.PAYMENT, DepinEventKind.BURN, DepinEventKind.MINT);
    assertThat(server.hits("POST getBlock 312456789")).isEqualTo(2);
  }

  @Test
  void renderTreatsASkippedSlotAsEmptyAndAProxyErrorPageAsADeadLetter() throws Exception {
    server.answer("POST getBlock 312456790", Fixtures.read("render/getBlock_skipped_slot.json"))
        .answer("POST getBlock 312456791", Fixtures.read("render/getBlock_not_json.html"))
        .answer("POST getSlot", Fixtures.read("render/getSlot.json"));
    RenderSource render = render();

    assertThat(render.read(312_456_790)).isEqualTo(SourceBatch.empty());
    SourceBatch<DepinUsageEvent> html = render.read(312_456_791);
    assertThat(html.events()).isEmpty();
    assertThat(html.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getErrorType()).isEqualTo("NOT_JSON");
      assertThat(d.getSourceOffset()).isEqualTo(312_456_791);
    });
    assertThat(render.latestHeight()).isEqualTo(312_456_789);
  }

  private AkashSource akash(int attempts) {
    return AkashSource.builder().baseUri(server.baseUri())
        .retryPolicy(new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(200), 2.0))
        .sleeper(waits::add).clock(Fixtures.CLOCK).build();
  }

  private RenderSource render() {
    return RenderSource.builder().baseUri(server.baseUri()).paymentRecipients(Set.of(PAYEE))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(200), 2.0))
        .sleeper(waits::add).clock(Fixtures.CLOCK).build();
  }
}
