package io.ledgermind.ingest.bittensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.source.JsonHttpClient;
import io.ledgermind.ingest.source.JsonRpcClient;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.RetryPolicy;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.ingest.source.SourceUnavailableException;
import io.ledgermind.world.bittensor.EmissionRule;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Subnet snapshots from a subtensor node over its standard Substrate JSON-RPC (HTTP POST):
 * {@code chain_getBlockHash(n)} pins the block, then one {@code state_queryStorageAt(keys, hash)} reads every
 * storage item of every configured subnet at that block, consistently (see {@link SubtensorStorage} for the keys,
 * {@link SubtensorSnapshotParser} for the fields). Head: {@code chain_getHeader()}.
 *
 * <p>Why raw storage rather than subtensor's runtime API ({@code subnetInfo_getDynamicInfo}) or an indexer: the
 * runtime API returns a SCALE-encoded struct whose layout changes with most runtime upgrades (subtensor freezes it
 * with a hash), and indexers (Taostats) need API keys and document no stable schema; storage items are stable, each
 * is a plain SCALE integer, and any archive node serves them at any past block.
 *
 * <pre>{@code
 * SubtensorSource subtensor = SubtensorSource.builder()
 *     .baseUri(URI.create("http://127.0.0.1:9944"))
 *     .netuids(List.of(1, 2, 3, 4))
 *     .build();
 * SourceBatch<SubnetSnapshot> batch = subtensor.snapshotsAt(5_000_040);
 * }</pre>
 */
public final class SubtensorSource implements SubnetSource {
  private final JsonRpcClient rpc;
  private final SubtensorSnapshotParser parser;
  private final List<Integer> netuids;
  private final List<String> keys;
  private final Clock clock;

  private SubtensorSource(Builder b) {
    JsonHttpClient http = JsonHttpClient.builder().baseUri(b.baseUri).retryPolicy(b.retryPolicy)
        .requestTimeout(b.requestTimeout).sleeper(b.sleeper).build();
    this.rpc = new JsonRpcClient(http, "");
    this.parser = new SubtensorSnapshotParser(b.chainId, b.emissionRule.name(), b.defaultTempo, b.clock);
    this.netuids = List.copyOf(b.netuids);
    this.keys = SubtensorSnapshotParser.keys(netuids);
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "subtensor";
  }

  @Override
  public long latestHeight() throws SourceUnavailableException, InterruptedException {
    try {
      JsonRpcClient.Reply reply = rpc.call("chain_getHeader", List.of(), SubtensorSnapshotParser.SOURCE, -1);
      String number = reply.isError() ? null : reply.result().path("number").asText(null);
      if (number == null || !number.matches("0x[0-9a-fA-F]{1,16}")) {
        throw new SourceUnavailableException("chain_getHeader", 200, 1, true, "no block number in reply", null);
      }
      return Long.parseUnsignedLong(number.substring(2), 16);
    } catch (MalformedPayloadException e) {
      throw new SourceUnavailableException("chain_getHeader", 200, 1, true, e.getMessage(), e);
    }
  }

  @Override
  public SourceBatch<SubnetSnapshot> snapshotsAt(long height) throws SourceUnavailableException,
      InterruptedException {
    String hashSource = SubtensorSnapshotParser.SOURCE + ":chain_getBlockHash";
    try {
      JsonRpcClient.Reply hashReply = rpc.call("chain_getBlockHash", List.of(height), hashSource, height);
      if (hashReply.isError() || hashReply.result().isNull()) {
        // Not produced yet (or pruned on a non-archive node): nothing to read at this height now.
        throw new SourceUnavailableException("chain_getBlockHash(" + height + ")", 200, 1, !hashReply.isError(),
            hashReply.isError() ? "RPC error " + hashReply.errorCode() + ": " + hashReply.errorMessage()
                : "no block at this height yet", null);
      }
      String hash = hashReply.result().asText();
      if (!hash.matches("0x[0-9a-fA-F]{64}")) {
        throw hashReply.asFailure(hashSource, height);
      }
      String querySource = SubtensorSnapshotParser.SOURCE + ":state_queryStorageAt";
      JsonRpcClient.Reply state = rpc.call("state_queryStorageAt", List.of(keys, hash), querySource, height);
      if (state.isError()) {
        throw new SourceUnavailableException("state_queryStorageAt at " + hash, 200, 1, false,
            "RPC error " + state.errorCode() + ": " + state.errorMessage(), null);
      }
      JsonNode result = state.result();
      return parser.parse(height, hash.toLowerCase(java.util.Locale.ROOT), result, state.raw(), netuids);
    } catch (MalformedPayloadException e) {
      return new SourceBatch<>(List.of(), List.of(e.toDeadLetter(SubtensorSnapshotParser.PROCESSOR,
          clock.instant())));
    }
  }

  /** Builder for {@link SubtensorSource}. */
  public static final class Builder {
    private URI baseUri;
    private List<Integer> netuids = List.of();
    private String chainId = "bittensor:finney";
    private EmissionRule emissionRule = EmissionRule.PRICE_EMA;
    private int defaultTempo = 360;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration requestTimeout = Duration.ofSeconds(20);
    private JsonHttpClient.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Substrate JSON-RPC over HTTP, e.g. {@code http://127.0.0.1:9944} (subtensor's default RPC port). */
    public Builder baseUri(URI baseUri) {
      this.baseUri = baseUri;
      return this;
    }

    /** Subnets to snapshot (root, netuid 0, has no pool and is usually left out). */
    public Builder netuids(List<Integer> netuids) {
      this.netuids = List.copyOf(netuids);
      return this;
    }

    /** CAIP-2-style chain id written into events; default {@code bittensor:finney}. */
    public Builder chainId(String chainId) {
      this.chainId = chainId;
      return this;
    }

    /**
     * The share rule the chain applies at the heights read; not derivable from storage, so configuration
     * (PRICE_EMA on subtensor main since 2026-06-22, TAOFLOW from Nov 2025 until then).
     */
    public Builder emissionRule(EmissionRule emissionRule) {
      this.emissionRule = emissionRule;
      return this;
    }

    /** Tempo when a subnet stores none (the runtime's default, 360 on finney). */
    public Builder defaultTempo(int defaultTempo) {
      this.defaultTempo = defaultTempo;
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

    public SubtensorSource build() {
      Objects.requireNonNull(baseUri, "baseUri");
      Objects.requireNonNull(emissionRule, "emissionRule");
      if (netuids.isEmpty()) {
        throw new IllegalArgumentException("netuids: name at least one subnet");
      }
      return new SubtensorSource(this);
    }
  }
}
