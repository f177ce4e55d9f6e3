package io.ledgermind.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.models.eval.Benchmark;
import io.ledgermind.models.testutils.DeterministicOutputs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Deterministic CPU mode: the same inputs give the same bits run to run, JVM to JVM, batch or no batch. */
class DeterminismITCase {

  @Test
  void sameBitsInThisJvmTwiceAndInASecondJvm() throws Exception {
    String first = DeterministicOutputs.digest();
    assertThat(DeterministicOutputs.digest()).isEqualTo(first);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        DeterministicOutputs.class.getName()).redirectErrorStream(true);
    builder.environment().put("OPT_OUT_TRACKING", "true");
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      out.lines().forEach(lines::add);
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
    assertThat(lines).as("child output").contains("DIGEST " + first);
  }

  @Test
  void anInputGivesTheSameBitsAloneOrInABatch() throws Exception {
    try (Forecaster forecaster = ModelRegistry.bundled().openForecasters(InferenceOptions.deterministicCpu())) {
      List<ForecastInput> inputs = Benchmark.forecastInputs(forecaster.models().get(0), 40);
      List<ForecastResult> batched = forecaster.forecast(inputs);
      for (int i = 0; i < inputs.size(); i += 7) {
        assertThat(forecaster.forecast(List.of(inputs.get(i)))).containsExactly(batched.get(i));
      }
    }
  }
}
