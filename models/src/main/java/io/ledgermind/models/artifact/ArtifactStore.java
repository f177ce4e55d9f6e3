package io.ledgermind.models.artifact;

import static io.ledgermind.models.ModelArtifactException.Reason.HASH_MISMATCH;
import static io.ledgermind.models.ModelArtifactException.Reason.IO;
import static io.ledgermind.models.ModelArtifactException.Reason.MALFORMED_MANIFEST;
import static io.ledgermind.models.ModelArtifactException.Reason.MISSING_FILE;
import static io.ledgermind.models.ModelArtifactException.Reason.UNSUPPORTED;

import com.fasterxml.jackson.core.JacksonException;
import io.ledgermind.models.ModelArtifactException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and writes artifact directories ({@code manifest.json}, {@code parameters.params},
 * {@code weights.safetensors}) on disk or on the class path, verifying the model hash on every read.
 *
 * <p>Bundled artifacts live under {@code artifacts/} on the class path with an {@code index.txt} naming their
 * directories, because a jar cannot be listed portably.
 */
public final class ArtifactStore {
  public static final String RESOURCE_ROOT = "artifacts/";
  public static final String INDEX_FILE = "index.txt";

  private ArtifactStore() {}

  /** Writes an artifact directory; the manifest must already carry the hash of these parameters. */
  public static void write(Path dir, Manifest manifest, byte[] parameters, byte[] safetensors) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(manifest.parametersFile()), parameters);
    if (safetensors != null) {
      Files.write(dir.resolve(Manifest.SAFETENSORS_FILE), safetensors);
    }
    writeManifest(dir, manifest);
  }

  public static void writeManifest(Path dir, Manifest manifest) throws IOException {
    String json = Json.mapper().writeValueAsString(manifest) + "\n";
    Files.writeString(dir.resolve(Manifest.FILE), json, StandardCharsets.UTF_8);
  }

  /** Reads and verifies the artifact in {@code dir}. */
  public static LoadedArtifact read(Path dir) throws ModelArtifactException {
    String location = dir.toString();
    Manifest manifest = parse(readFile(dir.resolve(Manifest.FILE), location), location);
    byte[] parameters = readFile(dir.resolve(manifest.parametersFile()), location);
    return verified(manifest, parameters, location);
  }

  /** Reads and verifies the bundled artifact {@code artifacts/<name>/} from the class path. */
  public static LoadedArtifact readResource(String name) throws ModelArtifactException {
    String base = RESOURCE_ROOT + name + "/";
    String location = "classpath:" + base;
    Manifest manifest = parse(resource(base + Manifest.FILE, location), location);
    byte[] parameters = resource(base + manifest.parametersFile(), location);
    return verified(manifest, parameters, location);
  }

  /**
   * Opens another file of {@code artifact}'s directory (e.g. its training dataset), wherever the artifact was read
   * from (a directory or the class path).
   */
  public static InputStream openFile(LoadedArtifact artifact, String file) throws IOException {
    String location = artifact.location();
    if (location.startsWith("classpath:")) {
      InputStream in = ArtifactStore.class.getClassLoader()
          .getResourceAsStream(location.substring("classpath:".length()) + file);
      if (in == null) {
        throw new java.io.FileNotFoundException(location + file);
      }
      return in;
    }
    return Files.newInputStream(Path.of(location).resolve(file));
  }

  /** Names of the bundled artifacts (from {@code artifacts/index.txt}); empty when none are bundled. */
  public static List<String> bundledNames() {
    try (InputStream in = ArtifactStore.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + INDEX_FILE)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names of the subdirectories of {@code root} that hold a manifest, sorted. */
  public static List<String> list(Path root) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      children.filter(p -> Files.isRegularFile(p.resolve(Manifest.FILE))).map(p -> p.getFileName().toString())
          .sorted().forEach(names::add);
    }
    return names;
  }

  /** Rewrites {@code index.txt} in an artifacts root directory from the subdirectories holding a manifest. */
  public static List<String> writeIndex(Path root) throws IOException {
    List<String> names = list(root);
    Files.writeString(root.resolve(INDEX_FILE),
        "# Bundled model artifacts, one directory per line (written by `models train`).\n"
            + String.join("\n", names) + "\n");
    return names;
  }

  private static LoadedArtifact verified(Manifest manifest, byte[] parameters, String location)
      throws ModelArtifactException {
    String actual = ModelHash.of(manifest.model(), parameters);
    if (!actual.equals(manifest.modelHash())) {
      throw new ModelArtifactException(HASH_MISMATCH, location,
          "manifest says " + manifest.modelHash() + ", files hash to " + actual);
    }
    return new LoadedArtifact(manifest, parameters, location);
  }

  private static Manifest parse(byte[] json, String location) throws ModelArtifactException {
    Manifest manifest;
    try {
      manifest = Json.mapper().readValue(json, Manifest.class);
    } catch (JacksonException e) {
      throw new ModelArtifactException(MALFORMED_MANIFEST, location, e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelArtifactException(IO, location, e.toString(), e);
    }
    if (!Manifest.FORMAT.equals(manifest.format())) {
      throw new ModelArtifactException(UNSUPPORTED, location, "format " + manifest.format() + ", this build reads "
          + Manifest.FORMAT);
    }
    if (manifest.kind() == null || manifest.model() == null || manifest.model().architecture() == null
        || manifest.modelHash() == null || manifest.parametersFile() == null) {
      throw new ModelArtifactException(MALFORMED_MANIFEST, location,
          "kind, model.architecture, modelHash and parametersFile are required");
    }
    return manifest;
  }

  private static byte[] readFile(Path file, String location) throws ModelArtifactException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ModelArtifactException(MISSING_FILE, location, file.getFileName() + " not found", e);
    } catch (IOException e) {
      throw new ModelArtifactException(IO, location, e.toString(), e);
    }
  }

  private static byte[] resource(String path, String location) throws ModelArtifactException {
    try (InputStream in = ArtifactStore.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new ModelArtifactException(MISSING_FILE, location, path + " not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelArtifactException(IO, location, e.toString(), e);
    }
  }
}
