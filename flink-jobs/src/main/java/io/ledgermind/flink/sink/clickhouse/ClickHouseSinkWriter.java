package io.ledgermind.flink.sink.clickhouse;

import io.ledgermind.clickhouse.RowBinaryWriter;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.ClickHouseHttpClient;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;

/** Buffers encoded rows and sends one RowBinary insert per batch; see {@link ClickHouseSink}. */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
  private final ClickHouseHttpClient client;
  private final ClickHouseTable table;
  private final RowEncoder<T> encoder;
  private final int maxBatchRows;
  private final Counter rowsSent;
  private final RowBinaryWriter buffer = new RowBinaryWriter(1 << 16);
  private int bufferedRows;

  ClickHouseSinkWriter(
      ClickHouseHttpClient client, ClickHouseTable table, RowEncoder<T> encoder, int maxBatchRows, Counter rowsSent) {
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

  private void sendBuffer() {
    if (bufferedRows == 0) {
      return;
    }
    client.insert(table, buffer.toByteArray());
    rowsSent.inc(bufferedRows);
    buffer.reset();
    bufferedRows = 0;
  }
}
