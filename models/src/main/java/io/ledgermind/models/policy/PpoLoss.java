package io.ledgermind.models.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * PPO's clipped surrogate objective with a value loss and an entropy bonus, as one scalar to minimise:
 * {@code -mean(min(r A, clip(r, 1-e, 1+e) A)) + c_v mean((V - R)^2) - c_e H(pi)} with
 * {@code r = exp(log pi(a|s) - log pi_old(a|s))}.
 *
 * <p>Labels: {@code [one-hot actions [B, A], old log-probabilities [B], advantages [B], returns [B]]};
 * predictions: {@code [B, A + 1]} (logits, then value).
 */
final class PpoLoss extends Loss {
  private final int actions;
  private final float clip;
  private final float valueCoefficient;
  private final float entropyCoefficient;

  PpoLoss(int actions, double clip, double valueCoefficient, double entropyCoefficient) {
    super("ppo");
    this.actions = actions;
    this.clip = (float) clip;
    this.valueCoefficient = (float) valueCoefficient;
    this.entropyCoefficient = (float) entropyCoefficient;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray out = predictions.singletonOrThrow();
    NDArray logits = out.get(":, 0:" + actions);
    NDArray value = out.get(":, " + actions);
    NDArray logProbs = logits.logSoftmax(1);
    NDArray logProb = logProbs.mul(labels.get(0)).sum(new int[] {1});
    NDArray ratio = logProb.sub(labels.get(1)).exp();
    NDArray advantage = labels.get(2);
    NDArray surrogate = ratio.mul(advantage).minimum(ratio.clip(1 - clip, 1 + clip).mul(advantage));
    NDArray valueLoss = value.sub(labels.get(3)).square().mean();
    NDArray entropy = logProbs.exp().mul(logProbs).sum(new int[] {1}).mean().neg();
    return surrogate.mean().neg().add(valueLoss.mul(valueCoefficient)).sub(entropy.mul(entropyCoefficient));
  }
}
