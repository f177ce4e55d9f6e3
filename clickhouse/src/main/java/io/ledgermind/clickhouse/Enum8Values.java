package io.ledgermind.clickhouse;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name → value map of one {@code Enum8} column. RowBinary carries the Int8 value, so writers must map by NAME:
 * the value of a symbol is whatever the DDL says, and our DDL numbers Avro symbols from 1 in Avro order
 * ({@link #numberedFromOne}). Read the map from the live column ({@link #ofColumn}) or parse the DDL type
 * ({@link #parse}) where the two might drift; an unknown symbol is refused here rather than stored as a wrong value.
 *
 * <pre>{@code
 * Enum8Values kinds = Enum8Values.numberedFromOne(StablecoinEventKind.class);   // TRANSFER = 1, MINT = 2, ...
 * row.writeEnum8(kinds, event.getKind().name());
 * }</pre>
 */
public final class Enum8Values implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern DEFINITION = Pattern.compile("Enum8\\((.*)\\)", Pattern.DOTALL);
  private static final Pattern NULLABLE = Pattern.compile("Nullable\\((.*)\\)", Pattern.DOTALL);
  private static final Pattern ENTRY = Pattern.compile("\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*=\\s*(-?\\d+)\\s*(,|$)");

  // LinkedHashMap, not Map.of: Flink may Kryo-serialize encoders that hold this, and Kryo cannot rebuild Map.of.
  private final LinkedHashMap<String, Byte> values;

  private Enum8Values(Map<String, Integer> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("an Enum8 needs at least one symbol");
    }
    values = new LinkedHashMap<>();
    entries.forEach((name, value) -> {
      if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
        throw new IllegalArgumentException("Enum8 value of '" + name + "' out of range [-128, 127]: " + value);
      }
      if (values.containsValue(value.byteValue())) {
        throw new IllegalArgumentException("Enum8 value " + value + " used twice (again by '" + name + "')");
      }
      values.put(name, value.byteValue());
    });
  }

  /** Explicit name → value entries, e.g. {@code Map.of("RENDER", 1, "AKASH", 2)}. */
  public static Enum8Values of(Map<String, Integer> entries) {
    return new Enum8Values(entries);
  }

  /** Symbols numbered 1, 2, 3 … in the given order: the convention of our migrations for Avro enums. */
  public static Enum8Values numberedFromOne(List<String> symbols) {
    Map<String, Integer> entries = new LinkedHashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      if (entries.put(symbols.get(i), i + 1) != null) {
        throw new IllegalArgumentException("symbol '" + symbols.get(i) + "' listed twice");
      }
    }
    return new Enum8Values(entries);
  }

  /** An Avro-generated enum: Java declares its constants in Avro symbol order, so ordinal + 1 is the DDL value. */
  public static <E extends Enum<E>> Enum8Values numberedFromOne(Class<E> avroEnum) {
    return numberedFromOne(java.util.Arrays.stream(avroEnum.getEnumConstants()).map(Enum::name).toList());
  }

  /** Parses a column type as ClickHouse prints it: {@code Enum8('TRANSFER' = 1, 'MINT' = 2)} (Nullable allowed). */
  public static Enum8Values parse(String columnType) {
    Matcher nullable = NULLABLE.matcher(columnType.strip());
    Matcher definition = DEFINITION.matcher(nullable.matches() ? nullable.group(1) : columnType.strip());
    if (!definition.matches()) {
      throw new IllegalArgumentException("not an Enum8 type: " + columnType);
    }
    Map<String, Integer> entries = new LinkedHashMap<>();
    Matcher entry = ENTRY.matcher(definition.group(1));
    int end = 0;
    while (entry.lookingAt()) {
      entries.put(entry.group(1).replaceAll("\\\\(.)", "$1"), Integer.parseInt(entry.group(2)));
      end = entry.end();
      entry.region(end, definition.group(1).length());
    }
    if (end != definition.group(1).length()) {
      throw new IllegalArgumentException("cannot read Enum8 entries after position " + end + " of " + columnType);
    }
    return new Enum8Values(entries);
  }

  /** Reads the live definition of {@code database.table.column} from {@code system.columns}. */
  public static Enum8Values ofColumn(ClickHouseHttpClient client, String qualifiedTable, String column) {
    String[] parts = qualifiedTable.split("\\.", 2);
    if (parts.length != 2 || !column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("need database.table and a plain column name: " + qualifiedTable + "."
          + column);
    }
    new ClickHouseTable(qualifiedTable, List.of(column)); // validates the identifiers before they reach SQL
    // TabSeparatedRaw: plain TabSeparated would escape the quotes of the type ('A' -> \'A\').
    String type = client.execute("SELECT type FROM system.columns WHERE database = '" + parts[0] + "' AND table = '"
        + parts[1] + "' AND name = '" + column + "' FORMAT TabSeparatedRaw").strip();
    if (type.isEmpty()) {
      throw new IllegalArgumentException("no column " + column + " in " + qualifiedTable);
    }
    return parse(type);
  }

  /** The Int8 to write for {@code name}; {@link IllegalArgumentException} naming the known symbols otherwise. */
  public byte valueOf(String name) {
    Byte value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("unknown Enum8 symbol '" + name + "' (known: " + values.keySet()
          + "): a new symbol needs a migration first");
    }
    return value;
  }

  /** Name → value, in definition order. */
  public Map<String, Integer> asMap() {
    Map<String, Integer> copy = new LinkedHashMap<>();
    values.forEach((name, value) -> copy.put(name, (int) value));
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Enum8Values that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder type = new StringBuilder("Enum8(");
    values.forEach((name, value) -> type.append(type.length() > 6 ? ", " : "").append('\'')
        .append(name.replace("\\", "\\\\").replace("'", "\\'")).append("' = ").append(value));
    return type.append(')').toString();
  }
}
