package io.ledgermind.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Connects a test class to the stack's ClickHouse server and gives it a database of its own, dropped after the class.
 *
 * <pre>{@code
 * @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
 *
 * @Test void counts() {
 *   CLICKHOUSE.execute("CREATE TABLE " + CLICKHOUSE.database() + ".t (x UInt8) ENGINE = Memory");
 *   assertThat(CLICKHOUSE.query("SELECT count() FROM " + CLICKHOUSE.database() + ".t")).isEqualTo("0");
 * }
 * }</pre>
 *
 * <p>Talks plain HTTP with only the settings every server version knows (Debian's 18.16 rejects unknown ones), and
 * never asks for compressed responses (18.16 answers {@code compress=1} with an empty body).
 */
public final class ClickHouseExtension implements BeforeAllCallback, AfterAllCallback {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private StackEndpoints endpoints;
  private String database;

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoints = TestStack.endpoints();
    database = UniqueNames.forClass("lm_test", context.getRequiredTestClass());
    execute("CREATE DATABASE " + database);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (database != null) {
      execute("DROP DATABASE IF EXISTS " + database);
      database = null;
    }
  }

  /** The database created for this test class. */
  public String database() {
    return database;
  }

  public String url() {
    return endpoints.clickHouseUrl();
  }

  public String user() {
    return endpoints.clickHouseUser();
  }

  public String password() {
    return endpoints.clickHousePassword();
  }

  /** Runs one statement; returns the response body. Fails with ClickHouse's own error text. */
  public String execute(String sql) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + "/" + credentialsQuery()))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "ClickHouse " + url() + " answered " + response.statusCode() + " to [" + sql + "]: "
                + response.body().strip());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse " + url() + " unreachable for [" + sql + "]", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Runs a query and returns its TabSeparated result without the trailing newline. */
  public String query(String sql) {
    return execute(sql + " FORMAT TabSeparated").stripTrailing();
  }

  private String credentialsQuery() {
    if ("default".equals(user()) && password().isEmpty()) {
      return "";
    }
    return "?user=" + URLEncoder.encode(user(), StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password(), StandardCharsets.UTF_8);
  }
}
