package io.ledgermind.ingest.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for the adapters (java.net.http): GET a path or POST a JSON body under a base URL, retrying transient
 * failures with {@link RetryPolicy}. Returns the raw body bytes: the caller parses them, so a malformed body can be
 * dead-lettered byte for byte.
 *
 * <p>Retried: 429, 500, 502, 503, 504, timeouts and I/O errors. Not retried: every other non-2xx status (a wrong URL
 * or method does not heal by waiting). Both end in {@link SourceUnavailableException}, flagged retriable or not.
 *
 * <pre>{@code
 * JsonHttpClient http = JsonHttpClient.builder()
 *     .baseUri(URI.create("http://127.0.0.1:26657"))
 *     .retryPolicy(RetryPolicy.defaults())
 *     .requestTimeout(Duration.ofSeconds(10))
 *     .build();
 * byte[] body = http.get("/block_results?height=123");
 * }</pre>
 */
public final class JsonHttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(JsonHttpClient.class);

  /** Sleeps between attempts (Thread.sleep in production). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final URI baseUri;
  private final HttpClient http;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private final Sleeper sleeper;

  private JsonHttpClient(Builder b) {
    this.baseUri = b.baseUri;
    this.http = b.http != null ? b.http
        : HttpClient.newBuilder().connectTimeout(b.requestTimeout).version(HttpClient.Version.HTTP_1_1).build();
    this.retryPolicy = b.retryPolicy;
    this.requestTimeout = b.requestTimeout;
    this.sleeper = b.sleeper;
  }

  public static Builder builder() {
    return new Builder();
  }

  public URI baseUri() {
    return baseUri;
  }

  /** GET {@code base + pathAndQuery}. */
  public byte[] get(String pathAndQuery) throws SourceUnavailableException, InterruptedException {
    URI uri = resolve(pathAndQuery);
    return send(HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json").GET()
        .build());
  }

  /** POST a JSON body to {@code base + path} (JSON-RPC). */
  public byte[] post(String path, byte[] json) throws SourceUnavailableException, InterruptedException {
    URI uri = resolve(path);
    return send(HttpRequest.newBuilder(uri).timeout(requestTimeout)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
  }

  private URI resolve(String pathAndQuery) {
    String base = baseUri.toString();
    if (base.endsWith("/") && pathAndQuery.startsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pathAndQuery);
  }

  private byte[] send(HttpRequest request) throws SourceUnavailableException, InterruptedException {
    String endpoint = request.method() + " " + request.uri();
    int lastStatus = -1;
    IOException lastError = null;
    for (int attempt = 1; ; attempt++) {
      Duration retryAfter = null;
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        lastStatus = response.statusCode();
        if (lastStatus >= 200 && lastStatus < 300) {
          return response.body();
        }
        if (!isTransient(lastStatus)) {
          throw new SourceUnavailableException(endpoint, lastStatus, attempt, false,
              "refused with HTTP " + lastStatus, null);
        }
        retryAfter = retryAfter(response.headers().firstValue("Retry-After"));
        lastError = null;
      } catch (IOException e) {
        // HttpTimeoutException, ConnectException, a reset mid-body: all transient for a remote node.
        lastError = e;
        lastStatus = -1;
      }
      if (attempt >= retryPolicy.maxAttempts()) {
        throw new SourceUnavailableException(endpoint, lastStatus, attempt, true,
            lastError != null ? "failed: " + lastError : "still answering HTTP " + lastStatus, lastError);
      }
      Duration wait = retryPolicy.backoff(attempt, retryAfter);
      LOG.debug("{} attempt {} failed ({}), retrying in {} ms", endpoint, attempt,
          lastError != null ? lastError.toString() : "HTTP " + lastStatus, wait.toMillis());
      sleeper.sleep(wait);
    }
  }

  static boolean isTransient(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** Retry-After in delta-seconds; the HTTP-date form is rare on RPC gateways and falls back to backoff. */
  static Duration retryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.get().trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Builder for {@link JsonHttpClient}. */
  public static final class Builder {
    private URI baseUri;
    private HttpClient http;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder() {}

    /** Endpoint base, e.g. {@code http://127.0.0.1:26657} or {@code https://api.mainnet-beta.solana.com}. */
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

    /** A shared client (connection pool); default: one of its own. */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    /** How to wait between attempts; tests pass a recording no-op. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public JsonHttpClient build() {
      Objects.requireNonNull(baseUri, "baseUri");
      Objects.requireNonNull(retryPolicy, "retryPolicy");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(sleeper, "sleeper");
      String scheme = baseUri.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("baseUri must be http(s): " + baseUri);
      }
      return new JsonHttpClient(this);
    }
  }
}
