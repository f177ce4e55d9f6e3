package io.ledgermind.ingest.simulate.stablecoin;

/** Who holds an address, as the flow analytics classify it ({@code fromClass} / {@code toClass}). */
public enum CounterpartyClass {
  /** Centralised exchange hot or deposit wallet: in/outflows are the signal. */
  EXCHANGE,
  /** Externally owned account of a user. */
  EOA,
  /** Cross-chain bridge escrow. */
  BRIDGE,
  /** Issuer treasury: the USDC minter, the USDT owner. */
  TREASURY
}
