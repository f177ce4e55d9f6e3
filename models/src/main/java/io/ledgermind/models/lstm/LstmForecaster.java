package io.ledgermind.models.lstm;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastPoint;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelArtifactException;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.artifact.Architecture;
import io.ledgermind.models.artifact.FeatureSpec;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.artifact.ModelInfos;
import io.ledgermind.models.runtime.FloatBatch;
import io.ledgermind.models.runtime.LoadedNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Forecaster} over one LSTM artifact: validates the whole batch, normalises it into one tensor per chunk of
 * {@link InferenceOptions#maxBatch()} inputs, runs it on a pooled predictor and maps the quantiles back to series
 * units.
 */
public final class LstmForecaster implements Forecaster {
  /** How far beyond the training range a normalised input may go before it is out of distribution. */
  static final double OUT_OF_DISTRIBUTION_TOLERANCE = 1.1;

  private final LoadedNetwork network;
  private final ModelInfo info;
  private final FeatureSpec spec;
  private final Normaliser normaliser;
  private final InputValidator validator;
  private final int quantiles;
  private final int horizons;
  private final int maxBatch;

  private LstmForecaster(LoadedArtifact artifact, InferenceOptions options) throws ModelArtifactException {
    Architecture architecture = artifact.manifest().model().architecture();
    if (!Architecture.LSTM_QUANTILE.equals(architecture.type())) {
      throw new ModelArtifactException(ModelArtifactException.Reason.UNSUPPORTED, artifact.location(),
          "not a forecaster: " + architecture.type());
    }
    this.spec = artifact.manifest().model().features();
    this.info = ModelInfos.of(artifact.manifest());
    this.normaliser = new Normaliser(spec);
    this.validator = new InputValidator(spec);
    this.quantiles = architecture.quantiles().size();
    this.horizons = spec.horizons().size();
    this.maxBatch = options.maxBatch();
    this.network = new LoadedNetwork(artifact, LstmNetwork.build(architecture), options);
  }

  public static LstmForecaster open(LoadedArtifact artifact, InferenceOptions options)
      throws ModelArtifactException {
    return new LstmForecaster(artifact, options);
  }

  @Override
  public List<ForecastResult> forecast(List<ForecastInput> inputs) throws ModelInputException {
    validator.validate(inputs);
    List<ForecastResult> results = new ArrayList<>(inputs.size());
    for (int from = 0; from < inputs.size(); from += maxBatch) {
      List<ForecastInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + maxBatch));
      FloatBatch batch = batch(chunk);
      float[] output = network.predict(batch);
      for (int i = 0; i < chunk.size(); i++) {
        results.add(result(chunk.get(i), output, i, outOfDistribution(batch, i)));
      }
    }
    return results;
  }

  private FloatBatch batch(List<ForecastInput> chunk) {
    int rows = spec.windowLength();
    int channels = normaliser.channels();
    float[] data = new float[chunk.size() * rows * channels];
    for (int i = 0; i < chunk.size(); i++) {
      ForecastInput in = chunk.get(i);
      normaliser.writeInput(in.entity(), in.window(), in.windowEndMillis(), data, i * rows * channels);
    }
    return new FloatBatch(data, new long[] {chunk.size(), rows, channels}, true);
  }

  /**
   * Whether input {@code i} of the batch goes beyond the model's known range: a normalised input feature more than
   * {@value #OUT_OF_DISTRIBUTION_TOLERANCE}× the largest one any training window held. Calendar channels are
   * bounded by construction and not checked; a spec without bounds (older artifacts) flags nothing.
   */
  private boolean outOfDistribution(FloatBatch batch, int i) {
    if (spec.inputBounds().isEmpty()) {
      return false;
    }
    int rows = spec.windowLength();
    int channels = normaliser.channels();
    float[] data = batch.data();
    for (int f = 0; f < spec.inputs().size(); f++) {
      Double bound = spec.inputBounds().get(spec.inputs().get(f).name());
      if (bound == null) {
        continue;
      }
      double limit = bound * OUT_OF_DISTRIBUTION_TOLERANCE;
      for (int t = 0; t < rows; t++) {
        if (Math.abs(data[i * rows * channels + t * channels + f]) > limit) {
          return true;
        }
      }
    }
    return false;
  }

  private ForecastResult result(ForecastInput in, float[] output, int i, boolean outOfDistribution) {
    float lastTarget = in.window()[in.window().length - 1][0];
    long stepMillis = spec.stepMillis();
    List<ForecastPoint> points = new ArrayList<>(horizons);
    for (int h = 0; h < horizons; h++) {
      int base = (i * horizons + h) * quantiles;
      double lower = normaliser.denormaliseTarget(in.entity(), output[base], lastTarget);
      double value = normaliser.denormaliseTarget(in.entity(), output[base + quantiles / 2], lastTarget);
      double upper = normaliser.denormaliseTarget(in.entity(), output[base + quantiles - 1], lastTarget);
      int steps = spec.horizons().get(h);
      points.add(new ForecastPoint(steps, steps * stepMillis, in.windowEndMillis() + steps * stepMillis, value,
          lower, upper));
    }
    return new ForecastResult(in.entity(), in.family(), in.windowEndMillis(), points, spec.intervalLevel(),
        info.name(), info.hash(), outOfDistribution);
  }

  @Override
  public List<ModelInfo> models() {
    return List.of(info);
  }

  @Override
  public void close() {
    network.close();
  }
}
