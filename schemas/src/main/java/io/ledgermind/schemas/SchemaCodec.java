package io.ledgermind.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (header {@code C3 01} + 8-byte CRC-64-AVRO fingerprint + body) for one generated
 * record class. The fingerprint lets any consumer pick the writer schema without a registry.
 *
 * <pre>{@code
 * SchemaCodec<SmokeEvent> codec = SchemaCodec.of(SmokeEvent.class);
 * byte[] bytes = codec.encode(event);
 * SmokeEvent back = codec.decode(bytes);
 * }</pre>
 *
 * <p>Instances are thread-safe: Avro's message encoder and decoder keep per-thread buffers.
 */
public final class SchemaCodec<T extends SpecificRecord> {
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final String schemaName;

  private SchemaCodec(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    org.apache.avro.Schema schema = SpecificData.get().getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    this.schemaName = schema.getFullName();
  }

  public static <T extends SpecificRecord> SchemaCodec<T> of(Class<T> type) {
    return new SchemaCodec<>(type);
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      // Encoding into memory only fails on a record that violates its own schema.
      throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
    }
  }

  /**
   * Decodes one single-object encoded record.
   *
   * @throws DecodeException when the bytes are not a single-object record of this schema (bad header, unknown
   *     fingerprint, truncated body): callers dead-letter the input instead of failing
   */
  public T decode(byte[] bytes) throws DecodeException {
    try {
      return decoder.decode(bytes);
    } catch (IOException | AvroRuntimeException e) {
      // Avro reports a bad header as BadHeaderException (runtime), a short body as EOFException or
      // AvroRuntimeException("Decoding datum failed"): one checked type for all of them.
      throw new DecodeException(
          "not a " + schemaName + " single-object record (" + bytes.length + " bytes): " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
