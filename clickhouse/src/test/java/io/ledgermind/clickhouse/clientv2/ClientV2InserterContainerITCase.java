package io.ledgermind.clickhouse.clientv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.ClickHouseInserter;
import io.ledgermind.clickhouse.ClickHouseInserters;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.Enum8Values;
import io.ledgermind.clickhouse.RowBinaryWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * Both {@link ClickHouseInserter}s against a modern ClickHouse in Docker: the same RowBinary batch through the JDBC
 * URL (client-v2) and the HTTP URL must land identically. Skipped, with the reason, where no Docker engine runs
 * (the local stack is Debian's 18.16, which client-v2 refuses: see ClientV2InserterStackITCase).
 */
class ClientV2InserterContainerITCase {
  /** The modern release test-support's Docker stack uses too. */
  static final String IMAGE = "clickhouse/clickhouse-server:25.8";
  private static final Enum8Values KIND = Enum8Values.parse("Enum8('A' = 1, 'B' = 2)");
  private static ClickHouseContainer container;
  private static ClickHouseHttpClient reader;

  private static boolean docker;

  @BeforeAll
  static void startModernServer() {
    docker = dockerAvailable();
    if (!docker) {
      return; // each test reports itself skipped, with the reason (a class-level skip shows as "0 tests run")
    }
    container = new ClickHouseContainer(IMAGE);
    container.start();
    reader = ClickHouseHttpClient.builder().url(container.getHttpUrl())
        .user(container.getUsername()).password(container.getPassword()).build();
    reader.execute("CREATE TABLE default.rows (via String, id String, n Int64, at DateTime('UTC'), amount String,"
        + " tags Array(String), kind Enum8('A' = 1, 'B' = 2), note Nullable(String))"
        + " ENGINE = MergeTree() PARTITION BY tuple() ORDER BY (via, id)");
  }

  @BeforeEach
  void requireDocker() {
    assumeTrue(docker, "no Docker engine: skipping the client-v2 round trip on a modern ClickHouse (" + IMAGE
        + "); the local stack's 18.16 is covered by ClientV2InserterStackITCase");
  }

  @AfterAll
  static void stop() {
    if (container != null) {
      container.stop();
    }
  }

  @Test
  void jdbcUrlSelectsClientV2AndWritesWhatTheHttpClientWrites() {
    ClickHouseTable table = new ClickHouseTable("default.rows",
        List.of("via", "id", "n", "at", "amount", "tags", "kind", "note"));
    try (ClickHouseInserter jdbc = inserter(container.getJdbcUrl());
        ClickHouseInserter http = inserter(container.getHttpUrl())) {
      assertThat(jdbc).isInstanceOf(ClientV2Inserter.class);
      jdbc.ping();
      jdbc.insert(table, rows("jdbc"));
      http.insert(table, rows("http"));
    }
    String jdbcRows = reader.query("SELECT id, n, toString(at), amount, tags, kind, note FROM default.rows"
        + " WHERE via = 'jdbc' ORDER BY id");
    assertThat(jdbcRows).isEqualTo(reader.query("SELECT id, n, toString(at), amount, tags, kind, note"
        + " FROM default.rows WHERE via = 'http' ORDER BY id"));
    assertThat(jdbcRows).contains("115792089237316195423570985008687907853269984665640564039457584007913129639935");
  }

  @Test
  void unknownTableIsPermanentWithTheServersErrorCode() {
    try (ClickHouseInserter jdbc = inserter(container.getJdbcUrl())) {
      assertThatThrownBy(() -> jdbc.insert(new ClickHouseTable("default.no_such_table", List.of("id")),
          new RowBinaryWriter(8).writeString("x").toByteArray()))
          .isInstanceOfSatisfying(ClickHouseException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.errorCode()).isEqualTo(60); // UNKNOWN_TABLE
          });
    }
  }

  private static byte[] rows(String via) {
    RowBinaryWriter rows = new RowBinaryWriter(512);
    rows.writeString(via).writeString("a").writeInt64(-1).writeDateTime(Instant.parse("2026-11-25T12:00:00Z"))
        .writeString("115792089237316195423570985008687907853269984665640564039457584007913129639935")
        .writeStringArray(List.of("x", "ÿ")).writeEnum8(KIND, "B").writeNullableString(null);
    rows.writeString(via).writeString("b").writeInt64(Long.MAX_VALUE).writeDateTime(Instant.EPOCH)
        .writeString("0").writeStringArray(List.of()).writeEnum8(KIND, "A")
        .writeNullableString("note");
    return rows.toByteArray();
  }

  private static ClickHouseInserter inserter(String url) {
    return ClickHouseInserters.builder().url(url).user(container.getUsername()).password(container.getPassword())
        .build();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
