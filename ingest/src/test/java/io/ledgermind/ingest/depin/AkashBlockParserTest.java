package io.ledgermind.ingest.depin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CometBFT block + block_results fixtures into exactly the expected Akash records, bad payloads into dead letters. */
class AkashBlockParserTest {
  private static final long HEIGHT = 21_034_567;
  private static final String CHAIN = "cosmos:akashnet-2";
  private static final String BLOCK_HASH = "0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final Instant TIME = Instant.parse("2026-03-18T10:15:42.123Z");
  private static final String OWNER = "akash15feryxhrdz9m6y09mr8wrerwzgj6f8ntxvhxyr";
  private static final String OWNER2 = "akash1ltsjqf6h5graeeeex7ervydu284rxqfxhpydcf";
  private static final String PROVIDER = "akash1dlm5aahn0t09nl4ujy8624fl6zy54klay937yr";
  private static final String PROVIDER2 = "akash1nujckpak28lrdjg0eel92ue3gm36kcwf9tfwwq";
  private static final String TX0 = "0x9bdbd48dd67fe212d2117acf5976ba2f848ad51429eeef2c655a8abb1b18b0e1";
  private static final String TX1 = "0xe99f4ff5beb88dff182623e8a18c612d709344b2553fdb983f2b78aec96e953e";
  private static final String TX3 = "0xe8d50c7f3274bb5ae3b3083a353222f48e5ec3be0cc8467a7e9499cd7199d72f";

  private final AkashBlockParser parser = new AkashBlockParser(Fixtures.CLOCK);

  @Test
  void typedMarketEventsBecomeExactlyTheExpectedRecords() {
    SourceBatch<DepinUsageEvent> batch = parser.parse(HEIGHT, Fixtures.read("akash/block_21034567.json"),
        Fixtures.read("akash/block_results_21034567.json"));

    assertThat(batch.deadLetters()).isEmpty();
    assertThat(batch.events()).containsExactly(
        event(TX0, 4, TX0, DepinEventKind.ORDER_CREATED, null, OWNER + "/21034567/1/1", null, null),
        event(TX1, 3, TX1, DepinEventKind.BID_CREATED, PROVIDER, OWNER2 + "/21034501/1/1", "uact",
            "1.234500000000000000"),
        // tx 2 failed (code 11): its lease event is not in the output
        event(TX3, 3, TX3, DepinEventKind.LEASE_CREATED, PROVIDER, OWNER2 + "/21034501/1/1", "uact",
            "1.234500000000000000"),
        event(null, 1, "finalize_block_events", DepinEventKind.LEASE_CLOSED, PROVIDER2, OWNER + "/20990001/1/1",
            null, null));
  }

  @Test
  void legacyBase64EventsOfTendermint034AreDecodedToo() {
    SourceBatch<DepinUsageEvent> batch = parser.parse(9_876_543, Fixtures.read("akash/block_9876543.json"),
        Fixtures.read("akash/block_results_9876543.json"));

    assertThat(batch.deadLetters()).isEmpty();
    assertThat(batch.events()).hasSize(2);
    DepinUsageEvent lease = batch.events().get(0);
    assertThat(lease.getKind()).isEqualTo(DepinEventKind.LEASE_CREATED);
    assertThat(lease.getConsumer()).isEqualTo(OWNER);
    assertThat(lease.getProvider()).isEqualTo(PROVIDER);
    assertThat(lease.getWorkId()).isEqualTo(OWNER + "/9876500/1/1");
    assertThat(lease.getDenom()).isEqualTo("uakt");
    assertThat(lease.getDecimals()).isEqualTo(6);
    assertThat(lease.getPricePerBlock()).isEqualTo("0.513000000000000000");
    assertThat(lease.getMeta().getTxHash())
        .isEqualTo("0xd3a2dbbd6027e42e0521795475333b84bc99d2fe238ab70ffc338c1fa1dc2471");
    assertThat(lease.getMeta().getLogIndex()).isEqualTo(1);
    assertThat(lease.getMeta().getEventTime()).isEqualTo(Instant.parse("2023-02-01T08:00:06.500Z"));
    DepinUsageEvent closed = batch.events().get(1);
    assertThat(closed.getKind()).isEqualTo(DepinEventKind.LEASE_CLOSED);
    assertThat(closed.getWorkId()).isEqualTo(OWNER2 + "/9800000/1/2");
    assertThat(closed.getProvider()).isEqualTo(PROVIDER2);
    assertThat(closed.getPricePerBlock()).isEqualTo("3.000000000000000000");
    assertThat(closed.getMeta().getTxHash()).isNull(); // end_block_events belong to no transaction
  }

