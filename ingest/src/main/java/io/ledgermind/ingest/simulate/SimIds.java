package io.ledgermind.ingest.simulate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic participant identifiers for simulated chains, shaped like the real ones so that parsers and
 * dashboards treat them alike: 20-byte EVM addresses and bech32-looking Cosmos addresses. Derived from a label
 * only, so the same participant has the same address under every seed.
 */
public final class SimIds {
  private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  private SimIds() {}

  /** {@code 0x} + 40 lower-case hex characters. */
  public static String evmAddress(String label) {
    return "0x" + HexFormat.of().formatHex(digest(label), 0, 20);
  }

  /**
   * {@code prefix1} + 38 bech32 characters, the length of a 20-byte Cosmos account address. The checksum is not a
   * real bech32 checksum: these addresses exist only on simulated chains.
   */
  public static String bech32Like(String prefix, String label) {
    byte[] digest = digest(label);
    StringBuilder out = new StringBuilder(prefix).append('1');
    for (int i = 0; i < 38; i++) {
      out.append(BECH32_CHARSET.charAt((digest[i % digest.length] & 0xff) + i * 7 & 31));
    }
    return out.toString();
  }

  private static byte[] digest(String label) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(("ledgermind-sim|" + label).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
