package io.ledgermind.models.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledgermind.models.ModelKind;
import java.util.Map;

/**
 * {@code manifest.json} of an artifact directory. Only {@link #model()} (with the parameter bytes) enters the model
 * hash: it holds everything that determines outputs. Training provenance, metrics and export details do not, so
 * re-evaluating a model never changes its identity.
 *
 * @param format {@link #FORMAT}; readers refuse other values
 * @param modelHash {@link ModelHash} of {@link #model()} and the parameter file, hex
 * @param parametersFile file name of the DJL block parameters in the same directory
 * @param training seed, epochs, data range, loss history (informational)
 * @param metrics held-out metrics computed at the end of training
 * @param export safetensors file and the DJL to PyTorch parameter-name mapping
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String format,
    String name,
    ModelKind kind,
    String modelHash,
    String parametersFile,
    ModelSpec model,
    Map<String, Object> training,
    Map<String, Object> metrics,
    Map<String, Object> export) {

  public static final String FORMAT = "ledgermind-model/1";
  public static final String FILE = "manifest.json";
  public static final String PARAMETERS_FILE = "parameters.params";
  public static final String SAFETENSORS_FILE = "weights.safetensors";

  /** A copy with the given hash. */
  public Manifest withHash(String hash) {
    return new Manifest(format, name, kind, hash, parametersFile, model, training, metrics, export);
  }

  /** A copy with the given metrics. */
  public Manifest withMetrics(Map<String, Object> newMetrics) {
    return new Manifest(format, name, kind, modelHash, parametersFile, model, training, newMetrics, export);
  }
}
