package io.ledgermind.models;

import java.util.List;

/**
 * A trained reinforcement-learning policy with its critic: observations in, decisions out, batched and in order.
 *
 * <p>Thread-safe; inputs are validated before any computation (wrong feature count or non-finite values fail the
 * call with a {@link ModelInputException} naming the index).
 */
public interface Policy extends AutoCloseable {

  /**
   * Decides for every observation.
   *
   * @return one decision per observation, in order; an empty list for an empty input
   * @throws ModelInputException when any observation is invalid
   */
  List<PolicyDecision> decide(List<Observation> observations) throws ModelInputException;

  /** The model behind this policy (its input features and action names). */
  ModelInfo model();

  /** Frees the native predictors and parameters. */
  @Override
  void close();
}
