package io.ledgermind.models.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.ModelRegistry;
import io.ledgermind.models.Observation;
import io.ledgermind.models.Policy;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.runtime.LoadedNetwork;
import io.ledgermind.models.runtime.TrainedModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few PPO updates: deterministic for a seed, reloadable bit for bit, validated inputs. */
class PpoTrainingITCase {
  @TempDir
  Path dir;

  private static PolicyTrainingConfig tiny(long seed) {
    return PolicyTrainingConfig.builder().seed(seed).updates(3).envs(4)
        .env(StakingEnvTest.SMALL).build();
  }

  @Test
  void sameSeedSameParameters() {
    TrainedModel a = PpoTrainer.train(tiny(5));
    TrainedModel b = PpoTrainer.train(tiny(5));
    assertThat(b.parameters()).isEqualTo(a.parameters());
    assertThat(b.manifest().modelHash()).isEqualTo(a.manifest().modelHash());
    assertThat(PpoTrainer.train(tiny(6)).manifest().modelHash()).isNotEqualTo(a.manifest().modelHash());
  }

  /** Within every update the returns are fixed, so the PPO epochs must bring the value head closer to them. */
  @Test
  void theValueLossFallsInEveryUpdate() {
    TrainedModel trained = PpoTrainer.train(tiny(8));
    @SuppressWarnings("unchecked")
    List<List<Number>> losses = (List<List<Number>>) trained.manifest().training().get("valueLossBeforeAfterPerUpdate");
    assertThat(losses).hasSize(3).allSatisfy(update ->
        assertThat(update.get(1).doubleValue()).isLessThan(update.get(0).doubleValue()));
  }

  @Test
  void savedPolicyDecidesLikeTheTrainedNetworkAndRefusesBadObservations() throws Exception {
    TrainedModel trained = PpoTrainer.train(tiny(7));
    trained.writeTo(dir);
    LoadedArtifact artifact = ArtifactStore.read(dir);
    InferenceOptions cpu = InferenceOptions.builder().device(InferenceOptions.DeviceChoice.CPU).build();
    try (LoadedNetwork network = new LoadedNetwork(artifact,
        PolicyNetwork.build(artifact.manifest().model().architecture()), cpu)) {
      assertThat(network.predict(trained.probeInput())).isEqualTo(trained.probeOutput());
    }
    try (Policy policy = ModelRegistry.openPolicy(dir, cpu)) {
      float[] obs = new StakingEnv(StakingEnvTest.SMALL, 1).observation();
      List<PolicyDecision> decisions = policy.decide(List.of(new Observation("a", obs), new Observation("b", obs)));
      assertThat(decisions).hasSize(2);
      PolicyDecision d = decisions.get(0);
      assertThat(d.probabilities()).hasSize(5);
      assertThat(d.probabilities().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
      assertThat(d.actionName()).isEqualTo(StakingEnv.actionNames(4).get(d.actionIndex()));
      assertThat(d.modelHash()).isEqualTo(trained.manifest().modelHash());
      assertThat(policy.model().inputFeatures()).hasSize(20);

      ModelInputException wrongSize = catchThrowableOfType(ModelInputException.class,
          () -> policy.decide(List.of(new Observation("a", obs), new Observation("b", new float[16]))));
      assertThat(wrongSize.reason()).isEqualTo(ModelInputException.Reason.WRONG_FEATURE_COUNT);
      assertThat(wrongSize.index()).isEqualTo(1);
      float[] nan = obs.clone();
      nan[7] = Float.POSITIVE_INFINITY;
      assertThat(catchThrowableOfType(ModelInputException.class,
          () -> policy.decide(List.of(new Observation("a", nan)))).reason())
          .isEqualTo(ModelInputException.Reason.NON_FINITE);
    }
  }
}
