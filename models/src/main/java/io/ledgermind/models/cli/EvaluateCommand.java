package io.ledgermind.models.cli;

import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.eval.EvaluationReport;
import io.ledgermind.models.eval.ReadmeSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models evaluate}: the held-out evaluation table of every artifact, optionally written into the README. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate every artifact on held-out data: LSTM vs naive and moving-average baselines (MAE, RMSE,"
        + " interval coverage), policy vs equal-weight and greedy on held-out seeds. Prints a markdown table.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--dir", description = "Artifacts root (default: this checkout's bundled artifacts, else the"
      + " ones on the class path).")
  Path dir;

  @Option(names = "--episodes", defaultValue = "200", description = "Held-out policy episodes (default:"
      + " ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--write-readme", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
      description = "Write the table between the evaluation markers of FILE (default: models/README.md).")
  String readme;

  @Override
  public Integer call() throws Exception {
    List<LoadedArtifact> artifacts = load(dir);
    if (artifacts.isEmpty()) {
      System.err.println("No artifacts found; train some with `models train-from-pipeline` / `models train policy`.");
      return 1;
    }
    EvaluationReport report = EvaluationReport.evaluate(artifacts, episodes, new ProgressBar("evaluate"));
    String table = report.markdown();
    System.out.println(table);
    if (readme != null) {
      Path file = readme.isEmpty() ? CheckoutPaths.readme() : Path.of(readme);
      ReadmeSection.write(file, table);
      System.out.println("Wrote the table into " + file);
    }
    return 0;
  }

  static List<LoadedArtifact> load(Path root) throws Exception {
    Path r = root != null ? root : CheckoutPaths.artifactsRoot();
    List<LoadedArtifact> artifacts = new ArrayList<>();
    if (Files.isDirectory(r)) {
      for (String name : ArtifactStore.list(r)) {
        artifacts.add(ArtifactStore.read(r.resolve(name)));
      }
    } else if (root == null) {
      for (String name : ArtifactStore.bundledNames()) {
        artifacts.add(ArtifactStore.readResource(name));
      }
    } else {
      throw new IllegalArgumentException("not a directory: " + root);
    }
    return artifacts;
  }
}
