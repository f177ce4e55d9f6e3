package io.ledgermind.models.cli;

import io.ledgermind.models.Forecaster;
import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelKind;
import io.ledgermind.models.Policy;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.eval.Benchmark;
import io.ledgermind.models.lstm.LstmForecaster;
import io.ledgermind.models.policy.MlpPolicy;
import io.ledgermind.models.runtime.DjlRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models benchmark}: samples/s and p50 latency per batch size for every artifact. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Inference throughput (samples/s) and p50 latency at several batch sizes, one calling thread,"
        + " through the public API (validation and normalisation included).")
final class BenchmarkCommand implements Callable<Integer> {
  @Option(names = "--dir", description = "Artifacts root (default: as for evaluate).")
  Path dir;

  @Option(names = "--batches", split = ",", defaultValue = "1,32,256,1024",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(names = "--seconds", defaultValue = "2", description = "Timed seconds per cell (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads (default:"
      + " ${DEFAULT-VALUE}; 2 only on an otherwise idle 2-core machine).")
  int threads;

  @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default: ${DEFAULT-VALUE}).")
  InferenceOptions.DeviceChoice device;

  @Option(names = "--deterministic-batch", defaultValue = "256",
      description = "Also time deterministic mode at this batch size for each model (0 = skip).")
  int deterministicBatch;

  @Override
  public Integer call() throws Exception {
    DjlRuntime.configureThreads(threads, 1);
    InferenceOptions options = InferenceOptions.builder().device(device).poolSize(1).build();
    System.out.println(DjlRuntime.describe() + ", " + threads + " intra-op thread(s), " + Runtime.getRuntime()
        .availableProcessors() + " cores; device " + DjlRuntime.device(options));
    List<Benchmark.Row> rows = new ArrayList<>();
    for (LoadedArtifact artifact : EvaluateCommand.load(dir)) {
      rows.addAll(run(artifact, options, "batched", batches));
      if (deterministicBatch > 0 && threads == 1) {
        rows.addAll(run(artifact, InferenceOptions.builder().deterministic(true).poolSize(1).build(),
            "deterministic", List.of(deterministicBatch)));
      }
      System.err.println("measured " + artifact.manifest().name());
    }
    System.out.println(Benchmark.table(rows));
    return 0;
  }

  private List<Benchmark.Row> run(LoadedArtifact artifact, InferenceOptions options, String mode,
      List<Integer> sizes) throws Exception {
    List<Benchmark.Row> rows = new ArrayList<>();
    String label = mode + " " + DjlRuntime.device(options).getDeviceType();
    if (artifact.manifest().kind() == ModelKind.LSTM_FORECASTER) {
      try (Forecaster f = LstmForecaster.open(artifact, options)) {
        for (int b : sizes) {
          rows.add(Benchmark.forecaster(f, label, b, seconds));
        }
      }
    } else {
      try (Policy p = MlpPolicy.open(artifact, options)) {
        for (int b : sizes) {
          rows.add(Benchmark.policy(p, label, b, seconds));
        }
      }
    }
    return rows;
  }
}
