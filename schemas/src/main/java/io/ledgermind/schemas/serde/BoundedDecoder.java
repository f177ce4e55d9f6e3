package io.ledgermind.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder that refuses sizes no body of this length can hold. Avro preallocates an array or map for the
 * item count a block header claims, and a string or byte buffer for the length its prefix claims; corrupt counts
 * made a fuzzed record exhaust the heap. Every item of our schemas takes at least one byte, so a count or length
 * above the body length is corruption, caught before any allocation. (Avro's own limits are JVM-wide system
 * properties read once; this bound is per record.) Wraps a {@code BinaryDecoder} only: it relies on the binary
 * layout of strings and bytes.
 */
final class BoundedDecoder extends Decoder {
  private final Decoder in;
  private final long maxItems;

  BoundedDecoder(Decoder in, int bodyLength) {
    this.in = in;
    this.maxItems = bodyLength;
  }

  private long bounded(long count) {
    if (count > maxItems || count < -maxItems) {
      throw new AvroRuntimeException("collection block of " + count + " items in a body of " + maxItems + " bytes");
    }
    return count;
  }

  @Override
  public long readArrayStart() throws IOException {
    return bounded(in.readArrayStart());
  }

  @Override
  public long arrayNext() throws IOException {
    return bounded(in.arrayNext());
  }

  @Override
  public long readMapStart() throws IOException {
    return bounded(in.readMapStart());
  }

  @Override
  public long mapNext() throws IOException {
    return bounded(in.mapNext());
  }

  @Override
  public long skipArray() throws IOException {
    return bounded(in.skipArray());
  }

  @Override
  public long skipMap() throws IOException {
    return bounded(in.skipMap());
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  // Strings and bytes: Avro allocates the claimed length before it checks that the bytes exist (up to 2 GiB). The
  // binary format is a zig-zag long length followed by the bytes, so read the length here and bound it first.

  private int boundedLength() throws IOException {
    long length = in.readLong();
    if (length < 0 || length > maxItems) {
      throw new AvroRuntimeException("string or bytes of " + length + " bytes in a body of " + maxItems + " bytes");
    }
    return (int) length;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = boundedLength();
    Utf8 result = old == null ? new Utf8() : old;
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = boundedLength();
    byte[] bytes = new byte[length];
    in.readFixed(bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(boundedLength());
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = boundedLength();
    ByteBuffer result = old != null && old.hasArray() && old.capacity() >= length ? old : ByteBuffer.allocate(length);
    result.clear();
    in.readFixed(result.array(), result.arrayOffset(), length);
    result.limit(length);
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(boundedLength());
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
