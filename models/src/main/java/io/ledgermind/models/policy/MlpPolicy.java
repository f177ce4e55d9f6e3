package io.ledgermind.models.policy;

import static io.ledgermind.models.ModelInputException.Reason.NON_FINITE;
import static io.ledgermind.models.ModelInputException.Reason.WRONG_FEATURE_COUNT;

import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelArtifactException;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.Observation;
import io.ledgermind.models.Policy;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.models.artifact.Architecture;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.artifact.ModelInfos;
import io.ledgermind.models.runtime.FloatBatch;
import io.ledgermind.models.runtime.LoadedNetwork;
import java.util.ArrayList;
import java.util.List;

/** {@link Policy} over one actor-critic MLP artifact; acts greedily (argmax) on the learned distribution. */
public final class MlpPolicy implements Policy {
  private final LoadedNetwork network;
  private final ModelInfo info;
  private final int obsSize;
  private final int actions;
  private final int maxBatch;

  private MlpPolicy(LoadedArtifact artifact, InferenceOptions options) throws ModelArtifactException {
    Architecture architecture = artifact.manifest().model().architecture();
    if (!Architecture.MLP_ACTOR_CRITIC.equals(architecture.type())) {
      throw new ModelArtifactException(ModelArtifactException.Reason.UNSUPPORTED, artifact.location(),
          "not a policy: " + architecture.type());
    }
    this.info = ModelInfos.of(artifact.manifest());
    this.obsSize = architecture.inputSize();
    this.actions = architecture.outputs() - 1;
    this.maxBatch = options.maxBatch();
    this.network = new LoadedNetwork(artifact, PolicyNetwork.build(architecture), options);
  }

  public static MlpPolicy open(LoadedArtifact artifact, InferenceOptions options) throws ModelArtifactException {
    return new MlpPolicy(artifact, options);
  }

  @Override
  public List<PolicyDecision> decide(List<Observation> observations) throws ModelInputException {
    for (int i = 0; i < observations.size(); i++) {
      validate(i, observations.get(i));
    }
    List<PolicyDecision> decisions = new ArrayList<>(observations.size());
    for (int from = 0; from < observations.size(); from += maxBatch) {
      List<Observation> chunk = observations.subList(from, Math.min(observations.size(), from + maxBatch));
      float[] data = new float[chunk.size() * obsSize];
      for (int i = 0; i < chunk.size(); i++) {
        System.arraycopy(chunk.get(i).features(), 0, data, i * obsSize, obsSize);
      }
      float[] out = network.predict(new FloatBatch(data, new long[] {chunk.size(), obsSize}, false));
      for (int i = 0; i < chunk.size(); i++) {
        decisions.add(decision(chunk.get(i).entity(), out, i * (actions + 1)));
      }
    }
    return decisions;
  }

  private PolicyDecision decision(String entity, float[] out, int offset) {
    double[] p = Softmax.of(out, offset, actions);
    List<Double> probabilities = new ArrayList<>(actions);
    for (double v : p) {
      probabilities.add(v);
    }
    int action = Softmax.argmax(p);
    return new PolicyDecision(entity, action, info.actionNames().get(action), probabilities, out[offset + actions],
        info.name(), info.hash());
  }

  private void validate(int index, Observation observation) throws ModelInputException {
    float[] f = observation.features();
    if (f.length != obsSize) {
      throw new ModelInputException(WRONG_FEATURE_COUNT, index, observation.entity(),
          "expected " + obsSize + " features " + info.inputFeatures() + ", got " + f.length);
    }
    for (int k = 0; k < f.length; k++) {
      if (!Float.isFinite(f[k])) {
        throw new ModelInputException(NON_FINITE, index, observation.entity(),
            info.inputFeatures().get(k) + " is " + f[k]);
      }
    }
  }

  @Override
  public ModelInfo model() {
    return info;
  }

  @Override
  public void close() {
    network.close();
  }
}
