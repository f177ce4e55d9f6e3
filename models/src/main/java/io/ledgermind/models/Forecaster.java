package io.ledgermind.models;

import java.util.List;

/**
 * Multi-horizon forecasts with prediction intervals, computed in batches: one list in, one list out, same order.
 *
 * <p>Implementations are thread-safe (they hold a pool of native predictors) and validate every input before any
 * computation: a non-finite value, a window of the wrong length or width, an entity the model has no normalisation
 * statistics for or a series family it was not trained on fails the whole call with a {@link ModelInputException}
 * naming the offending index, never with a forecast computed from garbage.
 *
 * <p>Open one with {@link ModelRegistry}; close it to free the native memory.
 */
public interface Forecaster extends AutoCloseable {

  /**
   * Forecasts every input.
   *
   * @return one result per input, in input order; an empty list for an empty input
   * @throws ModelInputException when any input is invalid (no result is returned for any input)
   */
  List<ForecastResult> forecast(List<ForecastInput> inputs) throws ModelInputException;

  /** The model(s) behind this forecaster: one per series family it serves. */
  List<ModelInfo> models();

  /** Frees the native predictors and parameters. */
  @Override
  void close();
}
