package io.ledgermind.oracle.transmit;

import java.math.BigInteger;
import java.time.Duration;

/**
 * EIP-1559 fees of the transmitter.
 *
 * @param maxFeeCap the most wei per gas it ever offers (maxFeePerGas); above it a publication is skipped with an alert
 * @param priorityFee tip (maxPriorityFeePerGas) of a first attempt
 * @param stuckAfter a transaction without receipt after this long is replaced (same nonce, fees +12.5% or more)
 * @param giveUpAfter after this long without any receipt the outcome is UNKNOWN and the chain decides (reconcile)
 */
public record FeePolicy(BigInteger maxFeeCap, BigInteger priorityFee, Duration stuckAfter, Duration giveUpAfter) {
  /** Replacement bump: +12.5% (geth's minimum price bump is 10%; anvil and most pools accept 12.5%) rounded up. */
  public static BigInteger bump(BigInteger fee) {
    return fee.multiply(BigInteger.valueOf(1125)).add(BigInteger.valueOf(999)).divide(BigInteger.valueOf(1000))
        .add(BigInteger.ONE);
  }

  public static FeePolicy localDefaults() {
    return new FeePolicy(BigInteger.valueOf(200_000_000_000L), BigInteger.valueOf(1_000_000_000L),
        Duration.ofSeconds(3), Duration.ofSeconds(60));
  }
}
