package io.ledgermind.ingest.depin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.source.Json;
import io.ledgermind.ingest.source.JsonHttpClient;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.RetryPolicy;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.ingest.source.SourceUnavailableException;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Akash lease lifecycles from a CometBFT (Tendermint) RPC node of akashnet-2: per height {@code GET /block?height=h}
 * and {@code GET /block_results?height=h} (see {@link AkashBlockParser} for what is read), head from
 * {@code GET /status}. Why the RPC and not the LCD REST API: {@code block_results} carries block-level events
 * (leases closed by the escrow module for insufficient funds) that no per-transaction REST query returns.
 *
 * <pre>{@code
 * AkashSource akash = AkashSource.builder()
 *     .baseUri(URI.create("https://rpc.akashnet.example:443"))
 *     .retryPolicy(RetryPolicy.defaults())
 *     .build();
 * SourceBatch<DepinUsageEvent> batch = akash.read(21_000_000);
 * }</pre>
 */
public final class AkashSource implements DepinSource {
  private final JsonHttpClient http;
  private final AkashBlockParser parser;

  private AkashSource(Builder b) {
    this.http = JsonHttpClient.builder().baseUri(b.baseUri).retryPolicy(b.retryPolicy)
        .requestTimeout(b.requestTimeout).sleeper(b.sleeper).build();
    this.parser = new AkashBlockParser(b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "akash";
  }

  @Override
  public long latestHeight() throws SourceUnavailableException, InterruptedException {
    byte[] raw = http.get("/status");
    try {
      JsonNode syncInfo = Json.required(Json.required(Json.parse(raw, AkashBlockParser.SOURCE + ":status", -1),
          "result", "status", -1, raw), "sync_info", "status", -1, raw);
      return Json.unsignedLong(syncInfo, "latest_block_height", "status", -1, raw);
    } catch (MalformedPayloadException e) {
      // No height to dead-letter against: an unreadable /status means the endpoint is not usable.
      throw new SourceUnavailableException(http.baseUri() + "/status", 200, 1, true, e.getMessage(), e);
    }
  }

  @Override
  public SourceBatch<DepinUsageEvent> read(long height) throws SourceUnavailableException, InterruptedException {
    byte[] block = http.get("/block?height=" + height);
    byte[] results = http.get("/block_results?height=" + height);
    rejectRpcError(block, "/block", height);
    rejectRpcError(results, "/block_results", height);
    return parser.parse(height, block, results);
  }

  /**
   * A JSON-RPC error (height pruned or not yet produced) is the node saying "not here", not bad data: reading the
   * height again later, or from another node, may work, so it must not be dead-lettered and skipped.
   */
  private void rejectRpcError(byte[] raw, String path, long height) throws SourceUnavailableException {
    JsonNode node;
    try {
      node = Json.parse(raw, AkashBlockParser.SOURCE, height);
    } catch (MalformedPayloadException e) {
      return; // the parser dead-letters it with the bytes
    }
    JsonNode error = node.get("error");
    if (error != null && !error.isNull()) {
      throw new SourceUnavailableException(http.baseUri() + path + "?height=" + height, 200, 1, false,
          "RPC error " + error.path("code").asText() + " " + error.path("message").asText() + " "
              + error.path("data").asText(""), null);
    }
  }

  /** Builder for {@link AkashSource}. */
  public static final class Builder {
    private URI baseUri;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration requestTimeout = Duration.ofSeconds(15);
    private JsonHttpClient.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** CometBFT RPC base, e.g. {@code http://127.0.0.1:26657}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = baseUri;
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

    /** Source of ingest times and dead-letter timestamps. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public AkashSource build() {
      Objects.requireNonNull(baseUri, "baseUri");
      Objects.requireNonNull(clock, "clock");
      return new AkashSource(this);
    }
  }
}
