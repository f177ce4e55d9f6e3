package io.ledgermind.world.bittensor;

import java.math.BigInteger;

/**
 * One subnet as a snapshot sees it after a block: the pool, the alpha outside it, the prices, the last block's
 * emissions (per-block rates) and the stake flows since the previous snapshot. Amounts are exact integers (rao and
 * alpha's smallest unit); prices and shares are ratios.
 *
 * @param alphaEmission alpha the subnet emitted in the last block: injected into the pool plus paid to participants
 * @param participantAlphaEmission the part of {@code alphaEmission} paid to owner, miners and validators/stakers
 * @param blocksCovered blocks since the previous snapshot of this subnet: the flows cover them
 */
public record SubnetState(
    int netuid,
    long block,
    BigInteger taoReserve,
    BigInteger alphaReserve,
    BigInteger alphaOutstanding,
    double price,
    double movingPrice,
    BigInteger taoEmission,
    BigInteger alphaEmission,
    BigInteger participantAlphaEmission,
    double emissionShare,
    BigInteger taoStaked,
    BigInteger taoUnstaked,
    double minerBurned,
    BigInteger blockEmission,
    BigInteger totalIssuance,
    EmissionRule emissionRule,
    int blocksCovered) {

  public BigInteger netTaoFlow() {
    return taoStaked.subtract(taoUnstaked);
  }
}
