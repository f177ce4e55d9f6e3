package io.ledgermind.oracle.signer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decrypts a Web3 Secret Storage (v3) keystore with a password held in a char array. web3j's own loader takes the
 * password as a String, which cannot be wiped; here the password becomes a byte array that is zeroed right after the
 * key derivation, and so are the derived key and the plaintext.
 */
final class KeystoreFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeystoreFile() {}

  /** The private key; throws with a fixed text on any failure (no cause: it could echo file content). */
  static BigInteger decrypt(Path file, char[] password) {
    byte[] passwordBytes = null;
    byte[] derived = null;
    byte[] plain = null;
    try {
      JsonNode wallet = JSON.readTree(file.toFile());
      JsonNode crypto = wallet.has("crypto") ? wallet.get("crypto") : wallet.get("Crypto");
      if (wallet.path("version").asInt() != 3 || crypto == null || !"aes-128-ctr".equals(crypto.path("cipher").asText())) {
        throw new Refused("keystore " + file + " is not a version 3 aes-128-ctr keystore");
      }
      passwordBytes = utf8(password);
      derived = derive(passwordBytes, crypto.path("kdf").asText(), crypto.path("kdfparams"));
      byte[] cipherText = Numeric.hexStringToByteArray(crypto.path("ciphertext").asText());
      byte[] macInput = new byte[16 + cipherText.length];
      System.arraycopy(derived, 16, macInput, 0, 16);
      System.arraycopy(cipherText, 0, macInput, 16, cipherText.length);
      if (!MessageDigest.isEqual(Hash.sha3(macInput), Numeric.hexStringToByteArray(crypto.path("mac").asText()))) {
        throw new IllegalArgumentException("cannot open keystore " + file + " (wrong password or corrupt file)");
      }
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, 0, 16, "AES"),
          new IvParameterSpec(Numeric.hexStringToByteArray(crypto.path("cipherparams").path("iv").asText())));
      plain = aes.doFinal(cipherText);
      return new BigInteger(1, plain);
    } catch (Refused e) {
      throw e;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // A wrong password (MAC mismatch) and anything that breaks on a corrupt file read the same.
      throw new IllegalArgumentException("cannot open keystore " + file + " (wrong password or corrupt file)");
    } finally {
      wipe(passwordBytes);
      wipe(derived);
      wipe(plain);
    }
  }

  /** A refusal whose fixed text names the problem; every other failure is reported as "cannot open". */
  private static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private static byte[] derive(byte[] password, String kdf, JsonNode p) {
    byte[] salt = Numeric.hexStringToByteArray(p.path("salt").asText());
    int dklen = p.path("dklen").asInt();
    if (dklen < 32) {
      throw new IllegalArgumentException("keystore dklen below 32");
    }
    if ("scrypt".equals(kdf)) {
      return SCrypt.generate(password, salt, p.path("n").asInt(), p.path("r").asInt(), p.path("p").asInt(), dklen);
    }
    if ("pbkdf2".equals(kdf)) {
      if (!"hmac-sha256".equals(p.path("prf").asText())) {
        throw new IllegalArgumentException("unsupported keystore prf");
      }
      PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
      generator.init(password, salt, p.path("c").asInt());
      return ((KeyParameter) generator.generateDerivedParameters(dklen * 8)).getKey();
    }
    throw new IllegalArgumentException("unsupported keystore kdf");
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return out;
  }

  private static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
