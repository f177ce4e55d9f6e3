package io.ledgermind.oracle.cli;

import io.ledgermind.evm.DevAccounts;
import io.ledgermind.oracle.signer.SignerKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a process gets its one key: a keystore file with its password in a file (the production way), a private key
 * in an environment variable (for secret stores that inject environment variables), or, only when asked for by
 * name, a dev account of the local stack's public test mnemonic. The key itself never appears on the command line,
 * in logs or in error messages; the password is read into a char array that is wiped after use.
 */
final class KeyOptions {
  @Option(names = "--keystore", paramLabel = "FILE", description = "web3j/geth keystore file of the key.")
  Path keystore;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "File holding the keystore password (its first line), readable by this user only.")
  Path passwordFile;

  @Option(names = "--key-env", paramLabel = "VAR",
      description = "Environment variable holding the private key (hex), instead of a keystore.")
  String keyEnv;

  @Option(names = "--dev-account", paramLabel = "INDEX",
      description = "Local dev chain only: account INDEX of the stack's public test mnemonic.")
  Integer devAccount;

  SignerKey load(StackDefaults stack) {
    int given = (keystore != null ? 1 : 0) + (keyEnv != null ? 1 : 0) + (devAccount != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException("give exactly one of --keystore, --key-env, --dev-account");
    }
    if (keystore != null) {
      if (passwordFile == null) {
        throw new IllegalArgumentException("--keystore needs --password-file");
      }
      char[] password = PasswordFile.read(passwordFile);
      try {
        return SignerKey.fromKeystore(keystore, password);
      } finally {
        java.util.Arrays.fill(password, '\0');
      }
    }
    if (keyEnv != null) {
      return SignerKey.fromEnvironment(keyEnv);
    }
    String mnemonic = stack.get("LEDGERMIND_ANVIL_MNEMONIC");
    if (mnemonic == null) {
      throw new IllegalArgumentException("--dev-account needs the local stack (its dev mnemonic)");
    }
    return SignerKey.fromHex(org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(
        new DevAccounts(mnemonic).account(devAccount).getEcKeyPair().getPrivateKey(), 64));
  }
}
