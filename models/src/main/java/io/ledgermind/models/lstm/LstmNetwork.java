package io.ledgermind.models.lstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import io.ledgermind.models.artifact.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecaster network: stacked LSTM over the window (batch-first, layout NTC), its last hidden state into one
 * linear layer, reshaped to {@code [batch, horizons, quantiles]}.
 *
 * <p>Quantile heads cannot cross by construction: the middle unit is the median and each further quantile is the
 * previous one minus (below) or plus (above) a softplus, so {@code lower <= median <= upper} always holds, which
 * independent heads would only learn approximately.
 */
public final class LstmNetwork {
  private LstmNetwork() {}

  public static SequentialBlock build(Architecture architecture) {
    int quantiles = architecture.quantiles().size();
    if (quantiles % 2 == 0 || architecture.quantiles().get(quantiles / 2) != 0.5) {
      throw new IllegalArgumentException("quantiles must be odd in number with 0.5 in the middle: "
          + architecture.quantiles());
    }
    int horizons = architecture.outputs() / quantiles;
    SequentialBlock block = new SequentialBlock();
    block.add(LSTM.builder().setStateSize(architecture.hiddenSize()).setNumLayers(architecture.layers())
        .optBatchFirst(true).optReturnState(false).build());
    block.add(new LambdaBlock(list -> new NDList(list.head().get(":, -1, :")), "last_step"));
    block.add(Linear.builder().setUnits(architecture.outputs()).build());
    block.add(new LambdaBlock(list -> new NDList(monotoneQuantiles(list.head(), horizons, quantiles)),
        "monotone_quantiles"));
    return block;
  }

  private static NDArray monotoneQuantiles(NDArray raw, int horizons, int quantiles) {
    NDArray out = raw.reshape(-1, horizons, quantiles);
    int mid = quantiles / 2;
    NDArray[] q = new NDArray[quantiles];
    q[mid] = out.get(":, :, " + mid);
    for (int k = mid - 1; k >= 0; k--) {
      q[k] = q[k + 1].sub(Activation.softPlus(out.get(":, :, " + k)));
    }
    for (int k = mid + 1; k < quantiles; k++) {
      q[k] = q[k - 1].add(Activation.softPlus(out.get(":, :, " + k)));
    }
    List<NDArray> parts = new ArrayList<>(List.of(q));
    return NDArrays.stack(new NDList(parts), 2);
  }
}
