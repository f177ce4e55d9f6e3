package io.ledgermind.ingest.depin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.source.Json;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.MalformedPayloadException.Problem;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts RENDER token flows from a Solana {@code getBlock} result in {@code jsonParsed} encoding: SPL Token
 * {@code burn}/{@code burnChecked} of the RENDER mint become {@code BURN} (Burn-Mint Equilibrium: creators' payments
 * are burned), {@code mintTo}/{@code mintToChecked} become {@code MINT} (node-operator emissions), and
 * {@code transfer}/{@code transferChecked} into a configured payment account owner become {@code PAYMENT}. Other
 * transfers of the token (trading) are not usage and are ignored.
 *
 * <p>Instructions are read in execution order: each top-level instruction, then the inner (CPI) instructions it
 * invoked ({@code meta.innerInstructions[].index}). Their ordinal in that order is the event's {@code logIndex}.
 * Token accounts are resolved to their owner wallets through {@code meta.pre/postTokenBalances}. Failed
 * transactions ({@code meta.err} not null) changed no balance and are skipped.
 *
 * <p>Render's own job records (render jobs, OctaneBench hours) are not published on chain; this adapter sees their
 * token side only.
 */
final class RenderBlockParser {
  static final String SOURCE = "adapter:render:solana-rpc";
  static final String PROCESSOR = "ingest:render-adapter";
  private static final Set<String> TOKEN_PROGRAMS = Set.of("spl-token", "spl-token-2022");

  private final String chainId;
  private final String mint;
  private final String denom;
  private final Set<String> paymentRecipients;
  private final Clock clock;

  RenderBlockParser(String chainId, String mint, String denom, Set<String> paymentRecipients, Clock clock) {
    this.chainId = chainId;
    this.mint = mint;
    this.denom = denom;
    this.paymentRecipients = Set.copyOf(paymentRecipients);
    this.clock = clock;
  }

  /** Events of the block {@code result} (the JSON-RPC result object) at {@code slot}. */
  SourceBatch<DepinUsageEvent> parse(long slot, JsonNode result, byte[] raw) {
    String source = SOURCE + ":getBlock";
    String blockhash;
    Instant time;
    JsonNode transactions;
    try {
      blockhash = Json.text(result, "blockhash", source, slot, raw);
      time = Instant.ofEpochSecond(Json.unsignedLong(result, "blockTime", source, slot, raw));
      transactions = result.path("transactions");
      if (!transactions.isArray()) {
        throw new MalformedPayloadException(Problem.MISSING_FIELD, source, slot, raw, "missing transactions");
      }
    } catch (MalformedPayloadException e) {
      return new SourceBatch<>(List.of(), List.of(e.toDeadLetter(PROCESSOR, clock.instant())));
    }
    List<DepinUsageEvent> events = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();
    for (int t = 0; t < transactions.size(); t++) {
      JsonNode tx = transactions.get(t);
      try {
        // All of a transaction's events or none: a bad instruction dead-letters the whole transaction.
        List<DepinUsageEvent> txEvents = new ArrayList<>();
        new TxReader(slot, blockhash, time, tx, source + "#tx=" + t).read(txEvents);
        events.addAll(txEvents);
      } catch (MalformedPayloadException e) {
        dead.add(e.toDeadLetter(PROCESSOR, clock.instant()));
      }
    }
    return new SourceBatch<>(events, dead);
  }

  /** One transaction: its accounts, token balances and instructions. */
  private final class TxReader {
    private final long slot;
    private final String blockhash;
    private final Instant time;
    private final JsonNode tx;
    private final String source;
    private final byte[] context;
    private final Map<String, TokenAccount> tokenAccounts = new HashMap<>();
    private String signature;
    private int ordinal;

    TxReader(long slot, String blockhash, Instant time, JsonNode tx, String source) {
      this.slot = slot;
      this.blockhash = blockhash;
      this.time = time;
      this.tx = tx;
      this.source = source;
      this.context = Json.bytes(tx);
    }

    void read(List<DepinUsageEvent> out) throws MalformedPayloadException {
      JsonNode meta = Json.required(tx, "meta", source, slot, context);
      if (meta.has("err") && !meta.get("err").isNull()) {
        return;
      }
      JsonNode transaction = Json.required(tx, "transaction", source, slot, context);
      JsonNode signatures = Json.required(transaction, "signatures", source, slot, context);
      if (!signatures.isArray() || signatures.isEmpty() || !signatures.get(0).isTextual()) {
        throw new MalformedPayloadException(Problem.BAD_VALUE, source, slot, context, "no signature");
      }
      signature = signatures.get(0).asText();
      JsonNode message = Json.required(transaction, "message", source, slot, context);
      List<String> keys = accountKeys(Json.required(message, "accountKeys", source, slot, context));
      balances(meta.path("preTokenBalances"), keys);
      balances(meta.path("postTokenBalances"), keys);
      Map<Integer, JsonNode> inner = new HashMap<>();
      for (JsonNode group : meta.path("innerInstructions")) {
        inner.put(group.path("index").asInt(-1), group.path("instructions"));
      }
      JsonNode instructions = Json.required(message, "instructions", source, slot, context);
      for (int i = 0; i < instructions.size(); i++) {
        instruction(instructions.get(i), out);
        for (JsonNode cpi : inner.getOrDefault(i, Json.mapper().createArrayNode())) {
          instruction(cpi, out);
        }
      }
    }

