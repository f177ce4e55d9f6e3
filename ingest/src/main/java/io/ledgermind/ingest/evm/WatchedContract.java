package io.ledgermind.ingest.evm;

import java.util.Locale;

/**
 * A contract whose logs the reader ingests.
 *
 * @param address contract address (stored lower-case: JSON-RPC answers in mixed checksum case)
 * @param kind how its logs decode
 * @param symbol token symbol or feed name, e.g. USDC or ETH/USD
 * @param decimals token or answer decimals (6 for USDC and USDT)
 * @param feedNames for {@link ContractKind#LEDGERMIND_ORACLE}: the feed names whose keccak256 ids its events carry
 */
public record WatchedContract(String address, ContractKind kind, String symbol, int decimals,
    java.util.List<String> feedNames) {
  public WatchedContract {
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("contract address must be 0x + 40 hex digits: " + address);
    }
    address = address.toLowerCase(Locale.ROOT);
    feedNames = java.util.List.copyOf(feedNames);
  }

  public WatchedContract(String address, ContractKind kind, String symbol, int decimals) {
    this(address, kind, symbol, decimals, java.util.List.of());
  }

  /** Feed name by its bytes32 id (0x hex, lower case): names of {@link #feedNames}. */
  public java.util.Map<String, String> feedNamesById() {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    feedNames.forEach(n -> out.put(org.web3j.crypto.Hash.sha3String(n).toLowerCase(Locale.ROOT), n));
    return out;
  }
}
