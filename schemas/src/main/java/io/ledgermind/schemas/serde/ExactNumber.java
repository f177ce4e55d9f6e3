package io.ledgermind.schemas.serde;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The exact number formats of token amounts, carried as base-10 strings so no consumer ever meets a double. A field
 * declares its format with the schema property {@value #PROPERTY} ({@code uint256}, {@code int256} or
 * {@code decimal}); {@link RecordValidator} enforces it on every encode and decode.
 *
 * <p>Why strings and not Avro {@code decimal}: every Avro implementation (and a human reading JSON) sees the exact
 * value; a {@code bytes} decimal shows up as escaped binary in generic tools, and the range check is needed anyway
 * because decimal(78) admits values above 2^256-1 and negatives.
 */
public enum ExactNumber {
  /** 0 .. 2^256-1, no sign, no leading zeros. */
  UINT256,
  /** -2^255 .. 2^255-1, no leading zeros, no "-0". */
  INT256,
  /** A non-negative decimal such as 0.000123 (Cosmos DecCoin prices, resource units). */
  DECIMAL;

  public static final String PROPERTY = "ledgermind.numeric";

  public static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  public static final BigInteger INT256_MAX = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
  public static final BigInteger INT256_MIN = BigInteger.ONE.shiftLeft(255).negate();

  private static final Pattern UNSIGNED = Pattern.compile("0|[1-9][0-9]{0,77}");
  private static final Pattern SIGNED = Pattern.compile("0|-?[1-9][0-9]{0,76}");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("(0|[1-9][0-9]{0,77})(\\.[0-9]{1,36})?");

  /** The format named by a schema property value, e.g. {@code "uint256"}. */
  public static ExactNumber fromProperty(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }

  /** Returns null when {@code text} is valid in this format, else what is wrong with it. */
  public String problem(String text) {
    switch (this) {
      case UINT256:
        if (!UNSIGNED.matcher(text).matches()) {
          return "not a base-10 uint256: '" + abbreviate(text) + "'";
        }
        // Up to 77 digits is below 2^256 (about 1.16e77): only 78-digit values need the exact comparison.
        return text.length() == 78 && new BigInteger(text).compareTo(UINT256_MAX) > 0
            ? "above 2^256-1: " + abbreviate(text) : null;
      case INT256:
        if (!SIGNED.matcher(text).matches()) {
          return "not a base-10 int256: '" + abbreviate(text) + "'";
        }
        // Up to 76 digits is inside +-2^255 (about 5.8e76): only longer values need the exact comparison.
        if (text.length() - (text.startsWith("-") ? 1 : 0) <= 76) {
          return null;
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(INT256_MAX) > 0 || value.compareTo(INT256_MIN) < 0
            ? "outside int256: " + abbreviate(text) : null;
      case DECIMAL:
        return DECIMAL_TEXT.matcher(text).matches() ? null : "not a non-negative decimal: '" + abbreviate(text) + "'";
      default:
        throw new AssertionError(this);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 90 ? text : text.substring(0, 87) + "...";
  }
}
