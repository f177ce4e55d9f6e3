package io.ledgermind.ingest.bittensor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** XXH64 reference vectors and the Substrate storage prefixes every chain explorer shows. */
class XxHash64Test {
  @Test
  void matchesPublishedXxh64Vectors() {
    assertThat(XxHash64.hash(new byte[0], 0)).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(XxHash64.hash("abc".getBytes(UTF_8), 0)).isEqualTo(0x44BC2CF5AD770999L);
  }

  @Test
  void twox128MatchesWellKnownSubstratePrefixes() {
    assertThat(twox("System")).isEqualTo("26aa394eea5630e07c48ae0c9558cef7");
    assertThat(twox("Account")).isEqualTo("b99d880ec681799c0cf30e8886371da9");
    assertThat(twox("Balances")).isEqualTo("c2261276cc9d1f8598ea4b6a74b15c2f");
    assertThat(twox("TotalIssuance")).isEqualTo("57c875e4cff74148e4628f264b974c80");
    assertThat(twox("Timestamp")).isEqualTo("f0c365c3cf59d671eb72da0e7a4113c4");
    assertThat(twox("Now")).isEqualTo("9f1f0515f462cdcf84e0f1d6045dfcbb");
  }

  @Test
  void longInputsUseTheStripedPath() {
    // 32+ bytes take the four-accumulator path; a one-byte change must change the hash.
    byte[] a = "SubtensorModuleSubnetAlphaOutEmission-0123456789".getBytes(UTF_8);
    byte[] b = a.clone();
    b[40] ^= 1;
    assertThat(XxHash64.hash(a, 0)).isNotEqualTo(XxHash64.hash(b, 0));
  }

  private static String twox(String text) {
    return HexFormat.of().formatHex(XxHash64.twox128(text.getBytes(UTF_8)));
  }
}
