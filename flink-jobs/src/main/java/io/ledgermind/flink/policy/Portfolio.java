package io.ledgermind.flink.policy;

import java.io.Serializable;

/**
 * A staking portfolio the policy manages: its id (the {@code PolicyAction} entity) and its value in TAO, which sets
 * how deep each pool is relative to it (the policy's {@code size_to_depth} input).
 */
public record Portfolio(String id, double valueTao) implements Serializable {
  public Portfolio {
    if (!(valueTao > 0)) {
      throw new IllegalArgumentException("portfolio value must be positive: " + valueTao);
    }
  }
}