    private void instruction(JsonNode ix, List<DepinUsageEvent> out) throws MalformedPayloadException {
      int position = ordinal++;
      JsonNode parsed = ix.get("parsed");
      if (!TOKEN_PROGRAMS.contains(ix.path("program").asText()) || parsed == null || !parsed.isObject()) {
        return;
      }
      String type = parsed.path("type").asText();
      JsonNode info = parsed.path("info");
      switch (type) {
        case "burn", "burnChecked" -> {
          if (ofOurMint(info, "account")) {
            TokenAccount account = tokenAccounts.get(Json.text(info, "account", source, slot, context));
            String payer = account != null ? account.owner : authority(info);
            out.add(event(position, DepinEventKind.BURN, null, payer, amount(info), decimals(info, account)));
          }
        }
        case "mintTo", "mintToChecked" -> {
          if (ofOurMint(info, "account")) {
            TokenAccount account = tokenAccounts.get(Json.text(info, "account", source, slot, context));
            String recipient = account != null ? account.owner : Json.text(info, "account", source, slot, context);
            out.add(event(position, DepinEventKind.MINT, recipient, null, amount(info), decimals(info, account)));
          }
        }
        case "transfer", "transferChecked" -> {
          if (ofOurMint(info, "source")) {
            TokenAccount to = tokenAccounts.get(Json.text(info, "destination", source, slot, context));
            if (to != null && paymentRecipients.contains(to.owner)) {
              TokenAccount from = tokenAccounts.get(Json.text(info, "source", source, slot, context));
              String payer = from != null ? from.owner : authority(info);
              out.add(event(position, DepinEventKind.PAYMENT, to.owner, payer, amount(info), decimals(info, to)));
            }
          }
        }
        default -> { }
      }
    }

    /** Whether the instruction moves our mint: {@code info.mint}, or for unchecked transfers the account's mint. */
    private boolean ofOurMint(JsonNode info, String accountField) throws MalformedPayloadException {
      JsonNode mintField = info.get("mint");
      if (mintField != null && mintField.isTextual()) {
        return mint.equals(mintField.asText());
      }
      TokenAccount account = tokenAccounts.get(Json.text(info, accountField, source, slot, context));
      return account != null && mint.equals(account.mint);
    }

    private String authority(JsonNode info) {
      JsonNode authority = info.has("authority") ? info.get("authority") : info.get("multisigAuthority");
      return authority == null ? null : authority.asText();
    }

    private String amount(JsonNode info) throws MalformedPayloadException {
      JsonNode container = info.has("tokenAmount") ? info.get("tokenAmount") : info;
      return Json.unsigned(container, "amount", source, slot, context).toString();
    }

    private Integer decimals(JsonNode info, TokenAccount account) {
      JsonNode decimals = info.path("tokenAmount").get("decimals");
      if (decimals != null && decimals.canConvertToInt()) {
        return decimals.asInt();
      }
      return account == null ? null : account.decimals;
    }

    private DepinUsageEvent event(int position, DepinEventKind kind, String provider, String consumer, String amount,
        Integer decimals) {
      EventMeta meta = EventMeta.newBuilder()
          .setEventId(EventIds.of("solana-instruction", chainId, blockhash, signature, Integer.toString(position)))
          .setChainId(chainId)
          .setBlockNumber(slot)
          .setBlockHash(blockhash)
          .setTxHash(signature)
          .setLogIndex(position)
          .setEventTime(time)
          .setIngestTime(clock.instant().truncatedTo(ChronoUnit.MILLIS))
          .setSource(SOURCE)
          .build();
      return DepinUsageEvent.newBuilder()
          .setMeta(meta)
          .setNetwork(DepinNetwork.RENDER)
          .setKind(kind)
          .setProvider(provider)
          .setConsumer(consumer)
          .setAmount(amount)
          .setDenom(denom)
          .setDecimals(decimals)
          .build();
    }

    /** accountKeys as objects ({@code jsonParsed}: pubkey, signer, writable, source) or plain strings. */
    private List<String> accountKeys(JsonNode list) throws MalformedPayloadException {
      if (!list.isArray()) {
        throw new MalformedPayloadException(Problem.BAD_VALUE, source, slot, context, "accountKeys is not an array");
      }
      List<String> keys = new ArrayList<>(list.size());
      for (JsonNode key : list) {
        keys.add(key.isTextual() ? key.asText() : Json.text(key, "pubkey", source, slot, context));
      }
      return keys;
    }

    private void balances(JsonNode list, List<String> keys) throws MalformedPayloadException {
      for (JsonNode balance : list) {
        int index = (int) Json.unsignedLong(balance, "accountIndex", source, slot, context);
        if (index >= keys.size()) {
          throw new MalformedPayloadException(Problem.INCONSISTENT, source, slot, context,
              "token balance for account index " + index + " of " + keys.size());
        }
        JsonNode ui = balance.path("uiTokenAmount");
        tokenAccounts.put(keys.get(index), new TokenAccount(Json.text(balance, "mint", source, slot, context),
            balance.path("owner").asText(null), ui.path("decimals").canConvertToInt() ? ui.get("decimals").asInt()
            : null));
      }
    }
  }

  private record TokenAccount(String mint, String owner, Integer decimals) {}
}
