package io.ledgermind.flink.policy;

import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelRegistry;
import io.ledgermind.models.Policy;
import java.io.Serializable;

/** Opens the staking policy on the task manager (a policy holds native memory and is not serializable). */
@FunctionalInterface
public interface PolicyFactory extends Serializable {
  Policy open() throws Exception;

  /** The policy bundled with the models module, one predictor. */
  static PolicyFactory bundled() {
    return () -> ModelRegistry.bundled().openPolicy(InferenceOptions.builder().poolSize(1).build());
  }
}
