package io.ledgermind.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding for every record in {@link SchemaCatalog}: {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema, then the Avro binary body. No registry: the fingerprint names the
 * writer schema, which this module ships (current and published versions), and any Avro implementation can decode
 * the body with the .avsc.
 *
 * <pre>{@code
 * AvroCodec codec = AvroCodec.standard();
 * byte[] bytes = codec.encode(event);                        // validates exact amounts first
 * StablecoinEvent back = codec.decode(bytes, StablecoinEvent.class);
 * SpecificRecord any = codec.decode(bytes);                   // topics that carry several types
 * }</pre>
 *
 * <p>Decoding never throws anything but {@link DecodeException}, whatever the bytes: callers turn it into a dead
 * letter and carry on. Thread-safe.
 */
public final class AvroCodec {
  static final byte MARKER_0 = (byte) 0xC3;
  static final byte MARKER_1 = (byte) 0x01;
  static final int HEADER_LENGTH = 10;

  private static final AvroCodec STANDARD = new AvroCodec(SchemaCatalog.standard());

  private final SchemaCatalog catalog;
  private final Map<Long, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();
  private final Map<Schema, SpecificDatumWriter<SpecificRecord>> writers = new ConcurrentHashMap<>();
  private final Map<Schema, byte[]> headers = new ConcurrentHashMap<>();

  AvroCodec(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  public static AvroCodec standard() {
    return STANDARD;
  }

  /**
   * Encodes with the record's own (current) schema.
   *
   * @throws InvalidRecordException when an exact amount is out of range: a producer bug, never written
   */
  public byte[] encode(SpecificRecord record) {
    Optional<String> problem = RecordValidator.firstProblem(record);
    if (problem.isPresent()) {
      throw new InvalidRecordException(record.getSchema().getFullName() + " not written: " + problem.get());
    }
    Schema schema = record.getSchema();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(headers.computeIfAbsent(schema, AvroCodec::header));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
          .write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      // In memory only a record that violates its own schema fails (e.g. a required field left null).
      throw new InvalidRecordException(schema.getFullName() + " not written: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Decodes a record of any catalogued type, resolved from its writer schema to this build's schema. */
  public SpecificRecord decode(byte[] bytes) throws DecodeException {
    if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      throw new DecodeException(DecodeException.Reason.BAD_HEADER,
          "not an Avro single-object record (" + (bytes == null ? "null" : bytes.length + " bytes") + ")");
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    SpecificDatumReader<SpecificRecord> reader = readers.get(fingerprint);
    if (reader == null) {
      reader = newReader(fingerprint);
      readers.put(fingerprint, reader);
    }
    String type = reader.getSchema().getFullName();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
    SpecificRecord record;
    try {
      record = reader.read(null, new BoundedDecoder(decoder, bytes.length - HEADER_LENGTH));
      if (!decoder.isEnd()) {
        throw new DecodeException(DecodeException.Reason.CORRUPT, type + " followed by unread bytes");
      }
    } catch (EOFException e) {
      throw new DecodeException(DecodeException.Reason.TRUNCATED, type + " ends early (" + bytes.length + " bytes)", e);
    } catch (IOException | RuntimeException e) {
      // Avro reports corrupt bodies in many ways (AvroRuntimeException, ArrayIndexOutOfBounds for a bad union
      // index, UnsupportedOperationException for an absurd string length...): fuzzing found each. All of them mean
      // "corrupt body", and none may escape to kill a consumer.
      throw new DecodeException(DecodeException.Reason.CORRUPT, type + " does not parse: " + e, e);
    }
    Optional<String> problem = RecordValidator.firstProblem(record);
    if (problem.isPresent()) {
      throw new DecodeException(DecodeException.Reason.OUT_OF_RANGE, type + " " + problem.get());
    }
    return record;
  }

  /** Decodes and checks that the record is of {@code expected} type. */
  public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> expected) throws DecodeException {
    SpecificRecord record = decode(bytes);
    if (!expected.isInstance(record)) {
      throw new DecodeException(DecodeException.Reason.WRONG_TYPE,
          "expected " + expected.getName() + " but got " + record.getSchema().getFullName());
    }
    return expected.cast(record);
  }

  private SpecificDatumReader<SpecificRecord> newReader(long fingerprint) throws DecodeException {
    Schema writer = catalog.writerSchema(fingerprint).orElseThrow(() -> new DecodeException(
        DecodeException.Reason.UNKNOWN_FINGERPRINT, String.format("no known schema has fingerprint %016x", fingerprint)));
    Schema reader = catalog.current(writer.getFullName()).orElseThrow(() -> new DecodeException(
        DecodeException.Reason.UNKNOWN_FINGERPRINT, "type " + writer.getFullName() + " is no longer read"));
    return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
  }

  private static byte[] header(Schema schema) {
    return ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
        .put(MARKER_0).put(MARKER_1).putLong(SchemaCatalog.fingerprint(schema)).array();
  }
}
