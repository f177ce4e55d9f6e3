package io.ledgermind.ingest.bittensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.depin.Fixtures;
import io.ledgermind.ingest.source.Json;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** state_queryStorageAt fixtures into exactly the expected subnet snapshots; bad values into dead letters. */
class SubtensorSnapshotParserTest {
  private static final long HEIGHT = 5_200_000;
  private static final String HASH = "0x8e1f5b4c3a2d9e0f7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";
  private static final String CHAIN = "bittensor:finney";
  private static final List<Integer> NETUIDS = List.of(1, 2, 3);

  private final SubtensorSnapshotParser parser = new SubtensorSnapshotParser(CHAIN, "PRICE_EMA", 360,
      Fixtures.CLOCK);

  @Test
  void storageValuesBecomeExactlyTheExpectedSnapshots() throws Exception {
    SourceBatch<SubnetSnapshot> batch = parse("subtensor/state_queryStorageAt_5200000.json");

    assertThat(batch.deadLetters()).isEmpty();
    assertThat(batch.events()).containsExactly(
        SubnetSnapshot.newBuilder()
            .setMeta(meta(1))
            .setNetuid(1)
            .setTempo(360)
            .setTaoReserve("150000500000000")
            .setAlphaReserve("3000000000000000")
            .setAlphaOutstanding("4500000000000000")
            .setPrice(150_000.5 / 3_000_000)
            .setMovingPrice(204_010_947 / 4_294_967_296.0)     // I96F32 raw / 2^32
            .setTaoEmission("50000000")                          // 40M injected + 10M chain buy
            .setAlphaEmission("1842105263")                      // alpha in + alpha out
            .setEmissionShare(0.1)                               // of the 0.5 TAO block emission
            .setTaoStaked("12345678900")
            .setTaoUnstaked("0")
            .setNetTaoFlow("12345678900")
            .setMinerBurnedFraction(0.25)
            .setBlockEmission("500000000")
            .setTotalIssuance("10512345678901234")
            .setEmissionRule("PRICE_EMA")
            .setBlocksCovered(1)
            .build(),
        // netuid 2 has no stored state: it does not exist at this block, so no snapshot
        SubnetSnapshot.newBuilder()
            .setMeta(meta(3))
            .setNetuid(3)
            .setTempo(360)                                       // not stored: the default tempo
            .setTaoReserve("5000000000000")
            .setAlphaReserve("900000000000000")
            .setAlphaOutstanding("0")
            .setPrice(5_000.0 / 900_000)
            .setMovingPrice(23_622_320 / 4_294_967_296.0)
            .setTaoEmission("5000000")
            .setAlphaEmission("1000000000")
            .setEmissionShare(0.01)
            .setTaoStaked("0")
            .setTaoUnstaked("2000000000")
            .setNetTaoFlow("-2000000000")
            .setMinerBurnedFraction(0.0)
            .setBlockEmission("500000000")
            .setTotalIssuance("10512345678901234")
            .setEmissionRule("PRICE_EMA")
            .setBlocksCovered(1)
            .build());
  }

  @Test
  void aValueOfTheWrongWidthDeadLettersOnlyItsSubnet() throws Exception {
    SourceBatch<SubnetSnapshot> batch = parse("subtensor/state_queryStorageAt_5200000_bad_moving_price.json");

    assertThat(batch.events()).extracting(SubnetSnapshot::getNetuid).containsExactly(1);
    assertThat(batch.deadLetters()).singleElement().satisfies(dead -> {
      assertThat(dead.getErrorType()).isEqualTo("BAD_VALUE");
      assertThat(dead.getSourceTopic()).isEqualTo("adapter:subtensor:json-rpc:state_queryStorageAt#netuid=3");
      assertThat(dead.getReason()).contains("SubtensorModule.SubnetMovingPrice").contains("16-byte");
      assertThat(dead.getSourceOffset()).isEqualTo(HEIGHT);
    });
  }

  @Test
  void aReplyWithoutAGlobalKeyDeadLettersTheBlock() throws Exception {
    SourceBatch<SubnetSnapshot> batch = parse("subtensor/state_queryStorageAt_5200000_missing_total_issuance.json");

    assertThat(batch.events()).isEmpty();
    assertThat(batch.deadLetters()).singleElement().satisfies(dead -> {
      assertThat(dead.getErrorType()).isEqualTo("INCONSISTENT");
      assertThat(dead.getReason()).contains("TotalIssuance");
    });
  }

  @Test
  void aReplyForAnotherBlockIsRejected() throws Exception {
    byte[] raw = Fixtures.read("subtensor/state_queryStorageAt_5200000.json");
    JsonNode result = Json.parse(raw, "test", HEIGHT).get("result");
    SourceBatch<SubnetSnapshot> batch = parser.parse(HEIGHT, "0x" + "ab".repeat(32), result, raw, NETUIDS);
    assertThat(batch.events()).isEmpty();
    assertThat(batch.deadLetters()).singleElement()
        .satisfies(dead -> assertThat(dead.getErrorType()).isEqualTo("INCONSISTENT"));
  }

  private SourceBatch<SubnetSnapshot> parse(String fixture) throws MalformedPayloadException {
    byte[] raw = Fixtures.read(fixture);
    return parser.parse(HEIGHT, HASH, Json.parse(raw, "test", HEIGHT).get("result"), raw, NETUIDS);
  }

  private static EventMeta meta(int netuid) {
    return EventMeta.newBuilder()
        .setEventId(EventIds.of("subnet-snapshot", CHAIN, HASH, Integer.toString(netuid)))
        .setChainId(CHAIN)
        .setBlockNumber(HEIGHT)
        .setBlockHash(HASH)
        .setEventTime(Instant.ofEpochMilli(1_773_829_212_000L))
        .setIngestTime(Fixtures.NOW)
        .setSource("adapter:subtensor:json-rpc")
        .build();
  }
}
