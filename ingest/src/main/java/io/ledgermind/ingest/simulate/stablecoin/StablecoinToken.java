package io.ledgermind.ingest.simulate.stablecoin;

import java.util.Locale;
import java.util.Objects;

/**
 * A simulated stablecoin contract, how it reports supply changes, and its calibration.
 *
 * <p>The defaults are calibrated to public magnitudes (docs/domain.md, "Magnitudes"): the opening supply is the
 * circulation at the end of 2024, and the supply schedule gives the daily gross mint/burn volumes of that year.
 * They change over time: every figure is a parameter.
 *
 * @param symbol            e.g. USDC
 * @param contract          contract address, stored lower-case
 * @param decimals          6 for USDC and USDT
 * @param semantics         which events a mint/burn emits
 * @param openingSupply     whole tokens in circulation when the simulation starts (the chain's state before the first
 *                          simulated block: a reader that starts at a recent block sees changes, not the history)
 * @param transfersPerBlock mean transfers per block before seasonality
 * @param supply            how often and how much the issuer mints and redeems
 */
public record StablecoinToken(String symbol, String contract, int decimals, Semantics semantics,
    long openingSupply, double transfersPerBlock, SupplySchedule supply) {

  /**
   * Mainnet USDC: 6 decimals, Mint/Burn beside Transfer from/to the zero address. $45.1B in circulation at the end
   * of 2024 after +$20.5B over the year (about +$56M a day net); mints of $10M–$250M about 3.4 times a day
   * (≈ $250M/day gross), redemptions of $1M–$100M about 9 times a day (≈ $195M/day gross).
   */
  public static StablecoinToken usdc() {
    return new StablecoinToken("USDC", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6, Semantics.USDC,
        45_100_000_000L, 4.0, new SupplySchedule(3.4, 10_000_000L, 250_000_000L, 9.0, 1_000_000L, 100_000_000L, 0));
  }

  /**
   * Mainnet USDT: 6 decimals, Issue/Redeem without Transfer, DestroyedBlackFunds without Transfer. $136.6B issued at
   * the end of 2024 (Tether's Q4 2024 attestation; all chains) after about +$45B over the year (+$123M a day net);
   * issued in round $1B tranches about once in five days, redeemed in $10M–$300M amounts about once a day, and a
   * blacklisted balance destroyed about twice a week.
   */
  public static StablecoinToken usdt() {
    return new StablecoinToken("USDT", "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6, Semantics.USDT,
        136_600_000_000L, 5.0,
        new SupplySchedule(0.2, 1_000_000_000L, 1_000_000_000L, 0.9, 10_000_000L, 300_000_000L, 0.3));
  }

  public StablecoinToken {
    Objects.requireNonNull(symbol, "symbol");
    contract = Objects.requireNonNull(contract, "contract").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(semantics, "semantics");
    Objects.requireNonNull(supply, "supply");
    if (decimals < 2 || decimals > 36) {
      throw new IllegalArgumentException(symbol + ": decimals must be in [2, 36]: " + decimals);
    }
    if (openingSupply <= 0 || transfersPerBlock < 0) {
      throw new IllegalArgumentException(symbol + ": openingSupply > 0 and transfersPerBlock >= 0 required");
    }
  }

  /** A copy with another mean transfer rate. */
  public StablecoinToken withTransfersPerBlock(double rate) {
    return new StablecoinToken(symbol, contract, decimals, semantics, openingSupply, rate, supply);
  }

  /** A copy with another supply schedule. */
  public StablecoinToken withSupply(SupplySchedule schedule) {
    return new StablecoinToken(symbol, contract, decimals, semantics, openingSupply, transfersPerBlock, schedule);
  }

  /**
   * The issuer's activity. Amounts are whole tokens (= USD at the peg), drawn log-uniformly between min and max.
   *
   * @param mintsPerDay        mean mints (USDC) or issues (USDT) per day
   * @param redemptionsPerDay  mean redemptions per day: an exchange sends funds to the issuer, which burns them
   * @param blacklistingsPerDay mean DestroyedBlackFunds per day (USDT semantics only)
   */
  public record SupplySchedule(double mintsPerDay, long mintMin, long mintMax, double redemptionsPerDay,
      long redeemMin, long redeemMax, double blacklistingsPerDay) {
    public SupplySchedule {
      if (mintsPerDay < 0 || redemptionsPerDay < 0 || blacklistingsPerDay < 0) {
        throw new IllegalArgumentException("rates per day must be >= 0");
      }
      if (mintMin <= 0 || mintMax < mintMin || redeemMin <= 0 || redeemMax < redeemMin) {
        throw new IllegalArgumentException("amount ranges need 0 < min <= max");
      }
    }

    /** This schedule with every rate multiplied by {@code factor} (tests that need many supply events). */
    public SupplySchedule timesRates(double factor) {
      return new SupplySchedule(mintsPerDay * factor, mintMin, mintMax, redemptionsPerDay * factor, redeemMin,
          redeemMax, blacklistingsPerDay * factor);
    }
  }

  /** Supply-changing event families. */
  public enum Semantics {
    /** Circle FiatToken: Mint(minter,to,amount)+Transfer(0,to,amount); Burn(burner,amount)+Transfer(burner,0,amount). */
    USDC,
    /** Tether: Issue(amount), Redeem(amount) credit/debit the owner with no Transfer; DestroyedBlackFunds(user,amount). */
    USDT
  }
}
