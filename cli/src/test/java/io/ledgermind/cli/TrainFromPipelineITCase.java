package io.ledgermind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.data.Dataset;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import io.ledgermind.testing.StackConfig;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code models train-from-pipeline} as a user runs it, on a short history: ingest's simulators into Kafka, the
 * intelligence job's features into ClickHouse, an LSTM trained on those windows. The model learns (its loss falls),
 * its dataset is stored and hashed in the manifest, and evaluating it reads that dataset back.
 */
class TrainFromPipelineITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @TempDir Path artifacts;

  @Test
  void trainsTheStablecoinForecasterOnTheJobsOwnFeatureWindows() throws Exception {
    StackEnv env = StackEnv.load(StackConfig.envFile());
    CommandLine line = new CommandLine(new TrainFromPipelineCommand(env));
    int code = line.execute("--family", "stablecoin-net-flow", "--days", "5", "--depin-days", "5", "--heldout-days", "3",
        "--heldout-depin-days", "3", "--epochs", "4", "--seed", "7",
        "--out", artifacts.toString(), "--topic-prefix", KAFKA.uniquePrefix(), "--database",
        CLICKHOUSE.database() + "_train");

    assertThat(code).isZero();
    LoadedArtifact artifact = ArtifactStore.read(artifacts.resolve("lstm-stablecoin-net-flow"));
    Map<String, Object> training = artifact.manifest().training();
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) training.get("data");
    assertThat((String) data.get("source")).startsWith("pipeline");
    assertThat(data).containsEntry("simulatedDays", 5).containsEntry("dataset", Dataset.FILE);
    @SuppressWarnings("unchecked")
    List<Number> losses = (List<Number>) training.get("lossPerEpoch");
    assertThat(losses).hasSize(4);
    assertThat(losses.get(3).doubleValue()).as("the loss falls").isLessThan(losses.get(0).doubleValue());

    try (InputStream in = ArtifactStore.openFile(artifact, Dataset.FILE)) {
      Dataset dataset = Dataset.read(SeriesFamily.STABLECOIN_NET_FLOW, in);
      assertThat(dataset.sha256()).isEqualTo(data.get("datasetSha256"));
      assertThat(dataset.series()).extracting(s -> s.entity()).containsExactly("USDC", "USDT");
      // 5 days of hourly windows, the first and the last possibly cut short of events: at least 4 days' worth.
      assertThat(dataset.series().get(0).length()).isBetween(96, 121);
    }
    // A second history of another seed is held out entirely; the evaluation ran on both and is in the manifest.
    assertThat(data).containsEntry("heldOutSeed", 8).containsEntry("heldOutSeedDataset", Dataset.HELD_OUT_FILE);
    try (InputStream in = ArtifactStore.openFile(artifact, Dataset.HELD_OUT_FILE)) {
      Dataset other = Dataset.read(SeriesFamily.STABLECOIN_NET_FLOW, in);
      assertThat(other.sha256()).isEqualTo(data.get("heldOutSeedSha256"));
      assertThat(other.series().get(0).length()).isBetween(60, 73);
    }
    assertThat(ArtifactStore.read(artifacts.resolve("lstm-stablecoin-net-flow")).manifest().metrics())
        .containsKeys("LSTM (median)", "LSTM (median), held-out seed 8", "naive last value, held-out seed 8");
  }
}
