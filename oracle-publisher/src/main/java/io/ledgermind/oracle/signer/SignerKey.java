package io.ledgermind.oracle.signer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * A signer's private key. Only {@link #sign} uses it; {@link #toString()} shows the address, nothing else, and no
 * exception thrown here carries key material or the keystore password (parsing errors are replaced by fixed texts).
 */
public final class SignerKey {
  private final ECKeyPair keyPair;
  private final String address;

  private SignerKey(ECKeyPair keyPair) {
    this.keyPair = keyPair;
    this.address = Credentials.create(keyPair).getAddress().toLowerCase();
  }

  /** From a web3j/geth keystore file (scrypt or pbkdf2) and its password. */
  public static SignerKey fromKeystore(Path keystore, char[] password) {
    if (!Files.isRegularFile(keystore)) {
      throw new IllegalArgumentException("keystore file not found: " + keystore);
    }
    try {
      return new SignerKey(ECKeyPair.create(KeystoreFile.decrypt(keystore, password)));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** From a 0x-prefixed (or bare) 64-hex-digit private key, e.g. an environment variable's value. */
  public static SignerKey fromHex(String privateKeyHex) {
    if (privateKeyHex == null) {
      throw new IllegalArgumentException("no private key given");
    }
    String hex = privateKeyHex.strip();
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("private key must be 64 hex digits (value not shown)");
    }
    return new SignerKey(ECKeyPair.create(new java.math.BigInteger(hex, 16)));
  }

  /** From the named environment variable. */
  public static SignerKey fromEnvironment(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + variable + " is not set");
    }
    try {
      return fromHex(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("environment variable " + variable + ": " + e.getMessage());
    }
  }

  public String address() {
    return address;
  }

  /** Signs a 32-byte digest: 65 bytes r||s||v, low-s. */
  public byte[] sign(byte[] digest) {
    return io.ledgermind.oracle.report.ReportSignatures.sign(digest, keyPair);
  }

  /**
   * web3j credentials for signing transactions (the transmitter's sender key). Credentials print no key either;
   * never log them.
   */
  public Credentials credentials() {
    return Credentials.create(keyPair);
  }

  @Override
  public String toString() {
    return "SignerKey[" + address + ", key redacted]";
  }
}
