package io.ledgermind.models.artifact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps DJL parameter names to the names the equivalent PyTorch module would use, for the safetensors export.
 *
 * <p>LSTM forecaster ({@link Architecture#LSTM_QUANTILE}) = {@code nn.LSTM(input, hidden, num_layers,
 * batch_first=True)} as {@code lstm} plus {@code nn.Linear(hidden, horizons * quantiles)} as {@code head}:
 *
 * <pre>
 *   01LSTM_l_{k}_i2h_WEIGHT  -> lstm.weight_ih_l{k}   (4*hidden, input or hidden)
 *   01LSTM_l_{k}_h2h_WEIGHT  -> lstm.weight_hh_l{k}   (4*hidden, hidden)
 *   01LSTM_l_{k}_i2h_BIAS    -> lstm.bias_ih_l{k}     (4*hidden)
 *   01LSTM_l_{k}_h2h_BIAS    -> lstm.bias_hh_l{k}     (4*hidden)
 *   03Linear_weight / _bias  -> head.weight / head.bias
 * </pre>
 *
 * Shapes and the gate order (input, forget, cell, output) are PyTorch's own, because DJL's PyTorch engine hands
 * these tensors to {@code torch::lstm} unchanged; only the names differ. The MLP policy
 * ({@link Architecture#MLP_ACTOR_CRITIC}) is {@code nn.Sequential(Linear, Tanh, Linear, Tanh, Linear)} as
 * {@code net}: DJL child {@code NN} maps to index {@code NN - 1} ({@code 01Linear_weight -> net.0.weight}).
 */
public final class PytorchNames {
  private static final Pattern LSTM = Pattern.compile("\\d\\dLSTM_l_(\\d+)_(i2h|h2h)_(WEIGHT|BIAS)");
  private static final Pattern LINEAR = Pattern.compile("(\\d\\d)Linear_(weight|bias)");

  private PytorchNames() {}

  /** PyTorch name of a DJL parameter of a network of the given architecture type. */
  public static String of(String architectureType, String djlName) {
    Matcher lstm = LSTM.matcher(djlName);
    if (Architecture.LSTM_QUANTILE.equals(architectureType) && lstm.matches()) {
      String kind = lstm.group(3).equals("WEIGHT") ? "weight" : "bias";
      String gate = lstm.group(2).equals("i2h") ? "ih" : "hh";
      return "lstm." + kind + "_" + gate + "_l" + lstm.group(1);
    }
    Matcher linear = LINEAR.matcher(djlName);
    if (linear.matches()) {
      if (Architecture.LSTM_QUANTILE.equals(architectureType)) {
        return "head." + linear.group(2);
      }
      if (Architecture.MLP_ACTOR_CRITIC.equals(architectureType)) {
        return "net." + (Integer.parseInt(linear.group(1)) - 1) + "." + linear.group(2);
      }
    }
    throw new IllegalArgumentException("No PyTorch name for " + djlName + " in a " + architectureType);
  }
}