  @Test
  void aMalformedEventBecomesADeadLetterAndTheRestOfTheBlockIsKept() {
    byte[] results = Fixtures.read("akash/block_results_21034567_bad_price.json");
    SourceBatch<DepinUsageEvent> batch = parser.parse(HEIGHT, Fixtures.read("akash/block_21034567.json"), results);

    assertThat(batch.events()).extracting(DepinUsageEvent::getKind).containsExactly(DepinEventKind.ORDER_CREATED,
        DepinEventKind.LEASE_CREATED, DepinEventKind.LEASE_CLOSED);
    assertThat(batch.deadLetters()).hasSize(1);
    DeadLetter dead = batch.deadLetters().get(0);
    assertThat(dead.getErrorType()).isEqualTo("BAD_VALUE");
    assertThat(dead.getSourceTopic()).isEqualTo("adapter:akash:tendermint-rpc:block_results#tx=1,event=3");
    assertThat(dead.getSourcePartition()).isEqualTo(-1);
    assertThat(dead.getSourceOffset()).isEqualTo(HEIGHT);
    assertThat(dead.getReason()).contains("1,2345");
    assertThat(dead.getProcessor()).isEqualTo("ingest:akash-adapter");
    assertThat(dead.getFailedAt()).isEqualTo(Fixtures.NOW);
    assertThat(StandardCharsets.UTF_8.decode(dead.getOriginal().duplicate()).toString())
        .startsWith("{\"type\":\"akash.market.v1.EventBidCreated\"").contains("1,2345");
    AvroCodec.standard().encode(dead); // a valid record for the dead-letter topic
  }

  @Test
  void resultsThatDoNotMatchTheBlockDeadLetterTheWholeHeight() {
    byte[] results = Fixtures.read("akash/block_results_21034567_missing_result.json");
    SourceBatch<DepinUsageEvent> batch = parser.parse(HEIGHT, Fixtures.read("akash/block_21034567.json"), results);

    assertThat(batch.events()).isEmpty();
    assertThat(batch.deadLetters()).singleElement().satisfies(dead -> {
      assertThat(dead.getErrorType()).isEqualTo("INCONSISTENT");
      assertThat(dead.getReason()).contains("4 transactions but 3 results");
      assertThat(dead.getOriginal().array()).isEqualTo(results);
    });
  }

  @Test
  void truncatedJsonIsADeadLetterNotACrash() {
    byte[] results = Fixtures.read("akash/block_results_21034567_truncated.json");
    SourceBatch<DepinUsageEvent> batch = parser.parse(HEIGHT, Fixtures.read("akash/block_21034567.json"), results);

    assertThat(batch.events()).isEmpty();
    assertThat(batch.deadLetters()).singleElement()
        .satisfies(dead -> assertThat(dead.getErrorType()).isEqualTo("NOT_JSON"));
  }

  @Test
  void readingTheSameHeightTwiceGivesTheSameRecords() {
    byte[] block = Fixtures.read("akash/block_21034567.json");
    byte[] results = Fixtures.read("akash/block_results_21034567.json");
    List<byte[]> first = parser.parse(HEIGHT, block, results).events().stream().map(AvroCodec.standard()::encode)
        .toList();
    List<byte[]> second = parser.parse(HEIGHT, block, results).events().stream().map(AvroCodec.standard()::encode)
        .toList();
    assertThat(second).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(first);
  }

  private static DepinUsageEvent event(String txHash, int index, String scope, DepinEventKind kind, String provider,
      String workId, String denom, String price) {
    EventMeta meta = EventMeta.newBuilder()
        .setEventId(EventIds.of("cosmos-event", CHAIN, BLOCK_HASH, scope, Integer.toString(index)))
        .setChainId(CHAIN)
        .setBlockNumber(HEIGHT)
        .setBlockHash(BLOCK_HASH)
        .setTxHash(txHash)
        .setLogIndex(index)
        .setEventTime(TIME)
        .setIngestTime(Fixtures.NOW)
        .setSource("adapter:akash:tendermint-rpc")
        .build();
    return DepinUsageEvent.newBuilder()
        .setMeta(meta)
        .setNetwork(DepinNetwork.AKASH)
        .setKind(kind)
        .setProvider(provider)
        .setConsumer(workId.substring(0, workId.indexOf('/')))
        .setWorkId(workId)
        .setDenom(denom)
        .setDecimals(denom == null ? null : 6)
        .setPricePerBlock(price)
        .build();
  }
}
