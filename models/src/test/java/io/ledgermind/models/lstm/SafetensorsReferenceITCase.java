package io.ledgermind.models.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.FeatureSpec;
import io.ledgermind.models.artifact.Json;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.artifact.Manifest;
import io.ledgermind.models.eval.Benchmark;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves the documented PyTorch mapping numerically: the exported safetensors, run through PyTorch's own
 * {@code nn.LSTM} equations (gate order i, f, g, o; {@code c = f*c + i*g}, {@code h = o*tanh(c)}) and
 * {@code nn.Linear} in plain Java, give the forecasts DJL gives.
 */
class SafetensorsReferenceITCase {
  private static final String NAME = "lstm-stablecoin-net-flow";

  @Test
  void torchEquationsOnExportedWeightsReproduceDjlForecasts() throws Exception {
    LoadedArtifact artifact = ArtifactStore.readResource(NAME);
    Map<String, float[]> w = readSafetensors();
    FeatureSpec spec = artifact.manifest().model().features();
    Normaliser normaliser = new Normaliser(spec);
    int hidden = artifact.manifest().model().architecture().hiddenSize();
    int layers = artifact.manifest().model().architecture().layers();

    try (LstmForecaster forecaster = LstmForecaster.open(artifact, InferenceOptions.deterministicCpu())) {
      List<ForecastInput> inputs = Benchmark.forecastInputs(forecaster.models().get(0), 6);
      List<ForecastResult> results = forecaster.forecast(inputs);
      for (int k = 0; k < inputs.size(); k++) {
        ForecastInput in = inputs.get(k);
        int channels = normaliser.channels();
        float[] x = new float[spec.windowLength() * channels];
        normaliser.writeInput(in.entity(), in.window(), in.windowEndMillis(), x, 0);
        double[] h = lstm(w, x, spec.windowLength(), channels, hidden, layers);
        double[] head = linear(w.get("head.weight"), w.get("head.bias"), h);
        float last = in.window()[in.window().length - 1][0];
        for (int hz = 0; hz < 6; hz++) {
          double mid = head[hz * 3 + 1];
          double lower = mid - softplus(head[hz * 3]);
          double upper = mid + softplus(head[hz * 3 + 2]);
          var p = results.get(k).points().get(hz);
          assertThat(normaliser.normaliseTarget(in.entity(), p.value(), last)).isCloseTo(mid, within(1e-4));
          assertThat(normaliser.normaliseTarget(in.entity(), p.lower(), last)).isCloseTo(lower, within(1e-4));
          assertThat(normaliser.normaliseTarget(in.entity(), p.upper(), last)).isCloseTo(upper, within(1e-4));
        }
      }
    }
  }

  private static double[] lstm(Map<String, float[]> w, float[] x, int steps, int inputs, int hidden, int layers) {
    double[][] sequence = new double[steps][];
    for (int t = 0; t < steps; t++) {
      sequence[t] = new double[inputs];
      for (int f = 0; f < inputs; f++) {
        sequence[t][f] = x[t * inputs + f];
      }
    }
    for (int l = 0; l < layers; l++) {
      float[] wih = w.get("lstm.weight_ih_l" + l);
      float[] whh = w.get("lstm.weight_hh_l" + l);
      float[] bih = w.get("lstm.bias_ih_l" + l);
      float[] bhh = w.get("lstm.bias_hh_l" + l);
      int in = sequence[0].length;
      double[] h = new double[hidden];
      double[] c = new double[hidden];
      double[][] out = new double[steps][];
      for (int t = 0; t < steps; t++) {
        double[] gates = new double[4 * hidden];
        for (int g = 0; g < 4 * hidden; g++) {
          double s = bih[g] + bhh[g];
          for (int j = 0; j < in; j++) {
            s += wih[g * in + j] * sequence[t][j];
          }
          for (int j = 0; j < hidden; j++) {
            s += whh[g * hidden + j] * h[j];
          }
          gates[g] = s;
        }
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double i = sigmoid(gates[j]);
          double f = sigmoid(gates[hidden + j]);
          double g = Math.tanh(gates[2 * hidden + j]);
          double o = sigmoid(gates[3 * hidden + j]);
          c[j] = f * c[j] + i * g;
          next[j] = o * Math.tanh(c[j]);
        }
        h = next;
        out[t] = next;
      }
      sequence = out;
    }
    return sequence[steps - 1];
  }

  private static double[] linear(float[] weight, float[] bias, double[] x) {
    double[] y = new double[bias.length];
    for (int r = 0; r < bias.length; r++) {
      double s = bias[r];
      for (int j = 0; j < x.length; j++) {
        s += weight[r * x.length + j] * x[j];
      }
      y[r] = s;
    }
    return y;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  private static double softplus(double v) {
    return v > 20 ? v : Math.log1p(Math.exp(v)); // torch.nn.functional.softplus(beta=1, threshold=20)
  }

  private static Map<String, float[]> readSafetensors() throws Exception {
    byte[] bytes;
    try (InputStream in = SafetensorsReferenceITCase.class.getClassLoader()
        .getResourceAsStream("artifacts/" + NAME + "/" + Manifest.SAFETENSORS_FILE)) {
      bytes = in.readAllBytes();
    }
    int headerLength = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    JsonNode header = Json.mapper().readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
    Map<String, float[]> tensors = new HashMap<>();
    header.fields().forEachRemaining(e -> {
      if (e.getKey().equals("__metadata__")) {
        return;
      }
      int begin = e.getValue().get("data_offsets").get(0).asInt();
      int end = e.getValue().get("data_offsets").get(1).asInt();
      float[] values = new float[(end - begin) / 4];
      ByteBuffer.wrap(bytes, 8 + headerLength + begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
          .get(values);
      tensors.put(e.getKey(), values);
    });
    return tensors;
  }
}
