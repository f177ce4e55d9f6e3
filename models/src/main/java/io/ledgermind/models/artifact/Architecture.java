package io.ledgermind.models.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Network architecture as recorded in a manifest; the loader rebuilds exactly this network before reading the
 * parameters.
 *
 * @param type {@link #LSTM_QUANTILE} or {@link #MLP_ACTOR_CRITIC}
 * @param inputSize features per time step (LSTM, including calendar channels) or observation length (MLP)
 * @param hiddenSize LSTM state size; 0 for the MLP
 * @param layers stacked LSTM layers; 0 for the MLP
 * @param hidden MLP hidden widths; null for the LSTM
 * @param outputs output units of the last linear layer: horizons x quantiles, or actions + 1 (value)
 * @param quantiles quantile levels of the LSTM heads, ascending; null for the MLP
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Architecture(
    String type, int inputSize, int hiddenSize, int layers, List<Integer> hidden, int outputs,
    List<Double> quantiles) {

  public static final String LSTM_QUANTILE = "lstm-quantile";
  public static final String MLP_ACTOR_CRITIC = "mlp-actor-critic";

  public static Architecture lstm(int inputSize, int hiddenSize, int layers, int horizons, List<Double> quantiles) {
    return new Architecture(LSTM_QUANTILE, inputSize, hiddenSize, layers, null, horizons * quantiles.size(),
        List.copyOf(quantiles));
  }

  public static Architecture mlp(int inputSize, List<Integer> hidden, int actions) {
    return new Architecture(MLP_ACTOR_CRITIC, inputSize, 0, 0, List.copyOf(hidden), actions + 1, null);
  }
}
