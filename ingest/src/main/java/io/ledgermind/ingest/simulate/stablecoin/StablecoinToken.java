package io.ledgermind.ingest.simulate.stablecoin;

import java.util.Locale;
import java.util.Objects;

/**
 * A simulated stablecoin contract and how it reports supply changes.
 *
 * @param symbol           e.g. USDC
 * @param contract         contract address, stored lower-case
 * @param decimals         6 for USDC and USDT
 * @param semantics        which events a mint/burn emits
 * @param genesisSupply    whole tokens minted to the treasury in the first block (then spread to exchanges)
 * @param transfersPerBlock mean transfers per block before seasonality
 */
public record StablecoinToken(String symbol, String contract, int decimals, Semantics semantics,
    long genesisSupply, double transfersPerBlock) {

  /** Mainnet USDC (DOMAIN.md): 6 decimals, Mint/Burn beside Transfer from/to the zero address. */
  public static StablecoinToken usdc() {
    return new StablecoinToken("USDC", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6, Semantics.USDC, 2_000_000_000L,
        4.0);
  }

  /** Mainnet USDT (DOMAIN.md): 6 decimals, Issue/Redeem without Transfer, DestroyedBlackFunds without Transfer. */
  public static StablecoinToken usdt() {
    return new StablecoinToken("USDT", "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6, Semantics.USDT, 3_000_000_000L,
        5.0);
  }

  public StablecoinToken {
    Objects.requireNonNull(symbol, "symbol");
    contract = Objects.requireNonNull(contract, "contract").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(semantics, "semantics");
    if (decimals < 2 || decimals > 36) {
      throw new IllegalArgumentException(symbol + ": decimals must be in [2, 36]: " + decimals);
    }
    if (genesisSupply <= 0 || transfersPerBlock < 0) {
      throw new IllegalArgumentException(symbol + ": genesisSupply > 0 and transfersPerBlock >= 0 required");
    }
  }

  /** A copy with another mean transfer rate. */
  public StablecoinToken withTransfersPerBlock(double rate) {
    return new StablecoinToken(symbol, contract, decimals, semantics, genesisSupply, rate);
  }

  /** Supply-changing event families. */
  public enum Semantics {
    /** Circle FiatToken: Mint(minter,to,amount)+Transfer(0,to,amount); Burn(burner,amount)+Transfer(burner,0,amount). */
    USDC,
    /** Tether: Issue(amount), Redeem(amount) credit/debit the owner with no Transfer; DestroyedBlackFunds(user,amount). */
    USDT
  }
}
