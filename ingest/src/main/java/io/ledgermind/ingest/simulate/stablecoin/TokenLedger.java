package io.ledgermind.ingest.simulate.stablecoin;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Balances and total supply of one simulated token, booked exactly like the contract would. The simulator's own
 * record of supply: tests reconcile the emitted events against it.
 */
public final class TokenLedger {
  private final Map<String, BigInteger> balances = new HashMap<>();
  private BigInteger totalSupply = BigInteger.ZERO;
  private BigInteger openingSupply = BigInteger.ZERO;
  private final Map<String, BigInteger> opening = new HashMap<>();

  public BigInteger totalSupply() {
    return totalSupply;
  }

  public BigInteger balanceOf(String address) {
    return balances.getOrDefault(address, BigInteger.ZERO);
  }

  /** Sum over all balances; equals {@link #totalSupply()} unless the bookkeeping is broken. */
  public BigInteger sumOfBalances() {
    return balances.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }

  /**
   * Supply that exists before the first simulated block (the chain's state when a reader starts), credited to
   * {@code to} without an event.
   */
  void open(String to, BigInteger amount) {
    requirePositive(amount);
    balances.merge(to, amount, BigInteger::add);
    totalSupply = totalSupply.add(amount);
    openingSupply = openingSupply.add(amount);
    opening.merge(to, amount, BigInteger::add);
  }

  /** What {@link #open} credited: the supply that no event of the simulation accounts for. */
  public BigInteger openingSupply() {
    return openingSupply;
  }

  /** The balances before the first simulated block. */
  public Map<String, BigInteger> openingBalances() {
    return Map.copyOf(opening);
  }

  /** New tokens credited to {@code to} (USDC mint, USDT issue). */
  void mint(String to, BigInteger amount) {
    requirePositive(amount);
    balances.merge(to, amount, BigInteger::add);
    totalSupply = totalSupply.add(amount);
  }

  /** Tokens removed from {@code from} (USDC burn, USDT redeem, USDT destroyBlackFunds). */
  void burn(String from, BigInteger amount) {
    debit(from, amount);
    totalSupply = totalSupply.subtract(amount);
  }

  void transfer(String from, String to, BigInteger amount) {
    debit(from, amount);
    balances.merge(to, amount, BigInteger::add);
  }

  private void debit(String from, BigInteger amount) {
    requirePositive(amount);
    BigInteger balance = balanceOf(from);
    if (balance.compareTo(amount) < 0) {
      // The simulator only moves funds it has; reaching here is a simulator bug, never a simulated event.
      throw new IllegalStateException(from + " holds " + balance + ", cannot debit " + amount);
    }
    BigInteger rest = balance.subtract(amount);
    if (rest.signum() == 0) {
      balances.remove(from);
    } else {
      balances.put(from, rest);
    }
  }

  private static void requirePositive(BigInteger amount) {
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amount);
    }
  }
}
