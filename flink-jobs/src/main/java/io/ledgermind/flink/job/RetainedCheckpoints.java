package io.ledgermind.flink.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoints a job left in its checkpoint folder ({@code <dir>/<job id>/chk-<n>/_metadata}), to resume
 * a cancelled or crashed job from the newest one.
 */
public final class RetainedCheckpoints {
  private RetainedCheckpoints() {}

  /** The newest complete checkpoint (one with {@code _metadata}) under {@code directory}, by modification time. */
  public static Optional<Path> latest(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.find(directory, 3, (path, attributes) ->
        path.getFileName().toString().equals("_metadata")
            && path.getParent().getFileName().toString().startsWith("chk-"))) {
      return files.max(Comparator.comparing(RetainedCheckpoints::modified)).map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + directory, e);
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
