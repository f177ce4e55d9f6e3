package io.ledgermind.ingest.bittensor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The few SCALE encodings subtensor's storage values need: fixed-width little-endian integers and the
 * {@code substrate_fixed} types I96F32 / U96F32 (a 128-bit integer with 32 fractional bits). Every decoder checks the
 * exact length, so a value of the wrong type fails loudly instead of decoding to nonsense.
 */
final class Scale {
  // 2^-32 has a finite decimal expansion, so dividing by 2^32 is exact and only doubleValue() rounds.
  private static final BigDecimal TWO_POW_32 = new BigDecimal(BigInteger.ONE.shiftLeft(32));

  private Scale() {}

  /** Bytes of a {@code 0x}-prefixed hex string. */
  static byte[] hex(String text) {
    if (text == null || !text.startsWith("0x") || (text.length() & 1) != 0) {
      throw new IllegalArgumentException("not 0x-prefixed even-length hex: " + text);
    }
    return HexFormat.of().parseHex(text, 2, text.length());
  }

  /** Unsigned little-endian integer of exactly {@code width} bytes. */
  static BigInteger unsigned(byte[] bytes, int width) {
    requireLength(bytes, width);
    return new BigInteger(1, reversed(bytes));
  }

  /** Two's-complement little-endian integer of exactly {@code width} bytes. */
  static BigInteger signed(byte[] bytes, int width) {
    requireLength(bytes, width);
    return new BigInteger(reversed(bytes));
  }

  /** I96F32 (16 bytes, signed) as a double. */
  static double i96f32(byte[] bytes) {
    return new BigDecimal(signed(bytes, 16)).divide(TWO_POW_32).doubleValue();
  }

  /** U96F32 (16 bytes, unsigned) as a double. */
  static double u96f32(byte[] bytes) {
    return new BigDecimal(unsigned(bytes, 16)).divide(TWO_POW_32).doubleValue();
  }

  /** Little-endian bytes of an unsigned value, for keys ({@code Identity} hasher of a u16 netuid). */
  static byte[] le(long value, int width) {
    byte[] out = new byte[width];
    for (int i = 0; i < width; i++) {
      out[i] = (byte) (value >>> (8 * i));
    }
    return out;
  }

  private static void requireLength(byte[] bytes, int width) {
    if (bytes.length != width) {
      throw new IllegalArgumentException("expected " + width + " bytes, got " + bytes.length);
    }
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
