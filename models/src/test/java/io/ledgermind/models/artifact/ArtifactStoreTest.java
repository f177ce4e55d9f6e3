package io.ledgermind.models.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.models.ModelArtifactException;
import io.ledgermind.models.ModelArtifactException.Reason;
import io.ledgermind.models.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  @TempDir
  Path root;

  private Path writeArtifact(String name) throws Exception {
    byte[] params = {10, 20, 30};
    ModelSpec spec = ModelHashTest.spec(0.25);
    Manifest manifest = new Manifest(Manifest.FORMAT, name, ModelKind.LSTM_FORECASTER, ModelHash.of(spec, params),
        Manifest.PARAMETERS_FILE, spec, Map.of("seed", 42), null, null);
    Path dir = root.resolve(name);
    ArtifactStore.write(dir, manifest, params, new byte[] {1});
    return dir;
  }

  @Test
  void readsBackWhatItWroteAndVerifiesTheHash() throws Exception {
    Path dir = writeArtifact("lstm-a");
    LoadedArtifact artifact = ArtifactStore.read(dir);
    assertThat(artifact.parameters()).containsExactly(10, 20, 30);
    assertThat(artifact.manifest().model()).isEqualTo(ModelHashTest.spec(0.25));
    assertThat(Files.exists(dir.resolve(Manifest.SAFETENSORS_FILE))).isTrue();
  }

  @Test
  void refusesChangedParameters() throws Exception {
    Path dir = writeArtifact("lstm-a");
    Files.write(dir.resolve(Manifest.PARAMETERS_FILE), new byte[] {10, 20, 31});
    assertThatThrownBy(() -> ArtifactStore.read(dir)).isInstanceOf(ModelArtifactException.class)
        .extracting(e -> ((ModelArtifactException) e).reason()).isEqualTo(Reason.HASH_MISMATCH);
  }

  @Test
  void refusesAChangedNormalisationStatistic() throws Exception {
    Path dir = writeArtifact("lstm-a");
    Path manifest = dir.resolve(Manifest.FILE);
    Files.writeString(manifest, Files.readString(manifest).replace("\"scale\" : 2.5", "\"scale\" : 2.6"));
    assertThatThrownBy(() -> ArtifactStore.read(dir))
        .extracting(e -> ((ModelArtifactException) e).reason()).isEqualTo(Reason.HASH_MISMATCH);
  }

  @Test
  void namesMissingAndMalformedFiles() throws Exception {
    assertThatThrownBy(() -> ArtifactStore.read(root.resolve("nothing")))
        .extracting(e -> ((ModelArtifactException) e).reason()).isEqualTo(Reason.MISSING_FILE);

    Path dir = writeArtifact("lstm-b");
    Files.delete(dir.resolve(Manifest.PARAMETERS_FILE));
    assertThatThrownBy(() -> ArtifactStore.read(dir))
        .extracting(e -> ((ModelArtifactException) e).reason()).isEqualTo(Reason.MISSING_FILE);

    Files.writeString(dir.resolve(Manifest.FILE), "{ not json");
    assertThatThrownBy(() -> ArtifactStore.read(dir))
        .extracting(e -> ((ModelArtifactException) e).reason()).isEqualTo(Reason.MALFORMED_MANIFEST);

    Files.writeString(dir.resolve(Manifest.FILE), "{\"format\":\"ledgermind-model/99\"}");
    assertThatThrownBy(() -> ArtifactStore.read(dir))
        .extracting(e -> ((ModelArtifactException) e).reason()).isEqualTo(Reason.UNSUPPORTED);
  }

  @Test
  void indexListsArtifactDirectoriesInOrder() throws Exception {
    writeArtifact("policy-x");
    writeArtifact("lstm-a");
    Files.createDirectories(root.resolve("not-an-artifact"));
    assertThat(ArtifactStore.writeIndex(root)).containsExactly("lstm-a", "policy-x");
    assertThat(Files.readAllLines(root.resolve(ArtifactStore.INDEX_FILE))).contains("lstm-a", "policy-x");
  }

  @Test
  void bundledArtifactsAreListedAndSmall() throws Exception {
    List<String> names = ArtifactStore.bundledNames();
    assertThat(names).contains("lstm-stablecoin-net-flow", "lstm-depin-usage", "lstm-subnet-emission-share",
        "policy-subnet-staking");
    long total = 0;
    for (String name : names) {
      LoadedArtifact artifact = ArtifactStore.readResource(name);
      assertThat(artifact.manifest().name()).isEqualTo(name);
      assertThat(artifact.manifest().metrics()).as("metrics of " + name).isNotEmpty();
      total += artifact.parameters().length;
    }
    assertThat(total).as("parameter bytes of all bundled artifacts").isLessThan(5_000_000);
  }
}
