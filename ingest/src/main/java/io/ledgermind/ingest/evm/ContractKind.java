package io.ledgermind.ingest.evm;

/** What a watched contract is, which decides how its logs decode. */
public enum ContractKind {
  /** FiatToken semantics: Transfer, Mint(minter, to, amount), Burn(burner, amount). */
  USDC,
  /** TetherToken semantics: Transfer, Issue(amount), Redeem(amount), DestroyedBlackFunds(user, balance). */
  USDT,
  /** Chainlink-style aggregator: AnswerUpdated, NewRound, OCR2 NewTransmission. */
  CHAINLINK_AGGREGATOR,
  /**
   * The Ledgermind quorum oracle: RoundPublished(feedId, roundId, answer, observedAt, targetTime, modelHash,
   * inputsCommitment). Feed ids are keccak256 of the feed names the contract's {@link WatchedContract} lists.
   */
  LEDGERMIND_ORACLE
}
