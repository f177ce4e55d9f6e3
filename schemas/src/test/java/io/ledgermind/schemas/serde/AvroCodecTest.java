package io.ledgermind.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import io.ledgermind.schemas.testutils.RandomRecords;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecTest {
  private static final String UINT256_MAX = ExactNumber.UINT256_MAX.toString();
  private final AvroCodec codec = AvroCodec.standard();

  static Stream<Class<? extends SpecificRecord>> recordTypes() {
    return SchemaCatalog.RECORD_TYPES.stream();
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void roundTripsEveryRecordTypeWithExtremeValues(Class<? extends SpecificRecord> type) throws DecodeException {
    for (long seed = 0; seed < 200; seed++) {
      SpecificRecord record = new RandomRecords(seed * 31 + type.getName().hashCode()).next(type);
      byte[] bytes = codec.encode(record);
      assertThat(codec.decode(bytes)).as("seed %d", seed).isEqualTo(record);
      assertThat(codec.decode(bytes, type)).isEqualTo(record);
    }
  }

  @Test
  void writesSingleObjectHeaderWithTheSchemaFingerprint() {
    StablecoinEvent event = transfer(UINT256_MAX);
    byte[] bytes = codec.encode(event);
    assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaCatalog.fingerprint(StablecoinEvent.getClassSchema()));
  }

  @Test
  void refusesToWriteAmountsOutsideUint256() {
    String tooBig = ExactNumber.UINT256_MAX.add(java.math.BigInteger.ONE).toString();
    assertThatThrownBy(() -> codec.encode(transfer(tooBig)))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("amount").hasMessageContaining("above 2^256-1");
    assertThatThrownBy(() -> codec.encode(transfer("-1"))).isInstanceOf(InvalidRecordException.class);
    assertThatThrownBy(() -> codec.encode(transfer("1.5"))).isInstanceOf(InvalidRecordException.class);
    assertThatThrownBy(() -> codec.encode(transfer("007"))).isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void decodesOutOfRangeAmountWrittenByAnotherProducerAsTypedError() throws Exception {
    // A foreign producer that skips our validation: plain Avro writer, our header.
    byte[] bytes = rawSingleObject(StablecoinEvent.getClassSchema(), transfer("-5"));
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.reason()).isEqualTo(DecodeException.Reason.OUT_OF_RANGE);
          assertThat(e.getMessage()).contains("amount", "-5");
        });
  }

  @Test
  void classifiesEveryKindOfBadInput() {
    byte[] good = codec.encode(transfer("1000000"));
    assertReason(new byte[0], DecodeException.Reason.BAD_HEADER);
    assertReason(null, DecodeException.Reason.BAD_HEADER);
    assertReason("{\"json\": true}".getBytes(), DecodeException.Reason.BAD_HEADER);
    byte[] unknown = good.clone();
    unknown[5] ^= 0x5A;
    assertReason(unknown, DecodeException.Reason.UNKNOWN_FINGERPRINT);
    assertReason(Arrays.copyOf(good, good.length - 7), DecodeException.Reason.TRUNCATED);
    byte[] trailing = Arrays.copyOf(good, good.length + 3);
    assertReason(trailing, DecodeException.Reason.CORRUPT);
    byte[] corrupt = good.clone();
    Arrays.fill(corrupt, 10, corrupt.length, (byte) 0xFF);
    assertThatThrownBy(() -> codec.decode(corrupt)).isInstanceOf(DecodeException.class);
  }

  @Test
  void survivesRandomGarbageBehindAValidHeader() {
    byte[] header = Arrays.copyOf(codec.encode(transfer("1")), 10);
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] body = new byte[random.nextInt(200)];
      random.nextBytes(body);
      byte[] bytes = new byte[10 + body.length];
      System.arraycopy(header, 0, bytes, 0, 10);
      System.arraycopy(body, 0, bytes, 10, body.length);
      try {
        codec.decode(bytes);
      } catch (DecodeException expected) {
        assertThat(expected.reason()).isIn(DecodeException.Reason.TRUNCATED, DecodeException.Reason.CORRUPT,
            DecodeException.Reason.OUT_OF_RANGE);
      }
    }
  }

  @Test
  void rejectsARecordOfAnotherTypeThanExpected() {
    byte[] bytes = codec.encode(transfer("1"));
    assertThatThrownBy(() -> codec.decode(bytes, Retraction.class))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_TYPE));
  }

  private void assertReason(byte[] bytes, DecodeException.Reason reason) {
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  static byte[] rawSingleObject(Schema schema, Object record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xC3).put((byte) 0x01)
        .putLong(SchemaCatalog.fingerprint(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema, SpecificData.getForSchema(schema)).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  static StablecoinEvent transfer(String amount) {
    return StablecoinEvent.newBuilder()
        .setMeta(EventMeta.newBuilder().setEventId("e1").setChainId("eip155:1").setBlockNumber(21_000_000)
            .setBlockHash("0xabc").setTxHash("0xdef").setLogIndex(3).setEventTime(Instant.parse("2026-11-25T12:00:00Z"))
            .setIngestTime(Instant.parse("2026-11-25T12:00:05Z")).setSource("test").build())
        .setToken("USDC").setContract("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")
        .setKind(StablecoinEventKind.TRANSFER).setFrom("0x1").setTo("0x2").setAmount(amount).setDecimals(6)
        .build();
  }
}
