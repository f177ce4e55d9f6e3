package io.ledgermind.models.lstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.List;

/**
 * Pinball (quantile) loss summed over the quantile heads, averaged over batch and horizons. Minimising it makes
 * head q estimate the q-quantile of the target, which gives the prediction interval directly (0.1/0.9 heads: an
 * 80 % interval) with no distributional assumption, and the 0.5 head the median (the point forecast, which
 * minimises absolute error: the MAE we evaluate).
 *
 * <p>Labels: {@code [batch, horizons]}; predictions: {@code [batch, horizons, quantiles]}.
 */
final class PinballLoss extends Loss {
  private final float[] quantiles;

  PinballLoss(List<Double> quantiles) {
    super("pinball");
    this.quantiles = new float[quantiles.size()];
    for (int i = 0; i < this.quantiles.length; i++) {
      this.quantiles[i] = quantiles.get(i).floatValue();
    }
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray y = labels.singletonOrThrow().expandDims(2);
    NDArray pred = predictions.singletonOrThrow();
    NDArray q = pred.getManager().create(quantiles).reshape(1, 1, quantiles.length);
    NDArray error = y.sub(pred);
    // max(q * e, (q - 1) * e)
    NDArray loss = error.mul(q).maximum(error.mul(q.sub(1)));
    return loss.sum(new int[] {2}).mean();
  }
}
