package io.ledgermind.models;

/** What an artifact holds. */
public enum ModelKind {
  /** LSTM forecaster with quantile heads ({@link Forecaster}). */
  LSTM_FORECASTER,
  /** Actor-critic MLP policy ({@link Policy}). */
  POLICY
}
