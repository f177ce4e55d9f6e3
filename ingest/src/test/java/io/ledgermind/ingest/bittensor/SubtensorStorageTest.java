package io.ledgermind.ingest.bittensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Storage keys against values published by public code that reads finney; SCALE decoding of the value types. */
class SubtensorStorageTest {
  private static final String SUBTENSOR_MODULE = "0x658faa385070e074c85bf6b568cf0555";

  @Test
  void keysMatchPublishedFinneyKeys() {
    assertThat(SubtensorStorage.TOTAL_ISSUANCE.key())
        .isEqualTo(SUBTENSOR_MODULE + "57c875e4cff74148e4628f264b974c80");
    assertThat(SubtensorStorage.SUBNET_ALPHA_IN_EMISSION.key(1))
        .isEqualTo(SUBTENSOR_MODULE + "1905df3b2516a166b6f9fba54fef1cd8" + "0100");
    assertThat(SubtensorStorage.TIMESTAMP_NOW.key())
        .isEqualTo("0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb");
  }

  @Test
  void netuidIsAppendedAsLittleEndianU16() {
    assertThat(SubtensorStorage.SUBNET_TAO.key(0x0102)).endsWith("0201");
    assertThatThrownBy(() -> SubtensorStorage.SUBNET_TAO.key(70_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(SubtensorStorage.SUBNET_TAO::key).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void scaleDecodesLittleEndianAndFixedPoint() {
    assertThat(Scale.unsigned(Scale.hex("0x0065cd1d00000000"), 8)).isEqualTo(BigInteger.valueOf(500_000_000));
    assertThat(Scale.signed(Scale.hex("0x0094357700000080"), 8))
        .isEqualTo(BigInteger.valueOf(2_000_000_000L).add(BigInteger.valueOf(Long.MIN_VALUE)));
    assertThat(Scale.signed(Scale.hex("0x006cca88ffffffff"), 8)).isEqualTo(BigInteger.valueOf(-2_000_000_000L));
    assertThat(Scale.u96f32(Scale.hex("0x00000040000000000000000000000000"))).isEqualTo(0.25);
    assertThat(Scale.i96f32(Scale.hex("0x000000000100000000000000000000" + "00"))).isEqualTo(1.0);
    assertThatThrownBy(() -> Scale.unsigned(Scale.hex("0x0065cd1d"), 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scale.hex("0065")).isInstanceOf(IllegalArgumentException.class);
  }
}
