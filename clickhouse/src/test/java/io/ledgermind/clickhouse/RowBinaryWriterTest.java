package io.ledgermind.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  @Test
  void writesInt8AsOneTwosComplementByte() {
    RowBinaryWriter row = new RowBinaryWriter(4);
    row.writeInt8(-128).writeInt8(-1).writeInt8(127);
    assertThat(row.toByteArray()).containsExactly(0x80, 0xFF, 0x7F);
    assertThatThrownBy(() -> row.writeInt8(128)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesEnum8ByNameNotByOrdinal() {
    // Values deliberately out of symbol order and negative: the writer must use them, not positions.
    Enum8Values kinds = Enum8Values.of(Map.of("MINT", 7, "BURN", -3));
    RowBinaryWriter row = new RowBinaryWriter(4);
    row.writeEnum8(kinds, "BURN").writeEnum8(kinds, "MINT");
    assertThat(row.toByteArray()).containsExactly(0xFD, 0x07);
    assertThatThrownBy(() -> row.writeEnum8(kinds, "REDEEM"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REDEEM").hasMessageContaining("MINT");
    assertThat(row.size()).isEqualTo(2);
  }

  @Test
  void prefixesArraysWithTheirLeb128ElementCount() {
    RowBinaryWriter row = new RowBinaryWriter(64);
    row.writeStringArray(List.of("a", "bc")).writeInt64Array(List.of(-1L)).writeStringArray(List.of());
    assertThat(row.toByteArray()).containsExactly(
        0x02, 0x01, 'a', 0x02, 'b', 'c',
        0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x00);

    row.reset();
    row.writeFloat64Array(List.of(1.0)).writeDateTimeArray(List.of(Instant.ofEpochSecond(0x01020304L)));
    // 1.0 = 0x3FF0000000000000, little-endian
    assertThat(row.toByteArray()).containsExactly(0x01, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x01, 0x04, 0x03, 0x02, 0x01);

    row.reset();
    row.writeInt64Array(Arrays.asList(new Long[200]).stream().map(x -> 0L).toList());
    assertThat(Arrays.copyOf(row.toByteArray(), 2)).containsExactly(0xC8, 0x01); // 200 = 0b1_1001000
    assertThat(row.size()).isEqualTo(2 + 200 * 8);
  }

  @Test
  void writesNullablesAsFlagThenValue() {
    RowBinaryWriter row = new RowBinaryWriter(64);
    row.writeNullableString(null).writeNullableString("x")
        .writeNullableInt32(null).writeNullableInt32(1)
        .writeNullableInt64(null).writeNullableInt64(2L)
        .writeNullableFloat64(null).writeNullableFloat64(0.0)
        .writeNullableDateTime(null).writeNullableDateTime(Instant.ofEpochSecond(3));
    assertThat(row.toByteArray()).containsExactly(
        1, 0, 1, 'x',
        1, 0, 1, 0, 0, 0,
        1, 0, 2, 0, 0, 0, 0, 0, 0, 0,
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 0, 3, 0, 0, 0);
  }
}
