package io.ledgermind.ingest.depin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.depin.AkashEventDecoder.MarketEvent;
import io.ledgermind.ingest.source.Json;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.MalformedPayloadException.Problem;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one height's CometBFT RPC {@code /block} and {@code /block_results} responses into Akash market
 * {@link DepinUsageEvent}s. {@code /block} gives the chain id, time, block hash and the raw transactions (whose
 * SHA-256 is the tx hash); {@code /block_results} gives each transaction's result code and events, plus block-level
 * events ({@code begin_block_events}/{@code end_block_events} up to CometBFT 0.37, {@code finalize_block_events}
 * since 0.38), where e.g. leases closed for insufficient funds appear.
 *
 * <p>Failed transactions (code ≠ 0) change nothing on chain and are skipped. A response that cannot be read at all
 * becomes one dead letter for the height; a single malformed market event becomes a dead letter of its own and the
 * rest of the block is kept.
 */
final class AkashBlockParser {
  static final String SOURCE = "adapter:akash:tendermint-rpc";
  static final String PROCESSOR = "ingest:akash-adapter";
  private static final Map<String, Integer> DECIMALS = Map.of("uakt", 6, "uact", 6);
  private static final String[] BLOCK_SCOPES = {"begin_block_events", "end_block_events", "finalize_block_events"};

  private final Clock clock;

  AkashBlockParser(Clock clock) {
    this.clock = clock;
  }

  SourceBatch<DepinUsageEvent> parse(long height, byte[] blockRaw, byte[] resultsRaw) {
    Header header;
    JsonNode results;
    try {
      header = header(height, blockRaw);
      results = results(height, resultsRaw, header.txs.size());
    } catch (MalformedPayloadException e) {
      return new SourceBatch<>(List.of(), List.of(e.toDeadLetter(PROCESSOR, clock.instant())));
    }
    List<DepinUsageEvent> events = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();
    JsonNode txResults = results.path("txs_results");
    for (int i = 0; i < header.txs.size(); i++) {
      JsonNode txResult = txResults.get(i);
      if (txResult.path("code").asLong(0) != 0) {
        continue;
      }
      String txHash;
      try {
        txHash = txHash(header.txs.get(i), height, i);
      } catch (MalformedPayloadException e) {
        dead.add(e.toDeadLetter(PROCESSOR, clock.instant()));
        continue;
      }
      scan(header, txResult.path("events"), txHash, "tx=" + i, events, dead);
    }
    for (String scope : BLOCK_SCOPES) {
      scan(header, results.path(scope), null, scope, events, dead);
    }
    return new SourceBatch<>(events, dead);
  }

  private void scan(Header header, JsonNode list, String txHash, String scope, List<DepinUsageEvent> events,
      List<DeadLetter> dead) {
    if (!list.isArray()) {
      return;
    }
    for (int j = 0; j < list.size(); j++) {
      String location = SOURCE + ":block_results#" + scope + ",event=" + j;
      try {
        Optional<MarketEvent> market = AkashEventDecoder.decode(list.get(j), location, header.height);
        if (market.isPresent()) {
          events.add(toUsage(header, market.get(), txHash, scope, j));
        }
      } catch (MalformedPayloadException e) {
        dead.add(e.toDeadLetter(PROCESSOR, clock.instant()));
      }
    }
  }

  private DepinUsageEvent toUsage(Header header, MarketEvent market, String txHash, String scope, int index) {
    String eventId = EventIds.of("cosmos-event", header.chainId, header.blockHash, txHash == null ? scope : txHash,
        Integer.toString(index));
    EventMeta meta = EventMeta.newBuilder()
        .setEventId(eventId)
        .setChainId(header.chainId)
        .setBlockNumber(header.height)
        .setBlockHash(header.blockHash)
        .setTxHash(txHash)
        .setLogIndex(index)
        .setEventTime(header.time)
        .setIngestTime(clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .setSource(SOURCE)
        .build();
    return DepinUsageEvent.newBuilder()
        .setMeta(meta)
        .setNetwork(DepinNetwork.AKASH)
        .setKind(market.kind())
        .setProvider(market.provider())
        .setConsumer(market.owner())
        .setWorkId(market.workId())
        .setDenom(market.denom())
        .setDecimals(market.denom() == null ? null : DECIMALS.get(market.denom()))
        .setPricePerBlock(market.priceAmount())
        .build();
  }

  private static Header header(long height, byte[] raw) throws MalformedPayloadException {
    String source = SOURCE + ":block";
    JsonNode result = Json.required(Json.parse(raw, source, height), "result", source, height, raw);
    JsonNode block = Json.required(result, "block", source, height, raw);
    JsonNode head = Json.required(block, "header", source, height, raw);
    long reported = Json.unsignedLong(head, "height", source, height, raw);
    if (reported != height) {
      throw new MalformedPayloadException(Problem.INCONSISTENT, source, height, raw,
          "asked for height " + height + " but got " + reported);
    }
    String chain = Json.text(head, "chain_id", source, height, raw);
    Instant time;
    try {
      time = Instant.parse(Json.text(head, "time", source, height, raw)).truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, raw, "header.time is not RFC 3339");
    }
    String hash = Json.text(Json.required(result, "block_id", source, height, raw), "hash", source, height, raw);
    if (!hash.matches("[0-9A-Fa-f]{64}")) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, raw, "block_id.hash is not 32-byte hex");
    }
    List<String> txs = new ArrayList<>();
    JsonNode txList = block.path("data").path("txs");
    if (txList.isArray()) {
      txList.forEach(tx -> txs.add(tx.asText()));
    } else if (!txList.isMissingNode() && !txList.isNull()) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, raw, "block.data.txs is not an array");
    }
    return new Header("cosmos:" + chain, height, "0x" + hash.toLowerCase(Locale.ROOT), time, txs);
  }

  private static JsonNode results(long height, byte[] raw, int txCount) throws MalformedPayloadException {
    String source = SOURCE + ":block_results";
    JsonNode result = Json.required(Json.parse(raw, source, height), "result", source, height, raw);
    long reported = Json.unsignedLong(result, "height", source, height, raw);
    if (reported != height) {
      throw new MalformedPayloadException(Problem.INCONSISTENT, source, height, raw,
          "asked for height " + height + " but got " + reported);
    }
    JsonNode txResults = result.path("txs_results");
    int results = txResults.isArray() ? txResults.size() : 0;
    if (results != txCount) {
      throw new MalformedPayloadException(Problem.INCONSISTENT, source, height, raw,
          "block has " + txCount + " transactions but " + results + " results");
    }
    return result;
  }

  /** CometBFT tx hash: SHA-256 of the raw transaction bytes. */
  private static String txHash(String base64, long height, int index) throws MalformedPayloadException {
    byte[] tx;
    try {
      tx = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, SOURCE + ":block#tx=" + index, height,
          base64.getBytes(java.nio.charset.StandardCharsets.UTF_8), "transaction is not base64");
    }
    try {
      return "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tx));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private record Header(String chainId, long height, String blockHash, Instant time, List<String> txs) {}
}
