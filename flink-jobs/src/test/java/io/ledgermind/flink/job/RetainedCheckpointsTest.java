package io.ledgermind.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
  @TempDir Path dir;

  @Test
  void theNewestCompleteSnapshotWinsWhetherCheckpointOrSavepoint() throws IOException {
    snapshot(dir.resolve("job-a/chk-7"), 100);
    Path savepoint = snapshot(RetainedCheckpoints.savepoints(dir).resolve("savepoint-aaaaaa-1"), 200);
    Files.createDirectories(dir.resolve("job-b/chk-9")); // incomplete: no _metadata
    assertThat(RetainedCheckpoints.latest(dir)).contains(savepoint);

    Path later = snapshot(dir.resolve("job-c/chk-2"), 300);
    assertThat(RetainedCheckpoints.latest(dir)).contains(later);
  }

  @Test
  void nothingRetainedIsEmpty() {
    assertThat(RetainedCheckpoints.latest(dir.resolve("missing"))).isEmpty();
    assertThat(RetainedCheckpoints.latest(dir)).isEmpty();
  }

  @Test
  void pruningKeepsTheNewestSavepointsAndLeavesCheckpointsAlone() throws IOException {
    Path checkpoint = snapshot(dir.resolve("job-a/chk-1"), 50);
    for (int i = 1; i <= 4; i++) {
      snapshot(RetainedCheckpoints.savepoints(dir).resolve("savepoint-00000" + i + "-x"), 100 * i);
    }
    assertThat(RetainedCheckpoints.pruneSavepoints(dir, 2)).isEqualTo(2);
    assertThat(RetainedCheckpoints.savepoints(dir).resolve("savepoint-000004-x")).exists();
    assertThat(RetainedCheckpoints.savepoints(dir).resolve("savepoint-000003-x")).exists();
    assertThat(RetainedCheckpoints.savepoints(dir).resolve("savepoint-000002-x")).doesNotExist();
    assertThat(RetainedCheckpoints.savepoints(dir).resolve("savepoint-000001-x")).doesNotExist();
    assertThat(checkpoint).exists();
    assertThat(RetainedCheckpoints.pruneSavepoints(dir.resolve("elsewhere"), 2)).isZero();
  }

  private static Path snapshot(Path folder, long epochSecond) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("state-file"), "s");
    Path metadata = Files.writeString(folder.resolve("_metadata"), "m");
    Files.setLastModifiedTime(metadata, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return folder;
  }
}
