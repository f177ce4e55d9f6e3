package io.ledgermind.flink.sink.clickhouse;

import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.ClickHouseInserter;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink Sink V2 writing RowBinary batches to one ClickHouse table over HTTP.
 *
 * <p>Delivery is at-least-once: rows buffered since the last flush are written before every checkpoint completes,
 * and a replay after a failure writes them again. Tables are ReplacingMergeTree keyed by deterministic event ids, so
 * replays collapse into one row (queries use {@code FINAL} or {@code argMax} where exact counts matter).
 *
 * <pre>{@code
 * stream.sinkTo(ClickHouseSink.<Event>builder()
 *     .client(ClickHouseInserter.builder().url(url).build())
 *     .table(new ClickHouseTable("ledgermind.events", List.of("event_id", "amount")))
 *     .encoder((event, row) -> row.writeString(event.id()).writeString(event.amount()))
 *     .maxBatchRows(10_000)
 *     .build()).name("clickhouse: events");
 * }</pre>
 */
public final class ClickHouseSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final ClickHouseInserter client;
  private final ClickHouseTable table;
  private final RowEncoder<T> encoder;
  private final int maxBatchRows;

  private ClickHouseSink(Builder<T> builder) {
    this.client = Objects.requireNonNull(builder.client, "client");
    this.table = Objects.requireNonNull(builder.table, "table");
    this.encoder = Objects.requireNonNull(builder.encoder, "encoder");
    this.maxBatchRows = builder.maxBatchRows;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(
        client, table, encoder, maxBatchRows, context.metricGroup().getNumRecordsSendCounter());
  }

  /** Builder for {@link ClickHouseSink}. */
  public static final class Builder<T> {
    private ClickHouseInserter client;
    private ClickHouseTable table;
    private RowEncoder<T> encoder;
    private int maxBatchRows = 10_000;

    private Builder() {}

    public Builder<T> client(ClickHouseInserter client) {
      this.client = client;
      return this;
    }

    public Builder<T> table(ClickHouseTable table) {
      this.table = table;
      return this;
    }

    public Builder<T> encoder(RowEncoder<T> encoder) {
      this.encoder = encoder;
      return this;
    }

    /** Rows buffered before an insert is sent; a checkpoint or end of input flushes earlier. */
    public Builder<T> maxBatchRows(int maxBatchRows) {
      if (maxBatchRows < 1) {
        throw new IllegalArgumentException("maxBatchRows must be >= 1, got " + maxBatchRows);
      }
      this.maxBatchRows = maxBatchRows;
      return this;
    }

    public ClickHouseSink<T> build() {
      return new ClickHouseSink<>(this);
    }
  }
}
