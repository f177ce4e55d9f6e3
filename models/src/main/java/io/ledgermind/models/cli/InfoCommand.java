package io.ledgermind.models.cli;

import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.Json;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.artifact.Manifest;
import io.ledgermind.models.artifact.ModelInfos;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models info <dir>}: verifies an artifact's hash and summarises its manifest. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Verify an artifact directory (recomputes the model hash) and print what it holds.")
final class InfoCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "Artifact directory (holding manifest.json).")
  Path dir;

  @Option(names = "--json", description = "Print the whole manifest.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    LoadedArtifact artifact = ArtifactStore.read(dir);
    Manifest m = artifact.manifest();
    if (json) {
      System.out.println(Json.mapper().writeValueAsString(m));
      return 0;
    }
    ModelInfo info = ModelInfos.of(m);
    System.out.println("name          " + m.name() + " (" + m.kind() + ")");
    System.out.println("model hash    " + m.modelHash() + " (verified)");
    System.out.println("architecture  " + m.model().architecture());
    info.family().ifPresent(f -> System.out.println("family        " + f.id() + ", step " + f.step()));
    System.out.println("inputs        " + info.inputFeatures());
    if (info.windowLength() > 0) {
      System.out.println("window        " + info.windowLength() + " rows; horizons " + info.horizons()
          + "; interval " + info.intervalLevel());
      System.out.println("entities      " + info.entities());
    } else {
      System.out.println("actions       " + info.actionNames());
    }
    System.out.println("parameters    " + artifact.parameters().length + " bytes (" + m.parametersFile() + ")");
    System.out.println("training      " + Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(m.training()));
    System.out.println("metrics       " + Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(m.metrics()));
    return 0;
  }
}
