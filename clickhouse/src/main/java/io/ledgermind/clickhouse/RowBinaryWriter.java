package io.ledgermind.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Appends values in ClickHouse's RowBinary format: little-endian fixed-width numbers, LEB128-prefixed strings. The
 * fastest insert format that Debian's 18.16 server and modern servers both accept (1.28M rows/s here, STACK.md).
 *
 * <p>Column order and types must match the {@code INSERT ... (columns)} list exactly; RowBinary carries no names.
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

  public RowBinaryWriter writeString(String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A {@code String} column holding arbitrary bytes (ClickHouse strings are byte strings). */
  public RowBinaryWriter writeBytes(byte[] value) {
    long length = value.length;
    // Unsigned LEB128 length prefix.
    do {
      int b = (int) (length & 0x7F);
      length >>>= 7;
      out.write(length == 0 ? b : b | 0x80);
    } while (length != 0);
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

  private RowBinaryWriter writeLittleEndian(long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
    return this;
  }
}
