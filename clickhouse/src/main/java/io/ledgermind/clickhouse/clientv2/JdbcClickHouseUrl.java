package io.ledgermind.clickhouse.clientv2;

import java.io.Serializable;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse JDBC URL, {@code jdbc:clickhouse://host[:port][/database][?ssl=true]} (also {@code jdbc:ch://},
 * {@code jdbc:clickhouse:http://}, {@code jdbc:clickhouse:https://}), reduced to what client-v2 needs: the HTTP
 * endpoint and the optional default database. Other URL parameters are refused rather than silently ignored.
 *
 * @param endpoint {@code http(s)://host:port}
 * @param database the database after the first {@code /}, or {@code null}
 */
public record JdbcClickHouseUrl(String endpoint, String database) implements Serializable {
  private static final Pattern JDBC = Pattern.compile(
      "jdbc:(?:clickhouse|ch):(?:(https?):)?//([^/:?#]+|\\[[0-9a-fA-F:]+])(?::(\\d{1,5}))?(?:/([^?#]*))?(?:\\?(.*))?");

  /** Whether {@code url} has a ClickHouse JDBC scheme (it may still be malformed: see {@link #parse}). */
  public static boolean matches(String url) {
    return url.startsWith("jdbc:clickhouse:") || url.startsWith("jdbc:ch:");
  }

  public static JdbcClickHouseUrl parse(String url) {
    Matcher m = JDBC.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a ClickHouse JDBC URL (jdbc:clickhouse://host[:port][/database]): "
          + url);
    }
    boolean secure = "https".equals(m.group(1));
    if (m.group(5) != null && !m.group(5).isEmpty()) {
      for (String parameter : m.group(5).split("&")) {
        if (parameter.equalsIgnoreCase("ssl=true")) {
          secure = true;
        } else if (!parameter.equalsIgnoreCase("ssl=false")) {
          throw new IllegalArgumentException("unsupported parameter '" + parameter + "' in " + url
              + " (only ssl=true|false; user and password are set apart, never in the URL)");
        }
      }
    }
    // 8123/8443 are ClickHouse's default HTTP(S) ports.
    int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : secure ? 8443 : 8123;
    String database = m.group(4) == null || m.group(4).isEmpty() ? null : m.group(4);
    if (database != null && !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("database in " + url + " must be [A-Za-z_][A-Za-z0-9_]*: " + database);
    }
    String endpoint = (secure ? "https" : "http") + "://" + m.group(2) + ":" + port;
    URI.create(endpoint); // rejects what java.net cannot parse, before the client does so less clearly
    return new JdbcClickHouseUrl(endpoint, database);
  }
}
