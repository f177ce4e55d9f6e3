package io.ledgermind.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.kafka.EventSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options, defaults and output of {@code ingest simulate}, with a collecting sink instead of Kafka. */
class SimulateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<ProducerRecord<byte[], byte[]>> published = new ArrayList<>();
  private final List<String> opened = new ArrayList<>();
  private String savedHome;

  @BeforeEach
  void saveHome() {
    savedHome = System.getProperty("ledgermind.home");
  }

  @AfterEach
  void restoreHome() {
    if (savedHome == null) {
      System.clearProperty("ledgermind.home");
    } else {
      System.setProperty("ledgermind.home", savedHome);
    }
  }

  @Test
  void ingestHelpListsSimulateAndItsOptions() {
    CommandLine cli = new CommandLine(new IngestCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("simulate");
    out.getBuffer().setLength(0);
    assertThat(cli.execute("simulate", "--help")).isZero();
    assertThat(out.toString()).contains("--domain", "--seed", "--blocks", "--events", "--rate", "--bootstrap-server",
        "--topic-prefix", "--dry-run");
  }

  @Test
  void publishesToPrefixedCatalogueTopicsAndPrintsASummary() {
    int exit = run("--domain", "Stablecoin", "--seed", "7", "--blocks", "50", "--topic-prefix", "x.",
        "--bootstrap-server", "kafka.example:9092", "--batch-size", "40");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(opened).containsExactly("kafka.example:9092|ledgermind-simulate-stablecoin-7");
    assertThat(published).isNotEmpty().allSatisfy(r -> assertThat(r.topic()).isEqualTo("x.ledgermind.raw.stablecoin"));
    assertThat(out.toString()).contains("simulate stablecoin seed=7: " + String.format(java.util.Locale.ROOT, "%,d", published.size())
        + " events from 50 blocks").contains("x.ledgermind.raw.stablecoin");
  }

  @Test
  void eventsStopsAtExactlyThatMany() {
    assertThat(run("--domain", "all", "--events", "321", "--bootstrap-server", "h:1")).isZero();
    assertThat(published).hasSize(321);
  }

  @Test
  void blocksAndEventsAreMutuallyExclusive() {
    assertThat(run("--blocks", "5", "--events", "5", "--bootstrap-server", "h:1")).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
    assertThat(opened).isEmpty();
  }

  @Test
  void rejectsAnUnknownDomain() {
    assertThat(run("--domain", "solana", "--bootstrap-server", "h:1")).isEqualTo(2);
    assertThat(err.toString()).contains("'solana' is not one of stablecoin, depin, bittensor, all");
  }

  @Test
  void bootstrapDefaultsToTheStackEnvFile(@TempDir Path home) throws Exception {
    Assumptions.assumeTrue(System.getenv("LEDGERMIND_STACK_DIR") == null, "LEDGERMIND_STACK_DIR overrides the home");
    Files.createDirectories(home.resolve(".stack"));
    Files.writeString(home.resolve(".stack/stack.env"),
        "# written by stack up\nexport LEDGERMIND_KAFKA_BOOTSTRAP=\"127.0.0.1:29999\"\n");
    System.setProperty("ledgermind.home", home.toString());

    assertThat(run("--domain", "bittensor", "--blocks", "360")).isZero();
    assertThat(opened).containsExactly("127.0.0.1:29999|ledgermind-simulate-bittensor-42");
    assertThat(published).hasSize(8); // one snapshot per subnet at block 360
  }

  @Test
  void withoutAnyBootstrapItNamesTheMissingFileAndKey(@TempDir Path home) {
    Assumptions.assumeTrue(System.getenv("LEDGERMIND_STACK_DIR") == null, "LEDGERMIND_STACK_DIR overrides the home");
    System.setProperty("ledgermind.home", home.toString());
    assertThat(run("--blocks", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("LEDGERMIND_KAFKA_BOOTSTRAP").contains(home.resolve(".stack").toString())
        .contains("./ledgermind stack up");
  }

  @Test
  void dryRunNeedsNoKafka() {
    assertThat(run("--domain", "depin", "--blocks", "200", "--dry-run")).isZero();
    assertThat(opened).isEmpty();
    assertThat(out.toString()).contains("(dry run)").contains("ledgermind.raw.depin");
  }

  private int run(String... args) {
    SimulateCommand command = new SimulateCommand((bootstrap, transactionalId) -> {
      opened.add(bootstrap.bootstrap() + "|" + transactionalId);
      return new EventSink() {
        @Override
        public void publish(List<ProducerRecord<byte[], byte[]>> batch) {
          published.addAll(batch);
        }

        @Override
        public void close() {}
      };
    });
    return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
  }
}
