package io.ledgermind.models;

import java.util.List;

/**
 * What the policy chose for one observation: the most probable action (the deployed policy acts greedily on its
 * learned distribution), the whole distribution, and the critic's value estimate.
 *
 * @param probabilities probability per action index (sums to 1)
 * @param value critic's estimate of the discounted return from this observation (percent of portfolio value)
 */
public record PolicyDecision(
    String entity,
    int actionIndex,
    String actionName,
    List<Double> probabilities,
    double value,
    String modelName,
    String modelHash) {

  public PolicyDecision {
    probabilities = List.copyOf(probabilities);
  }
}
