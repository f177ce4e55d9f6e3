package io.ledgermind.clickhouse.clientv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.ClickHouseInserter;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.RowBinaryWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client-v2 inserter without a ClickHouse server: unreachable and silent endpoints must end in a retriable
 * {@link ClickHouseException} within the configured timeout, never a hang or a foreign exception type.
 */
class ClientV2InserterTest {
  private static final ClickHouseTable TABLE = new ClickHouseTable("db.t", List.of("id"));
  private static final byte[] ROW = new RowBinaryWriter(8).writeString("a").toByteArray();

  @Test
  void unreachableServerFailsRetriablyAndFast() {
    // Port 9 (discard) is closed on loopback: connection refused.
    try (ClickHouseInserter inserter = inserter("jdbc:clickhouse://127.0.0.1:9", Duration.ofSeconds(2))) {
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        assertThatThrownBy(() -> inserter.insert(TABLE, ROW))
            .isInstanceOfSatisfying(ClickHouseException.class, e -> {
              assertThat(e.isRetriable()).isTrue();
              assertThat(e.statusCode()).isEqualTo(-1);
            })
            .hasMessageContaining("jdbc:clickhouse://127.0.0.1:9");
        assertThatThrownBy(inserter::ping)
            .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetriable()).isTrue());
      });
    }
  }

  /** A peer that accepts the connection and never answers: the timeout must fire, not the test's patience. */
  @Test
  void silentServerTimesOutRetriably() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor = new Thread(() -> {
        try {
          while (!silent.isClosed()) {
            accepted.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      try (ClickHouseInserter inserter =
          inserter("jdbc:clickhouse://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(800))) {
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(() -> inserter.insert(TABLE, ROW))
            .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetriable()).isTrue()));
      }
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
    ClickHouseInserter original = inserter("jdbc:clickhouse://127.0.0.1:9/ledgermind", Duration.ofSeconds(1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ClickHouseInserter copy = (ClickHouseInserter) in.readObject();
      assertThat(copy.url()).isEqualTo("jdbc:clickhouse://127.0.0.1:9/ledgermind");
      // The transient client is rebuilt on use: the copy fails like the original, with our error type.
      assertThatThrownBy(copy::ping).isInstanceOf(ClickHouseException.class);
      copy.close();
    }
  }

  @Test
  void acceptsOnlyServersFromTwentySevenOn() {
    assertThat(ServerVersion.supported("18.16.1")).isFalse();
    assertThat(ServerVersion.supported("20.6.9.1")).isFalse();
    assertThat(ServerVersion.supported("20.7.1.1")).isTrue();
    assertThat(ServerVersion.supported("25.8.2.29")).isTrue();
    assertThat(ServerVersion.supported("garbage")).isFalse();
    assertThatThrownBy(() -> ServerVersion.requireSupported("jdbc:clickhouse://h", "18.16.1"))
        .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("server version 18.16.1")
        .hasMessageContaining("use an http:// URL");
  }

  private static ClickHouseInserter inserter(String url, Duration timeout) {
    return ClientV2Inserter.builder().url(url).timeout(timeout).build();
  }
}
