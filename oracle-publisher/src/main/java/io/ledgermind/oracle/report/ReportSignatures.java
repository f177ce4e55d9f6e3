package io.ledgermind.oracle.report;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** 65-byte {@code r || s || v} signatures over a raw 32-byte digest (no Ethereum message prefix), always low-s. */
public final class ReportSignatures {
  /** secp256k1n / 2: the largest s the oracle accepts (EIP-2). */
  public static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

  private ReportSignatures() {}

  /** Signs the digest; web3j canonicalises s to the lower half, v is 27 or 28. */
  public static byte[] sign(byte[] digest, ECKeyPair key) {
    Sign.SignatureData sig = Sign.signMessage(digest, key, false);
    byte[] out = new byte[65];
    System.arraycopy(sig.getR(), 0, out, 0, 32);
    System.arraycopy(sig.getS(), 0, out, 32, 32);
    out[64] = sig.getV()[0];
    if (new BigInteger(1, sig.getS()).compareTo(HALF_N) > 0) {
      throw new IllegalStateException("signature with high s");
    }
    return out;
  }

  /** The lower-case 0x address that signed {@code digest}, or empty when the signature is malformed or high-s. */
  public static Optional<String> recover(byte[] digest, byte[] signature) {
    if (signature.length != 65) {
      return Optional.empty();
    }
    byte v = signature[64];
    byte[] r = Arrays.copyOfRange(signature, 0, 32);
    byte[] s = Arrays.copyOfRange(signature, 32, 64);
    if ((v != 27 && v != 28) || new BigInteger(1, s).compareTo(HALF_N) > 0) {
      return Optional.empty();
    }
    try {
      BigInteger publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
      return Optional.of("0x" + Keys.getAddress(publicKey).toLowerCase());
    } catch (java.security.SignatureException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<String> recover(String digestHex, String signatureHex) {
    try {
      return recover(Numeric.hexStringToByteArray(digestHex), Numeric.hexStringToByteArray(signatureHex));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
