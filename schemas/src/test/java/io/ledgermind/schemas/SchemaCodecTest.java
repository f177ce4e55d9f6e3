package io.ledgermind.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.schemas.smoke.SmokeEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SchemaCodecTest {
  private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private final SchemaCodec<SmokeEvent> codec = SchemaCodec.of(SmokeEvent.class);

  @Test
  void roundTripsExactUint256AmountAndUnicode() throws DecodeException {
    SmokeEvent event =
        SmokeEvent.newBuilder()
            .setEventId("smoke-1")
            .setSequence(1)
            .setEventTime(Instant.ofEpochMilli(1_764_000_000_123L))
            .setAmount(UINT256_MAX.toString())
            .setNote("ünïcødé ✓")
            .build();

    byte[] bytes = codec.encode(event);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    SmokeEvent back = codec.decode(bytes);
    assertThat(back).isEqualTo(event);
    assertThat(new BigInteger(back.getAmount())).isEqualTo(UINT256_MAX);
  }

  @Test
  void rejectsBytesWithoutSingleObjectHeader() {
    assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("io.ledgermind.schemas.smoke.SmokeEvent")
        .hasMessageContaining("11 bytes");
  }

  @Test
  void rejectsTruncatedRecord() {
    byte[] bytes =
        codec.encode(
            SmokeEvent.newBuilder()
                .setEventId("smoke-2")
                .setSequence(2)
                .setEventTime(Instant.EPOCH)
                .setAmount("42")
                .build());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(DecodeException.class);
  }
}
