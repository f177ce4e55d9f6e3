package io.ledgermind.clickhouse.clientv2;

import io.ledgermind.clickhouse.ConnectionBuilder;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.ClickHouseInserter;
import io.ledgermind.clickhouse.ClickHouseTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ClickHouseInserter} over the official ClickHouse Java client, client-v2 (the engine that the JDBC v2 driver
 * {@code com.clickhouse:clickhouse-jdbc} wraps). client-v2 rather than JDBC itself because its insert takes a
 * RowBinary {@link InputStream} with a column list, exactly what the interface hands over; JDBC would make us decode
 * the rows again into {@code PreparedStatement} parameters.
 *
 * <p>For modern servers only (20.7 and later). Against Debian's 18.16 a RowBinary insert does land, but every server
 * error comes back as "Code: 0, Unreadable error message" (client-v2 parses the modern error format), so a bad
 * batch could not be told from an overloaded server, and client-v2's own queries (RowBinaryWithNamesAndTypes,
 * {@code currentUser()}) fail. The first call (insert or {@link #ping()}) therefore reads {@code version()} and
 * refuses an older server with a permanent {@link ClickHouseException} that names the version; use an
 * {@code http://} URL ({@code ClickHouseHttpClient}) there.
 *
 * <pre>{@code
 * ClickHouseInserter inserter = ClientV2Inserter.builder()
 *     .url("jdbc:clickhouse://ch.example:8443/ledgermind?ssl=true").user("loader").password(secret).build();
 * }</pre>
 *
 * <p>Thread-safe; serializable settings, the client is built on first use (and again after deserialization).
 */
public final class ClientV2Inserter implements ClickHouseInserter {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final JdbcClickHouseUrl parsed;
  private final String user;
  private final String password;
  private final Duration timeout;
  private transient volatile Client client;
  private transient volatile boolean serverChecked;

  private ClientV2Inserter(Builder builder) {
    this.url = builder.url();
    this.parsed = JdbcClickHouseUrl.parse(builder.url());
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

  @Override
  public void insert(ClickHouseTable table, byte[] rowBinary) {
    InsertSettings settings = new InsertSettings();
    settings.setNetworkTimeout(timeout.toMillis(), ChronoUnit.MILLIS);
    String what = table.insertStatement();
    if (!serverChecked) {
      ping();
    }
    try (InputStream rows = new ByteArrayInputStream(rowBinary);
        InsertResponse ignored = await(
            client().insert(table.qualifiedName(), table.columns(), rows, ClickHouseFormat.RowBinary, settings),
            what)) {
      // The response only carries statistics; reaching here means the server accepted the whole batch.
    } catch (IOException e) {
      throw new ClickHouseException("ClickHouse " + url + " failed while sending " + what + ": " + e, -1, true, e);
    } catch (RuntimeException e) {
      throw ClientV2Errors.translate(url, what, e);
    } catch (Exception e) { // InsertResponse.close() declares Exception
      throw ClientV2Errors.translate(url, what, e);
    }
  }

  /**
   * Reads {@code version()} through the client: that proves reachability, credentials and a server the client can
   * talk to. An 18.16 server fails it with a permanent error that names the version and the way out.
   */
  @Override
  public void ping() {
    String sql = "SELECT version()";
    String version;
    try (QueryResponse response = await(client().query(sql, new QuerySettings()
        .setFormat(ClickHouseFormat.TabSeparated)), sql)) {
      version = new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (ClickHouseException e) {
      throw e;
    } catch (Exception e) {
      throw ClientV2Errors.translate(url, sql, e);
    }
    ServerVersion.requireSupported(url, version);
    serverChecked = true;
  }

  @Override
  public void close() {
    Client current = client;
    client = null;
    serverChecked = false;
    if (current != null) {
      current.close();
    }
  }

  private <T> T await(CompletableFuture<T> future, String what) {
    try {
      // The client's own socket timeout bounds the request too; this bounds everything else (pool waits, retries).
      return future.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new ClickHouseException("interrupted while talking to ClickHouse " + url, -1, true, e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ClickHouseException("ClickHouse " + url + " timed out after " + timeout.multipliedBy(2) + ": " + what,
          -1, true, e);
    } catch (ExecutionException e) {
      throw ClientV2Errors.translate(url, what, e.getCause() == null ? e : e.getCause());
    }
  }

  private Client client() {
    Client current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          current = build();
          client = current;
        }
      }
    }
    return current;
  }

  private Client build() {
    try {
      Client.Builder builder = new Client.Builder()
          .addEndpoint(parsed.endpoint())
          .setUsername(user)
          .setPassword(password)
          .setConnectTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
          .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
          .setConnectionRequestTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
          // Retries belong to the caller (the sink decides with isRetriable()); hidden ones would stretch timeouts.
          .setMaxRetries(0)
          // Plain bodies both ways: the smallest surface across server versions and proxies.
          .compressServerResponse(false)
          .compressClientRequest(false);
      if (parsed.database() != null) {
        builder.setDefaultDatabase(parsed.database());
      }
      return builder.build();
    } catch (RuntimeException e) {
      throw ClientV2Errors.translate(url, "connect", e);
    }
  }

  /** Builder: url ({@code jdbc:clickhouse://...}, required), user, password, timeout (30 s). */
  public static final class Builder extends ConnectionBuilder<Builder> {
    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** Must be positive: the client treats zero as "wait forever". */
    @Override
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      return super.timeout(timeout);
    }

    public ClientV2Inserter build() {
      String url = url();
      if (url == null || !JdbcClickHouseUrl.matches(url)) {
        throw new IllegalArgumentException("client-v2 url must start with jdbc:clickhouse: or jdbc:ch:, got: " + url);
      }
      return new ClientV2Inserter(this);
    }
  }
}
