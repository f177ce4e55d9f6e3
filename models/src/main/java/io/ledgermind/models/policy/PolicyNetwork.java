package io.ledgermind.models.policy;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.ledgermind.models.artifact.Architecture;

/**
 * Actor-critic MLP with a shared trunk: {@code obs -> Linear -> tanh -> ... -> Linear(actions + 1)}; the first
 * {@code actions} outputs are the policy logits, the last is the state value. Small on purpose (20-64-64-6 for four
 * subnets): inference costs microseconds and the artifact a few tens of kilobytes.
 */
public final class PolicyNetwork {
  private PolicyNetwork() {}

  public static SequentialBlock build(Architecture architecture) {
    SequentialBlock block = new SequentialBlock();
    for (int width : architecture.hidden()) {
      block.add(Linear.builder().setUnits(width).build());
      block.add(Activation.tanhBlock());
    }
    block.add(Linear.builder().setUnits(architecture.outputs()).build());
    return block;
  }
}
