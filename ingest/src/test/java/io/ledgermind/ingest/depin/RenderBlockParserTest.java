package io.ledgermind.ingest.depin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.source.Json;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Solana getBlock (jsonParsed) fixture into exactly the expected RENDER burns, payment and mint. */
class RenderBlockParserTest {
  private static final long SLOT = 312_456_789;
  private static final String CHAIN = RenderSource.SOLANA_MAINNET;
  private static final String BLOCKHASH = "5Hfz3Vq1b4kUyC4JLt2TN4M9yfdWxvqQc3wRjw6WzN7e";
  private static final Instant TIME = Instant.ofEpochSecond(1_773_829_000L);
  private static final String CREATOR = "cwrWVZweDCtZXhgsC7VLA6btymh3fSVipgiBg1va543D";
  private static final String PAYEE = "1EE4XRnST5dhDrkJN6LN1Tq89Gn714WtYCkcDVZDor9";
  private static final String OPERATOR = "9eXvd9xRChALFugGoDBphcDkRyXf6T4773ZHGpnSHTu";
  private static final String TRADER = "Yd1gjRRe1f566h8HyToNRpmeWVWvb6aqZ2Lf6X2Fm8Yr";
  private static final String SIG0 =
      "R2b3aSbtd8Y6mB5bWTtSJGXY9NUzuzXaM7DTg2H9mr23DAF1kKMoPGgY7Yoe8wZgHnDmayU2RhTuagBbExhbhEaE";
  private static final String SIG1 =
      "wbgew9FphtPzCMfMzDErDy79yG9o6HR7UvTbsn9DShkt27DdkPuQ8nZhqNZkvDt5X723qcgZzdXADC8ECvBKk7e4";
  private static final String SIG2 =
      "9kW5q7MSWUZPUEfQ1hm3wDCTWQpQSDfB7Zs1Mz6tvnyxhSdfDZeNtqHJ8pprBuS9zNybmQrUqCSEoC5tNLX71yPh";

  private final RenderBlockParser parser = new RenderBlockParser(CHAIN, RenderSource.RENDER_MINT, "RENDER",
      Set.of(PAYEE), Fixtures.CLOCK);

  @Test
  void burnsPaymentAndMintOfTheRenderMintBecomeExactlyTheExpectedRecords() throws Exception {
    SourceBatch<DepinUsageEvent> batch = parse("render/getBlock_312456789.json");

    assertThat(batch.deadLetters()).isEmpty();
    assertThat(batch.events()).containsExactly(
        event(SIG0, 1, DepinEventKind.BURN, null, CREATOR, "2500000000"),
        event(SIG1, 0, DepinEventKind.PAYMENT, PAYEE, TRADER, "1000000000"),
        event(SIG1, 2, DepinEventKind.BURN, null, PAYEE, "950000000"),   // inner (CPI) burn of the payment
        event(SIG2, 0, DepinEventKind.MINT, OPERATOR, null, "63380583333333"));
  }

  @Test
  void withoutPaymentRecipientsTransfersAreNotUsage() throws Exception {
    RenderBlockParser noPayments = new RenderBlockParser(CHAIN, RenderSource.RENDER_MINT, "RENDER", Set.of(),
        Fixtures.CLOCK);
    byte[] raw = Fixtures.read("render/getBlock_312456789.json");
    SourceBatch<DepinUsageEvent> batch = noPayments.parse(SLOT, result(raw), raw);
    assertThat(batch.events()).extracting(DepinUsageEvent::getKind)
        .containsExactly(DepinEventKind.BURN, DepinEventKind.BURN, DepinEventKind.MINT);
  }

  @Test
  void malformedTransactionsBecomeDeadLettersAndTheOthersAreKept() throws Exception {
    SourceBatch<DepinUsageEvent> batch = parse("render/getBlock_312456789_malformed_txs.json");

    assertThat(batch.events()).containsExactly(event(SIG0, 1, DepinEventKind.BURN, null, CREATOR, "2500000000"));
    assertThat(batch.deadLetters()).hasSize(2);
    assertThat(batch.deadLetters().get(0).getErrorType()).isEqualTo("MISSING_FIELD");
    assertThat(batch.deadLetters().get(0).getSourceTopic()).isEqualTo("adapter:render:solana-rpc:getBlock#tx=1");
    assertThat(batch.deadLetters().get(1).getErrorType()).isEqualTo("BAD_VALUE");
    assertThat(batch.deadLetters().get(1).getReason()).contains("6.3e13");
    assertThat(batch.deadLetters()).allSatisfy(d -> assertThat(d.getSourceOffset()).isEqualTo(SLOT));
  }

  private SourceBatch<DepinUsageEvent> parse(String fixture) throws MalformedPayloadException {
    byte[] raw = Fixtures.read(fixture);
    return parser.parse(SLOT, result(raw), raw);
  }

  private static JsonNode result(byte[] raw) throws MalformedPayloadException {
    return Json.parse(raw, "test", SLOT).get("result");
  }

  private static DepinUsageEvent event(String signature, int ordinal, DepinEventKind kind, String provider,
      String consumer, String amount) {
    EventMeta meta = EventMeta.newBuilder()
        .setEventId(EventIds.of("solana-instruction", CHAIN, BLOCKHASH, signature, Integer.toString(ordinal)))
        .setChainId(CHAIN)
        .setBlockNumber(SLOT)
        .setBlockHash(BLOCKHASH)
        .setTxHash(signature)
        .setLogIndex(ordinal)
        .setEventTime(TIME)
        .setIngestTime(Fixtures.NOW)
        .setSource("adapter:render:solana-rpc")
        .build();
    return DepinUsageEvent.newBuilder()
        .setMeta(meta)
        .setNetwork(DepinNetwork.RENDER)
        .setKind(kind)
        .setProvider(provider)
        .setConsumer(consumer)
        .setAmount(amount)
        .setDenom("RENDER")
        .setDecimals(8)
        .build();
  }
}
