package io.ledgermind.models.cli;

import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.eval.EvaluationReport;
import io.ledgermind.models.policy.PolicyTrainingConfig;
import io.ledgermind.models.policy.PpoTrainer;
import io.ledgermind.models.runtime.DjlRuntime;
import io.ledgermind.models.runtime.Progress;
import io.ledgermind.models.runtime.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code models train policy}: trains, writes the artifact, evaluates it on held-out data into its manifest. The
 * forecasters learn from the pipeline's own feature windows: {@code models train-from-pipeline} (cli module).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a model and write its artifact (parameters, manifest.json, weights.safetensors).",
        "Forecasters are trained on the pipeline's own features: see `models train-from-pipeline`."},
    subcommands = {TrainCommand.Policy.class})
public final class TrainCommand {

  /** Options shared by both subcommands. */
  static class Common {
    @Option(names = "--seed", defaultValue = "42", description = "Seed of data, initialisation and shuffling"
        + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Artifacts root; each model goes to <out>/<model name>. Default: the"
        + " bundled artifacts of this checkout (models/src/main/resources/artifacts).")
    Path out;

    Path out() {
      return out != null ? out : CheckoutPaths.artifactsRoot();
    }
  }

  @Command(name = "policy", mixinStandardHelpOptions = true,
      description = "Train the staking policy with PPO on the Bittensor subnet environment.")
  static final class Policy extends Common implements Callable<Integer> {
    @Option(names = "--epochs", defaultValue = "600",
        description = "PPO updates, each 16 episodes of 64 tempos (default: ${DEFAULT-VALUE}).")
    int updates;

    @Option(names = "--episodes", defaultValue = "200",
        description = "Held-out episodes for the evaluation written into the manifest (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Override
    public Integer call() throws Exception {
      System.out.println(DjlRuntime.describe() + ", " + DjlRuntime.intraOpThreads() + " intra-op thread(s)");
      long start = System.nanoTime();
      TrainedModel trained = PpoTrainer.train(PolicyTrainingConfig.builder().seed(seed).updates(updates)
          .progress(new ProgressBar("ppo")).build());
      LoadedArtifact artifact = write(trained, out());
      System.out.printf("%s: %s in %.1f s%n", trained.manifest().name(), trained.manifest().modelHash(),
          (System.nanoTime() - start) / 1e9);
      System.out.println(evaluateInto(artifact, out(), episodes));
      return 0;
    }
  }

  /** Writes {@code trained} to {@code root/<name>}, rewrites the index and reads the artifact back (verified). */
  public static LoadedArtifact write(TrainedModel trained, Path root) throws Exception {
    Path dir = root.resolve(trained.manifest().name());
    trained.writeTo(dir);
    ArtifactStore.writeIndex(root);
    return ArtifactStore.read(dir);
  }

  /** Evaluates one artifact, stores the metrics in its manifest (hash unchanged) and returns the table. */
  public static String evaluateInto(LoadedArtifact artifact, Path root, int episodes) throws Exception {
    List<LoadedArtifact> one = new ArrayList<>(List.of(artifact));
    EvaluationReport report = EvaluationReport.evaluate(one, episodes, Progress.NONE);
    Path dir = root.resolve(artifact.manifest().name());
    ArtifactStore.writeManifest(dir, artifact.manifest().withMetrics(report.metricsFor(
        artifact.manifest().modelHash())));
    return report.markdown();
  }
}
