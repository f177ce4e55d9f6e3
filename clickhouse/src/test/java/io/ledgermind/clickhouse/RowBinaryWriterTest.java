package io.ledgermind.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowBinaryWriterTest {
  @Test
  void writesLittleEndianNumbers() {
    RowBinaryWriter row = new RowBinaryWriter(16);
    row.writeUInt32(0x01020304L).writeUInt64(0x0A0B0C0D0E0F1011L);
    assertThat(row.toByteArray())
        .containsExactly(0x04, 0x03, 0x02, 0x01, 0x11, 0x10, 0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A);
  }

  @Test
  void prefixesStringsWithLeb128Length() {
    RowBinaryWriter row = new RowBinaryWriter(512);
    row.writeString("é");
    assertThat(row.toByteArray()).containsExactly(0x02, 0xC3, 0xA9);

    row.reset();
    row.writeBytes(new byte[300]);
    byte[] bytes = row.toByteArray();
    // 300 = 0b1_0010_1100 -> 0xAC 0x02
    assertThat(bytes[0]).isEqualTo((byte) 0xAC);
    assertThat(bytes[1]).isEqualTo((byte) 0x02);
    assertThat(bytes).hasSize(302);
  }

  @Test
  void writesDateTimeAsEpochSeconds() {
    RowBinaryWriter row = new RowBinaryWriter(4);
    row.writeDateTime(Instant.ofEpochSecond(1, 999_000_000));
    assertThat(row.toByteArray()).containsExactly(1, 0, 0, 0);
  }

  @Test
  void rejectsValuesOutsideTheColumnType() {
    RowBinaryWriter row = new RowBinaryWriter(4);
    assertThatThrownBy(() -> row.writeUInt32(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> row.writeUInt32(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> row.writeUInt64(-5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> row.writeUInt8(256)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesNullableWithFlagByteAndSignedInt32() {
    RowBinaryWriter row = new RowBinaryWriter(8);
    row.writeNullableBytes(null).writeNullableBytes(new byte[] {7}).writeInt32(-2);
    assertThat(row.toByteArray()).containsExactly(1, 0, 1, 7, 0xFE, 0xFF, 0xFF, 0xFF);
  }
}
