package io.ledgermind.models.runtime;

import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.Manifest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The contents of a freshly trained artifact, before it is written, and a probe: a batch of network inputs with
 * the outputs the trained network (still in memory) gave for it, so tests can prove that save and reload change
 * nothing.
 */
public record TrainedModel(Manifest manifest, byte[] parameters, byte[] safetensors, FloatBatch probeInput,
    float[] probeOutput) {

  /** Writes the artifact into {@code dir}. */
  public void writeTo(Path dir) throws IOException {
    ArtifactStore.write(dir, manifest, parameters, safetensors);
  }
}
