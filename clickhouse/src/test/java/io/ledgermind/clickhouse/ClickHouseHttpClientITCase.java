package io.ledgermind.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.testing.ClickHouseExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, RowBinary insert and select against the real ClickHouse server of the local stack. */
class ClickHouseHttpClientITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  private ClickHouseHttpClient client() {
    return ClickHouseHttpClient.builder()
        .url(CLICKHOUSE.url())
        .user(CLICKHOUSE.user())
        .password(CLICKHOUSE.password())
        .build();
  }

  @Test
  void insertsRowBinaryAndReadsItBack() {
    ClickHouseHttpClient client = client();
    String table = CLICKHOUSE.database() + ".rows";
    client.execute(
        "CREATE TABLE " + table + " (id String, n UInt64, at DateTime('UTC'), amount String, x Float64)"
            + " ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(at) ORDER BY (id)");
    RowBinaryWriter rows = new RowBinaryWriter(1024);
    String maxUint256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
    rows.writeString("a").writeUInt64(1).writeDateTime(Instant.parse("2026-11-25T12:00:00Z"))
        .writeString(maxUint256).writeFloat64(0.5);
    rows.writeString("ünï").writeUInt64(Long.MAX_VALUE).writeDateTime(Instant.parse("2026-01-01T00:00:00Z"))
        .writeString("0").writeFloat64(-2.25);

    client.insert(new ClickHouseTable(table, List.of("id", "n", "at", "amount", "x")), rows.toByteArray());

    assertThat(client.query("SELECT id, n, toString(at), amount, x FROM " + table + " ORDER BY n"))
        .isEqualTo("a\t1\t2026-11-25 12:00:00\t" + maxUint256 + "\t0.5\n"
            + "ünï\t9223372036854775807\t2026-01-01 00:00:00\t0\t-2.25");
  }

  @Test
  void replacingMergeTreeCollapsesReplayedRows() {
    ClickHouseHttpClient client = client();
    String table = CLICKHOUSE.database() + ".replayed";
    client.execute("CREATE TABLE " + table + " (id String, d Date) ENGINE = ReplacingMergeTree()"
        + " PARTITION BY toYYYYMM(d) ORDER BY (id)");
    for (int replay = 0; replay < 3; replay++) {
      client.execute("INSERT INTO " + table + " VALUES ('e1', '2026-11-25'), ('e2', '2026-11-25')");
    }
    assertThat(client.query("SELECT count() FROM " + table)).isEqualTo("6");
    assertThat(client.query("SELECT count() FROM " + table + " FINAL")).isEqualTo("2");
  }

  @Test
  void reportsServerErrorsAsPermanentWithTheirTextAndCode() {
    assertThatThrownBy(() -> client().execute("SELECT * FROM " + CLICKHOUSE.database() + ".no_such_table"))
        .isInstanceOfSatisfying(ClickHouseException.class, e -> {
          assertThat(e.isRetriable()).isFalse();
          assertThat(e.errorCode()).isEqualTo(60); // UNKNOWN_TABLE
        })
        .hasMessageContaining("no_such_table");
  }

  @Test
  void isTheInserterForHttpUrlsAndPingsWithItsCredentials() {
    ClickHouseInserter inserter = ClickHouseInserters.builder()
        .url(CLICKHOUSE.url()).user(CLICKHOUSE.user()).password(CLICKHOUSE.password()).build();
    assertThat(inserter).isInstanceOf(ClickHouseHttpClient.class);
    inserter.ping();
    ClickHouseInserter stranger = ClickHouseInserters.builder().url(CLICKHOUSE.url()).user("no_such_user").build();
    assertThatThrownBy(stranger::ping)
        .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetriable()).isFalse());
  }

  @Test
  void reportsUnreachableServerAsRetriable() {
    ClickHouseHttpClient dead = ClickHouseHttpClient.builder().url("http://127.0.0.1:9").build();
    assertThatThrownBy(() -> dead.execute("SELECT 1"))
        .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetriable()).isTrue());
  }
}
