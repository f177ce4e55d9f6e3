package io.ledgermind.evm;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The funded accounts of a dev chain (anvil), derived from its BIP-39 mnemonic along m/44'/60'/0'/0/i. Only for
 * public test mnemonics: production signing keys come from keystores in oracle-publisher's signer, never from here.
 * Keys are never printed; use {@link Credentials#getAddress()} in messages.
 */
public final class DevAccounts {
  private static final int HARDENED = 0x80000000;
  private final Bip32ECKeyPair master;

  public DevAccounts(String mnemonic) {
    this.master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
  }

  public Credentials account(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("account index must be >= 0");
    }
    return Credentials.create(
        Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index}));
  }
}
