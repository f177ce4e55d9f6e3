package io.ledgermind.ingest.evm;

import java.util.Locale;

/**
 * A contract whose logs the reader ingests.
 *
 * @param address contract address (stored lower-case: JSON-RPC answers in mixed checksum case)
 * @param kind how its logs decode
 * @param symbol token symbol or feed name, e.g. USDC or ETH/USD
 * @param decimals token or answer decimals (6 for USDC and USDT)
 */
public record WatchedContract(String address, ContractKind kind, String symbol, int decimals) {
  public WatchedContract {
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("contract address must be 0x + 40 hex digits: " + address);
    }
    address = address.toLowerCase(Locale.ROOT);
  }
}
