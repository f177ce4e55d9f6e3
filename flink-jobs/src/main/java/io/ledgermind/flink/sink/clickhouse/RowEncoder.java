package io.ledgermind.flink.sink.clickhouse;

import io.ledgermind.clickhouse.RowBinaryWriter;
import io.ledgermind.clickhouse.ClickHouseTable;
import java.io.Serializable;

/** Writes one element as one RowBinary row, columns in the order of {@link ClickHouseTable#columns()}. */
@FunctionalInterface
public interface RowEncoder<T> extends Serializable {
  void encode(T element, RowBinaryWriter row);
}
