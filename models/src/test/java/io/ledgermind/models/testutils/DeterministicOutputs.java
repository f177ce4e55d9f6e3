package io.ledgermind.models.testutils;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastPoint;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelRegistry;
import io.ledgermind.models.Observation;
import io.ledgermind.models.Policy;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.models.eval.Benchmark;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fixed inputs through every bundled model in deterministic mode, digested bit for bit. {@link #main} prints the
 * digest so a test can compare it with another JVM's.
 */
public final class DeterministicOutputs {
  private DeterministicOutputs() {}

  public static String digest() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ModelRegistry registry = ModelRegistry.bundled();
    InferenceOptions options = InferenceOptions.deterministicCpu();
    try (Forecaster forecaster = registry.openForecasters(options); Policy policy = registry.openPolicy(options)) {
      List<ForecastInput> inputs = new ArrayList<>();
      for (ModelInfo info : forecaster.models()) {
        inputs.addAll(Benchmark.forecastInputs(info, 24));
      }
      for (ForecastResult result : forecaster.forecast(inputs)) {
        sha.update(result.modelHash().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (ForecastPoint p : result.points()) {
          sha.update(bits(p.value(), p.lower(), p.upper()));
        }
      }
      List<Observation> observations = Benchmark.observations(24);
      for (PolicyDecision d : policy.decide(observations)) {
        sha.update((byte) d.actionIndex());
        sha.update(bits(d.value()));
        for (double p : d.probabilities()) {
          sha.update(bits(p));
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static byte[] bits(double... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length);
    for (double v : values) {
      buffer.putLong(Double.doubleToRawLongBits(v));
    }
    return buffer.array();
  }

  public static void main(String[] args) throws Exception {
    System.out.println("DIGEST " + digest());
  }
}
