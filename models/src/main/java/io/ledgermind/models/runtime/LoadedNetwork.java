package io.ledgermind.models.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelArtifactException;
import io.ledgermind.models.artifact.LoadedArtifact;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * A network rebuilt from its manifest architecture, its parameters loaded on the chosen device, and a predictor
 * pool over it. Shared by the forecaster and the policy.
 */
public final class LoadedNetwork implements AutoCloseable {
  private final Model model;
  private final PredictorPool<FloatBatch, float[]> pool;
  private final Device device;

  public LoadedNetwork(LoadedArtifact artifact, Block block, InferenceOptions options)
      throws ModelArtifactException {
    DjlRuntime.engine();
    DjlRuntime.checkDeterministic(options);
    this.device = DjlRuntime.device(options);
    Model m = Model.newInstance(artifact.manifest().name(), device, "PyTorch");
    try {
      m.setBlock(block);
      block.loadParameters(m.getNDManager(), new DataInputStream(new ByteArrayInputStream(artifact.parameters())));
      this.pool = new PredictorPool<>(m, new FloatBatchTranslator(), device, options.poolSize());
      this.model = m;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      m.close();
      throw new ModelArtifactException(ModelArtifactException.Reason.MALFORMED_PARAMETERS, artifact.location(),
          "parameters do not fit " + artifact.manifest().model().architecture() + ": " + e.getMessage(), e);
    }
  }

  public float[] predict(FloatBatch batch) {
    return pool.predict(batch);
  }

  public Device device() {
    return device;
  }

  @Override
  public void close() {
    pool.close();
    model.close();
  }
}
