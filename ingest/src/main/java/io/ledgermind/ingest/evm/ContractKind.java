package io.ledgermind.ingest.evm;

/** What a watched contract is, which decides how its logs decode. */
public enum ContractKind {
  /** FiatToken semantics: Transfer, Mint(minter, to, amount), Burn(burner, amount). */
  USDC,
  /** TetherToken semantics: Transfer, Issue(amount), Redeem(amount), DestroyedBlackFunds(user, balance). */
  USDT,
  /** Chainlink-style aggregator: AnswerUpdated, NewRound, OCR2 NewTransmission. */
  CHAINLINK_AGGREGATOR
}
