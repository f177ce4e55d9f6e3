package io.ledgermind.ingest.depin;

import io.ledgermind.ingest.source.JsonHttpClient;
import io.ledgermind.ingest.source.JsonRpcClient;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.RetryPolicy;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.ingest.source.SourceUnavailableException;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * RENDER burns, emission mints and payments from a Solana JSON-RPC node: {@code getBlock(slot, {encoding:
 * "jsonParsed", transactionDetails: "full", rewards: false, maxSupportedTransactionVersion: 0})} per slot (see
 * {@link RenderBlockParser}), {@code getSlot} for the head. Slots the leader skipped (errors -32007 and -32009) are
 * empty, as they are on chain. RENDER has lived on Solana since the 2023 migration, so its Burn-Mint Equilibrium is
 * visible there as SPL Token instructions; the ERC-20 side is the EVM reader's business.
 *
 * <p>Reading whole blocks costs bandwidth (mainnet blocks carry thousands of transactions); it is chosen over
 * {@code getSignaturesForAddress} + {@code getTransaction} because a slot is a stable, replayable cursor that fits the
 * {@link DepinSource} contract, and it sees CPI burns by programs that never list the mint account.
 *
 * <pre>{@code
 * RenderSource render = RenderSource.builder()
 *     .baseUri(URI.create("http://127.0.0.1:8899"))
 *     .paymentRecipients(Set.of("<Render payment wallet>"))
 *     .build();
 * SourceBatch<DepinUsageEvent> batch = render.read(render.latestHeight());
 * }</pre>
 */
public final class RenderSource implements DepinSource {
  /** RENDER's SPL mint on Solana mainnet. Configuration: a token migration would change it. */
  public static final String RENDER_MINT = "rndrizKT3MK1iimdxRdWabcF7Zg7AR5T4nud4EkHBof";
  /** CAIP-2 id of Solana mainnet-beta (genesis hash prefix). */
  public static final String SOLANA_MAINNET = "solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp";
  private static final Set<Integer> SKIPPED_SLOT_ERRORS = Set.of(-32007, -32009);

  private final JsonRpcClient rpc;
  private final RenderBlockParser parser;
  private final String commitment;
  private final Clock clock;

  private RenderSource(Builder b) {
    JsonHttpClient http = JsonHttpClient.builder().baseUri(b.baseUri).retryPolicy(b.retryPolicy)
        .requestTimeout(b.requestTimeout).sleeper(b.sleeper).build();
    this.rpc = new JsonRpcClient(http, "");
    this.parser = new RenderBlockParser(b.chainId, b.mint, b.denom, b.paymentRecipients, b.clock);
    this.commitment = b.commitment;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "render";
  }

  @Override
  public long latestHeight() throws SourceUnavailableException, InterruptedException {
    try {
      JsonRpcClient.Reply reply = rpc.call("getSlot", List.of(Map.of("commitment", commitment)),
          RenderBlockParser.SOURCE + ":getSlot", -1);
      if (reply.isError() || !reply.result().canConvertToLong()) {
        throw new SourceUnavailableException("getSlot", 200, 1, true, "no slot in reply", null);
      }
      return reply.result().asLong();
    } catch (MalformedPayloadException e) {
      throw new SourceUnavailableException("getSlot", 200, 1, true, e.getMessage(), e);
    }
  }

  @Override
  public SourceBatch<DepinUsageEvent> read(long slot) throws SourceUnavailableException, InterruptedException {
    String source = RenderBlockParser.SOURCE + ":getBlock";
    JsonRpcClient.Reply reply;
    try {
      reply = rpc.call("getBlock", List.of(slot, Map.of("encoding", "jsonParsed", "transactionDetails", "full",
          "rewards", false, "maxSupportedTransactionVersion", 0, "commitment", commitment)), source, slot);
    } catch (MalformedPayloadException e) {
      return new SourceBatch<>(List.of(), List.of(e.toDeadLetter(RenderBlockParser.PROCESSOR, clock.instant())));
    }
    if (reply.isError()) {
      if (SKIPPED_SLOT_ERRORS.contains(reply.errorCode())) {
        return SourceBatch.empty();
      }
      // e.g. -32004 "Block not available for slot": not produced or not confirmed yet; try again later.
      throw new SourceUnavailableException("getBlock(" + slot + ")", 200, 1, true,
          "RPC error " + reply.errorCode() + ": " + reply.errorMessage(), null);
    }
    if (reply.result() == null || reply.result().isNull()) {
      return SourceBatch.empty();
    }
    return parser.parse(slot, reply.result(), reply.raw());
  }

  /** Builder for {@link RenderSource}. */
  public static final class Builder {
    private URI baseUri;
    private String chainId = SOLANA_MAINNET;
    private String mint = RENDER_MINT;
    private String denom = "RENDER";
    private Set<String> paymentRecipients = Set.of();
    private String commitment = "finalized";
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration requestTimeout = Duration.ofSeconds(30);
    private JsonHttpClient.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Solana JSON-RPC endpoint, e.g. {@code http://127.0.0.1:8899}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = baseUri;
      return this;
    }

    /** CAIP-2 chain id written into events (default Solana mainnet-beta). */
    public Builder chainId(String chainId) {
      this.chainId = chainId;
      return this;
    }

    /** SPL mint of the token (default RENDER). */
    public Builder mint(String mint) {
      this.mint = mint;
      return this;
    }

    public Builder denom(String denom) {
      this.denom = denom;
      return this;
    }

    /** Wallets (token-account owners) whose incoming transfers are job payments; default none. */
    public Builder paymentRecipients(Set<String> owners) {
      this.paymentRecipients = Set.copyOf(owners);
      return this;
    }

    /** {@code finalized} (default) or {@code confirmed}. */
    public Builder commitment(String commitment) {
      this.commitment = commitment;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder sleeper(JsonHttpClient.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public RenderSource build() {
      Objects.requireNonNull(baseUri, "baseUri");
      Objects.requireNonNull(mint, "mint");
      Objects.requireNonNull(chainId, "chainId");
      if (!commitment.equals("finalized") && !commitment.equals("confirmed")) {
        throw new IllegalArgumentException("commitment must be finalized or confirmed: " + commitment);
      }
      return new RenderSource(this);
    }
  }
}
