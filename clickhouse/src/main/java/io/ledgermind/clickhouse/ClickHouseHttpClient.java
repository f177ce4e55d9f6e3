package io.ledgermind.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse over its HTTP interface with {@code java.net.http}: the one protocol that works on Debian's 18.16 server
 * (where every {@code com.clickhouse} driver fails) and on modern servers alike.
 *
 * <p>Rules that keep it portable across server versions: send no settings in the URL except {@code query},
 * {@code user} and {@code password} (unknown settings are errors on old servers), and never ask for compressed
 * responses (18.16 answers {@code compress=1} with an empty 200).
 *
 * <pre>{@code
 * ClickHouseHttpClient client = ClickHouseHttpClient.builder().url("http://127.0.0.1:18123").build();
 * client.execute("CREATE DATABASE IF NOT EXISTS ledgermind");
 * String count = client.query("SELECT count() FROM ledgermind.smoke_events");
 * }</pre>
 *
 * <p>Thread-safe. Serializable so a Flink sink can carry its settings; the HTTP client is rebuilt after
 * deserialization. The portable {@link ClickHouseInserter}: {@link ClickHouseInserters} picks it for {@code http://}
 * URLs.
 */
public final class ClickHouseHttpClient implements ClickHouseInserter {
  private static final long serialVersionUID = 1L;
  /** "Code: 60, e.displayText() = ..." (18.16) and "Code: 60. DB::Exception: ..." (modern servers). */
  private static final Pattern ERROR_CODE = Pattern.compile("Code: (\\d+)");

  private final String url;
  private final String user;
  private final String password;
  private final Duration timeout;
  private transient HttpClient http;

  private ClickHouseHttpClient(Builder builder) {
    String base = builder.url();
    this.url = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.user = builder.user();
    this.password = builder.password();
    this.timeout = builder.timeout();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String url() {
    return url;
  }

  /** Runs a statement (DDL, INSERT ... VALUES, SELECT) and returns the response body. */
  public String execute(String sql) {
    return send(requestUri(null), HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8), sql);
  }

  /** Runs a SELECT and returns its TabSeparated result without the trailing newline. */
  public String query(String sql) {
    return execute(sql + " FORMAT TabSeparated").stripTrailing();
  }

  /** Inserts pre-encoded RowBinary rows into a table in one request. */
  @Override
  public void insert(ClickHouseTable table, byte[] rowBinary) {
    String statement = table.insertStatement();
    send(requestUri(statement), HttpRequest.BodyPublishers.ofByteArray(rowBinary), statement);
  }

  /** {@code SELECT 1}: unlike {@code GET /ping} it also checks the credentials. */
  @Override
  public void ping() {
    execute("SELECT 1");
  }

  /** Nothing to release: {@code java.net.http} closes idle connections itself (and has no close() before Java 21). */
  @Override
  public void close() {}

  private URI requestUri(String queryParameter) {
    StringBuilder uri = new StringBuilder(url).append("/?");
    if (queryParameter != null) {
      uri.append("query=").append(URLEncoder.encode(queryParameter, StandardCharsets.UTF_8)).append('&');
    }
    if (!("default".equals(user) && password.isEmpty())) {
      uri.append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
      uri.append("&password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
    }
    return URI.create(uri.toString());
  }

  private String send(URI uri, HttpRequest.BodyPublisher body, String what) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).POST(body).build();
    HttpResponse<String> response;
    try {
      response = http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new ClickHouseException("ClickHouse " + url + " timed out after " + timeout + ": " + abbreviate(what), -1,
          true, e);
    } catch (IOException e) {
      throw new ClickHouseException("ClickHouse " + url + " unreachable: " + e, -1, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClickHouseException("interrupted while talking to ClickHouse " + url, -1, true, e);
    }
    int status = response.statusCode();
    if (status != 200) {
      // 5xx without an error code in the body is a server in trouble; with "Code: N" it is our statement.
      Matcher code = ERROR_CODE.matcher(response.body());
      int errorCode = code.find() ? Integer.parseInt(code.group(1)) : -1;
      boolean retriable = status >= 500 && errorCode < 0;
      throw new ClickHouseException(
          "ClickHouse " + url + " answered " + status + " to " + abbreviate(what) + ": " + response.body().strip(),
          status, errorCode, retriable, null);
    }
    return response.body();
  }

  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      // HTTP/1.1: ClickHouse does not speak h2c, and the upgrade attempt costs a round trip.
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
      http = client;
    }
    return client;
  }

  private static String abbreviate(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 160 ? "[" + oneLine + "]" : "[" + oneLine.substring(0, 157) + "...]";
  }

  /** Builder for {@link ClickHouseHttpClient}: the url is the base URL of the HTTP interface, e.g. {@code http://127.0.0.1:18123}. */
  public static final class Builder extends ConnectionBuilder<Builder> {
    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public ClickHouseHttpClient build() {
      String url = url();
      if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
        throw new IllegalArgumentException("ClickHouse url must start with http:// or https://, got: " + url);
      }
      return new ClickHouseHttpClient(this);
    }
  }
}
