package io.ledgermind.flink.sink.clickhouse;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.ClickHouseInserter;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.RowBinaryWriter;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Buffers encoded rows and sends one RowBinary insert per batch; see {@link ClickHouseSink}. */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
  private static final int MAX_ATTEMPTS = 6;
  private static final long INITIAL_BACKOFF_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final ClickHouseInserter client;
  private final ClickHouseTable table;
  private final RowEncoder<T> encoder;
  private final int maxBatchRows;
  private final Counter rowsSent;
  private final RowBinaryWriter buffer = new RowBinaryWriter(1 << 16);
  private int bufferedRows;

  ClickHouseSinkWriter(
      ClickHouseInserter client, ClickHouseTable table, RowEncoder<T> encoder, int maxBatchRows, Counter rowsSent) {
    this.client = client;
    this.table = table;
    this.encoder = encoder;
    this.maxBatchRows = maxBatchRows;
    this.rowsSent = rowsSent;
  }

  @Override
  public void write(T element, Context context) {
    encoder.encode(element, buffer);
    bufferedRows++;
    if (bufferedRows >= maxBatchRows) {
      sendBuffer();
    }
  }

  @Override
  public void flush(boolean endOfInput) {
    // Called before each checkpoint barrier passes and at end of input: nothing may stay only in memory then.
    sendBuffer();
  }

  @Override
  public void close() {
    // Unflushed rows are dropped on purpose: after a failure they are replayed from the last checkpoint.
    buffer.reset();
    bufferedRows = 0;
  }

  /**
   * A retriable failure (server busy, connection reset, timeout) is retried with backoff; the batch may have landed
   * before the failure, which the ReplacingMergeTree tables absorb. A permanent failure, or one that outlasts the
   * retries, fails the task so the job restarts from its last checkpoint instead of dropping rows.
   */
  private void insertWithRetries(byte[] rows) {
    long backoffMillis = INITIAL_BACKOFF_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        client.insert(table, rows);
        return;
      } catch (ClickHouseException e) {
        if (!e.isRetriable() || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.warn("insert into {} failed (attempt {} of {}), retrying in {} ms: {}", table.qualifiedName(), attempt,
            MAX_ATTEMPTS, backoffMillis, e.getMessage());
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  private void sendBuffer() {
    if (bufferedRows == 0) {
      return;
    }
    insertWithRetries(buffer.toByteArray());
    rowsSent.inc(bufferedRows);
    buffer.reset();
    bufferedRows = 0;
  }
}
