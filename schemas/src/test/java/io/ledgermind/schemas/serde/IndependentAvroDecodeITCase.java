package io.ledgermind.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.OracleEventKind;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.OracleSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outsiders can read our topics with nothing but the .avsc: bytes from our codec are decoded by avro-tools
 * ({@code fragtojson}) in a separate JVM, and the header's fingerprint is recomputed with a CRC-64-AVRO written here
 * from the Avro specification (not Avro's own implementation).
 */
class IndependentAvroDecodeITCase {
  private static final Path AVRO_TOOLS = Path.of("target/avro-tools/avro-tools.jar");
  @TempDir Path dir;

  @Test
  void avroToolsDecodesStablecoinEventWithMaxUint256() throws Exception {
    SpecificRecord event = AvroCodecTest.transfer(ExactNumber.UINT256_MAX.toString());
    String json = decodeWithAvroTools(event);
    assertThat(json).contains("\"amount\":\"" + ExactNumber.UINT256_MAX + "\"")
        .contains("\"kind\":\"TRANSFER\"").contains("\"token\":\"USDC\"").contains("\"blockNumber\":21000000");
  }

  @Test
  void avroToolsDecodesNegativeOracleAnswerAndUnicode() throws Exception {
    OracleRoundEvent round = OracleRoundEvent.newBuilder()
        .setMeta(EventMeta.newBuilder().setEventId("r1").setChainId("eip155:31337").setBlockNumber(7)
            .setEventTime(Instant.EPOCH).setIngestTime(Instant.EPOCH).setSource("ünï✓").build())
        .setFeedAddress("0xfeed").setSource(OracleSource.CHAINLINK).setKind(OracleEventKind.ANSWER_UPDATED)
        .setRoundId("18446744073709551617").setAnswer(ExactNumber.INT256_MIN.toString()).setDecimals(8).build();
    String json = decodeWithAvroTools(round);
    assertThat(json).contains("\"answer\":{\"string\":\"" + ExactNumber.INT256_MIN + "\"}")
        .contains("\"source\":\"ünï✓\"").contains("\"roundId\":\"18446744073709551617\"");
  }

  private String decodeWithAvroTools(SpecificRecord record) throws Exception {
    assertThat(AVRO_TOOLS).as("copied by the pre-integration-test phase").isRegularFile();
    byte[] bytes = AvroCodec.standard().encode(record);
    assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String canonical = org.apache.avro.SchemaNormalization.toParsingForm(record.getSchema());
    assertThat(fingerprint).isEqualTo(crc64Avro(canonical.getBytes(StandardCharsets.UTF_8)));

    Path schema = dir.resolve("schema.avsc");
    Files.writeString(schema, record.getSchema().toString(true));
    Path body = dir.resolve("body.bin");
    Files.write(body, Arrays.copyOfRange(bytes, 10, bytes.length));
    Process process = new ProcessBuilder("java", "-jar", AVRO_TOOLS.toString(), "fragtojson", "--no-pretty",
        "--schema-file", schema.toString(), body.toString())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    return out;
  }

  /** CRC-64-AVRO ("Rabin") as given in the Avro specification's "Schema Fingerprints" section. */
  private static long crc64Avro(byte[] data) {
    final long empty = 0xc15d213aa4d7a795L;
    long[] table = new long[256];
    for (int i = 0; i < 256; i++) {
      long fp = i;
      for (int j = 0; j < 8; j++) {
        fp = (fp >>> 1) ^ (empty & -(fp & 1L));
      }
      table[i] = fp;
    }
    long fp = empty;
    for (byte b : data) {
      fp = (fp >>> 8) ^ table[(int) (fp ^ b) & 0xff];
    }
    return fp;
  }
}
