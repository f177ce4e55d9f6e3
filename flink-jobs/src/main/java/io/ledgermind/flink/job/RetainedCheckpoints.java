package io.ledgermind.flink.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoints a job left in its checkpoint folder ({@code <dir>/<job id>/chk-<n>/_metadata}) and the
 * savepoints bounded runs stop with ({@code <dir>/savepoints/savepoint-…/_metadata}), to resume from the newest.
 */
public final class RetainedCheckpoints {
  private RetainedCheckpoints() {}

  /** The folder of {@code checkpoints} that bounded runs write their final savepoints to. */
  public static Path savepoints(Path checkpoints) {
    return checkpoints.resolve("savepoints");
  }

  /**
   * The newest complete checkpoint or savepoint (one with {@code _metadata}) under {@code directory}, by
   * modification time.
   */
  public static Optional<Path> latest(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.find(directory, 3, (path, attributes) ->
        path.getFileName().toString().equals("_metadata") && isSnapshot(path.getParent()))) {
      return files.max(Comparator.comparing(RetainedCheckpoints::modified)).map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + directory, e);
    }
  }

  /**
   * Deletes all but the newest {@code keep} savepoints in {@link #savepoints}: each bounded run writes one, and only
   * the newest is resumed from. Returns how many were deleted.
   */
  public static int pruneSavepoints(Path checkpoints, int keep) {
    Path folder = savepoints(checkpoints);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> children = Files.list(folder)) {
      List<Path> old = children.filter(RetainedCheckpoints::isSnapshot)
          .sorted(Comparator.comparing((Path p) -> modified(p.resolve("_metadata"))).reversed())
          .skip(keep).toList();
      for (Path savepoint : old) {
        deleteTree(savepoint);
      }
      return old.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune the savepoints in " + folder, e);
    }
  }

  private static boolean isSnapshot(Path folder) {
    String name = folder.getFileName().toString();
    return name.startsWith("chk-") || name.startsWith("savepoint-");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
