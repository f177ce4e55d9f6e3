package io.ledgermind.clickhouse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A target table: qualified name and the columns a {@link RowEncoder} writes, in order.
 *
 * @param qualifiedName {@code database.table}
 * @param columns column names in RowBinary order
 */
public record ClickHouseTable(String qualifiedName, List<String> columns) implements Serializable {
  public ClickHouseTable {
    if (!qualifiedName.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("table must be database.table of [A-Za-z0-9_]: " + qualifiedName);
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + qualifiedName + " needs at least one column");
    }
    // ArrayList, not List.of: Flink may serialize this with Kryo, which cannot rebuild immutable JDK lists.
    columns = new ArrayList<>(columns);
  }

  /** The INSERT statement, sent as the {@code query} parameter while the rows go in the body. */
  public String insertStatement() {
    return "INSERT INTO " + qualifiedName + " (" + String.join(", ", columns) + ") FORMAT RowBinary";
  }
}
