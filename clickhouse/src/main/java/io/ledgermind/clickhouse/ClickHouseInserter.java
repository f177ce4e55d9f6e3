package io.ledgermind.clickhouse;

import java.io.Serializable;

/**
 * Writes batches of rows, already encoded as RowBinary by a {@link RowBinaryWriter}, into one ClickHouse table. The
 * one thing a sink needs from ClickHouse, so the transport can change without touching encoders or sinks.
 *
 * <p>Two implementations, chosen by URL through {@link ClickHouseInserters}:
 *
 * <ul>
 *   <li>{@code http://} / {@code https://}: {@link ClickHouseHttpClient}, plain HTTP; works on every server version,
 *       Debian's 18.16 included (the local stack).
 *   <li>{@code jdbc:clickhouse://}: {@code io.ledgermind.clickhouse.clientv2.ClientV2Inserter}, the official
 *       ClickHouse Java client (client-v2, the engine under the JDBC v2 driver); modern servers (20.7 and later) only.
 * </ul>
 *
 * <pre>{@code
 * ClickHouseInserter inserter = ClickHouseInserters.builder().url("http://127.0.0.1:18123").build();
 * inserter.ping();
 * inserter.insert(new ClickHouseTable("ledgermind.dead_letters", columns), writer.toByteArray());
 * }</pre>
 *
 * <p>Implementations are thread-safe and {@link Serializable}: they carry settings only, and open their connection
 * lazily, so a Flink sink can ship one to its task managers. Every failure is a {@link ClickHouseException} whose
 * {@link ClickHouseException#isRetriable()} tells a caller whether retrying the same batch can help.
 */
public interface ClickHouseInserter extends Serializable, AutoCloseable {
  /**
   * Inserts {@code rowBinary} (zero or more complete rows, columns in the order of {@link ClickHouseTable#columns()})
   * in one request. Either the whole batch is accepted or a {@link ClickHouseException} is thrown; after a retriable
   * failure the batch may or may not have landed (at-least-once: the tables collapse replays).
   */
  void insert(ClickHouseTable table, byte[] rowBinary);

  /** Checks that the server answers and accepts the credentials (and, where it matters, that its version fits). */
  void ping();

  /** Where this inserter writes, for messages; never contains the password. */
  String url();

  /** Releases connections; the inserter must not be used afterwards. */
  @Override
  void close();
}
