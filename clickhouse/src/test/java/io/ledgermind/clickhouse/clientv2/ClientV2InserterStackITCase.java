package io.ledgermind.clickhouse.clientv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.ClickHouseInserter;
import io.ledgermind.clickhouse.ClickHouseInserters;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.RowBinaryWriter;
import io.ledgermind.testing.ClickHouseExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * client-v2 against the stack's own server. Locally that is Debian's 18.16, which the inserter refuses (its errors
 * would be unreadable there): both calls must fail fast with a permanent, explanatory {@link ClickHouseException}
 * and write nothing. Where the stack runs a modern server (Testcontainers), the same calls must succeed.
 */
class ClientV2InserterStackITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static boolean modern;

  @BeforeAll
  static void serverVersion() {
    modern = ServerVersion.supported(CLICKHOUSE.query("SELECT version()"));
    CLICKHOUSE.execute("CREATE TABLE " + CLICKHOUSE.database() + ".t (id String, n Int64) ENGINE = MergeTree()"
        + " PARTITION BY tuple() ORDER BY (id)");
  }

  private static ClickHouseInserter inserter() {
    URI http = URI.create(CLICKHOUSE.url());
    return ClickHouseInserters.builder()
        .url("jdbc:clickhouse://" + http.getHost() + ":" + http.getPort())
        .user(CLICKHOUSE.user()).password(CLICKHOUSE.password()).timeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void pingNamesTheServerVersionWhenTheServerIsTooOld() {
    try (ClickHouseInserter inserter = inserter()) {
      assertThat(inserter).isInstanceOf(ClientV2Inserter.class);
      if (modern) {
        assertTimeoutPreemptively(BOUND, inserter::ping);
        return;
      }
      assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(inserter::ping)
          .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetriable()).isFalse())
          .hasMessageContaining("client-v2 needs 20.7 or later")
          .hasMessageContaining("http://"));
    }
  }

  @Test
  void insertFailsWithATypedErrorOnAnOldServerAndWritesOnAModernOne() {
    ClickHouseTable table = new ClickHouseTable(CLICKHOUSE.database() + ".t", List.of("id", "n"));
    byte[] rows = new RowBinaryWriter(32).writeString("a").writeInt64(-7).toByteArray();
    try (ClickHouseInserter inserter = inserter()) {
      if (modern) {
        assertTimeoutPreemptively(BOUND, () -> inserter.insert(table, rows));
        assertThat(CLICKHOUSE.query("SELECT id, n FROM " + table.qualifiedName())).isEqualTo("a\t-7");
        return;
      }
      assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> inserter.insert(table, rows))
          .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetriable()).isFalse())
          .hasMessageContaining("server version 18.")
          .hasMessageContaining("use an http:// URL"));
      assertThat(CLICKHOUSE.query("SELECT count() FROM " + table.qualifiedName())).isEqualTo("0");
    }
  }
}
