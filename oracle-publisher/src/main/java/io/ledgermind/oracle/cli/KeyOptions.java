package io.ledgermind.oracle.cli;

import io.ledgermind.evm.DevAccounts;
import io.ledgermind.oracle.signer.SignerKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a process gets its one key: a keystore file (password from an environment variable), a private key in an
 * environment variable, or (local dev chain only) a dev account of the stack's public test mnemonic. The key itself
 * never appears on the command line, in logs or in error messages.
 */
final class KeyOptions {
  @Option(names = "--keystore", paramLabel = "FILE", description = "web3j/geth keystore file of the key.")
  Path keystore;

  @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "LEDGERMIND_ORACLE_KEYSTORE_PASSWORD",
      description = "Environment variable holding the keystore password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

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
      String password = System.getenv(passwordEnv);
      if (password == null) {
        throw new IllegalArgumentException("environment variable " + passwordEnv + " (keystore password) is not set");
      }
      return SignerKey.fromKeystore(keystore, password.toCharArray());
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
