package io.ledgermind.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Appends values in ClickHouse's RowBinary format: little-endian fixed-width numbers, LEB128-prefixed strings. The
 * fastest insert format that Debian's 18.16 server and modern servers both accept (1.28M rows/s here, STACK.md).
 *
 * <p>Column order and types must match the {@code INSERT ... (columns)} list exactly; RowBinary carries no names.
 * Layouts: {@code Nullable(T)} = one flag byte (1 = NULL, then nothing; 0 = value follows); {@code Array(T)} = LEB128
 * element count, then the elements; {@code Enum8} = its Int8 value (see {@link Enum8Values}).
 */
public final class RowBinaryWriter {
  private final ByteArrayOutputStream out;

  public RowBinaryWriter(int initialCapacity) {
    this.out = new ByteArrayOutputStream(initialCapacity);
  }

  public RowBinaryWriter writeUInt8(int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("UInt8 out of range: " + value);
    }
    out.write(value);
    return this;
  }

  public RowBinaryWriter writeInt8(int value) {
    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("Int8 out of range: " + value);
    }
    out.write(value & 0xFF);
    return this;
  }

  /** {@code Enum8}: the value that {@code values} assigns to the symbol {@code name} (never the Avro ordinal). */
  public RowBinaryWriter writeEnum8(Enum8Values values, String name) {
    out.write(values.valueOf(name) & 0xFF);
    return this;
  }

  public RowBinaryWriter writeUInt32(long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("UInt32 out of range: " + value);
    }
    return writeLittleEndian(value, 4);
  }

  public RowBinaryWriter writeInt32(int value) {
    return writeLittleEndian(value, 4);
  }

  public RowBinaryWriter writeInt64(long value) {
    return writeLittleEndian(value, 8);
  }

  /** UInt64 from a non-negative long (values above 2^63-1 do not occur in our tables). */
  public RowBinaryWriter writeUInt64(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("UInt64 from a negative long: " + value);
    }
    return writeLittleEndian(value, 8);
  }

  public RowBinaryWriter writeFloat64(double value) {
    return writeLittleEndian(Double.doubleToLongBits(value), 8);
  }

  /** {@code DateTime('UTC')}: seconds since the epoch as UInt32. */
  public RowBinaryWriter writeDateTime(Instant value) {
    return writeUInt32(value.getEpochSecond());
  }

  /** The prefix of an {@code Array(T)} value: its element count; the caller writes that many elements next. */
  public RowBinaryWriter writeArrayLength(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative array length: " + length);
    }
    writeLeb128(length);
    return this;
  }

  public RowBinaryWriter writeStringArray(List<String> values) {
    writeArrayLength(values.size());
    values.forEach(this::writeString);
    return this;
  }

  public RowBinaryWriter writeFloat64Array(List<Double> values) {
    writeArrayLength(values.size());
    values.forEach(this::writeFloat64);
    return this;
  }

  public RowBinaryWriter writeInt64Array(List<Long> values) {
    writeArrayLength(values.size());
    values.forEach(this::writeInt64);
    return this;
  }

  /** {@code Array(DateTime('UTC'))}: epoch seconds, like {@link #writeDateTime}. */
  public RowBinaryWriter writeDateTimeArray(List<Instant> values) {
    writeArrayLength(values.size());
    values.forEach(this::writeDateTime);
    return this;
  }

  /**
   * The flag byte of a {@code Nullable(T)} column; returns whether a value must follow. For types without a
   * ready-made nullable method: {@code if (row.writeNullFlag(x == null)) row.writeX(x);}
   */
  public boolean writeNullFlag(boolean isNull) {
    out.write(isNull ? 1 : 0);
    return !isNull;
  }

  public RowBinaryWriter writeNullableString(String value) {
    if (writeNullFlag(value == null)) {
      writeString(value);
    }
    return this;
  }

  public RowBinaryWriter writeNullableInt32(Integer value) {
    if (writeNullFlag(value == null)) {
      writeInt32(value);
    }
    return this;
  }

  public RowBinaryWriter writeNullableInt64(Long value) {
    if (writeNullFlag(value == null)) {
      writeInt64(value);
    }
    return this;
  }

  public RowBinaryWriter writeNullableFloat64(Double value) {
    if (writeNullFlag(value == null)) {
      writeFloat64(value);
    }
    return this;
  }

  public RowBinaryWriter writeNullableDateTime(Instant value) {
    if (writeNullFlag(value == null)) {
      writeDateTime(value);
    }
    return this;
  }

  public RowBinaryWriter writeString(String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A {@code String} column holding arbitrary bytes (ClickHouse strings are byte strings). */
  public RowBinaryWriter writeBytes(byte[] value) {
    writeLeb128(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  /** {@code Nullable(String)}: a 1-byte null flag, then the bytes when present. */
  public RowBinaryWriter writeNullableBytes(byte[] value) {
    if (value == null) {
      out.write(1);
      return this;
    }
    out.write(0);
    return writeBytes(value);
  }

  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  public void reset() {
    out.reset();
  }

  /** Unsigned LEB128: the length prefix of strings and arrays. */
  private void writeLeb128(long value) {
    long rest = value;
    do {
      int b = (int) (rest & 0x7F);
      rest >>>= 7;
      out.write(rest == 0 ? b : b | 0x80);
    } while (rest != 0);
  }

  private RowBinaryWriter writeLittleEndian(long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
    return this;
  }
}
