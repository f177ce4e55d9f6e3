package io.ledgermind.clickhouse;

import io.ledgermind.clickhouse.clientv2.ClientV2Inserter;
import io.ledgermind.clickhouse.clientv2.JdbcClickHouseUrl;
import java.util.Objects;

/**
 * Picks the {@link ClickHouseInserter} for a URL: {@code http://} and {@code https://} get the portable
 * {@link ClickHouseHttpClient}; {@code jdbc:clickhouse://} (or {@code jdbc:ch://}) gets the official client-v2
 * ({@link ClientV2Inserter}), which needs a modern server (20.7+) and the optional dependency
 * {@code com.clickhouse:client-v2} on the classpath.
 *
 * <pre>{@code
 * ClickHouseInserter inserter = ClickHouseInserters.builder()
 *     .url(config.clickHouseUrl())          // http://127.0.0.1:18123 or jdbc:clickhouse://ch.prod:8443/ledgermind?ssl=true
 *     .user("loader").password(secret)
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class ClickHouseInserters {
  private static final String CLIENT_V2_CLASS = "com.clickhouse.client.api.Client";

  private ClickHouseInserters() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Which implementation a URL selects; {@link IllegalArgumentException} for any other scheme. */
  public static Kind kindOf(String url) {
    Objects.requireNonNull(url, "url");
    if (url.startsWith("http://") || url.startsWith("https://")) {
      return Kind.HTTP;
    }
    if (JdbcClickHouseUrl.matches(url)) {
      return Kind.CLIENT_V2;
    }
    throw new IllegalArgumentException("ClickHouse url must start with http://, https://, jdbc:clickhouse:// or"
        + " jdbc:ch://, got: " + url);
  }

  /** The two implementations. */
  public enum Kind {
    /** {@link ClickHouseHttpClient}: any server version. */
    HTTP,
    /** {@link ClientV2Inserter}: the official client, servers 20.7 and later. */
    CLIENT_V2
  }

  /** Builder: url (required), user ({@code default}), password (empty), timeout (30 s). */
  public static final class Builder extends ConnectionBuilder<Builder> {
    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public ClickHouseInserter build() {
      switch (kindOf(url())) {
        case HTTP:
          return copyTo(ClickHouseHttpClient.builder()).build();
        case CLIENT_V2:
          requireClientV2(url());
          return copyTo(ClientV2Inserter.builder()).build();
        default:
          throw new AssertionError(url());
      }
    }

    /** Fails here, naming the dependency, rather than with a NoClassDefFoundError at the first insert. */
    private static void requireClientV2(String url) {
      try {
        Class.forName(CLIENT_V2_CLASS, false, ClickHouseInserters.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(url + " selects the official ClickHouse client, but com.clickhouse:client-v2"
            + " is not on the classpath (an optional dependency of ledgermind-clickhouse: declare it, or use an"
            + " http:// URL)", e);
      }
    }
  }
}
