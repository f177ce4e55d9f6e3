package io.ledgermind.cli;

import io.ledgermind.cli.topics.TopicsCommand;
import io.ledgermind.flink.job.cli.IntelligenceJobCommand;
import io.ledgermind.ingest.cli.IngestCommand;
import io.ledgermind.models.cli.ModelsCommand;
import io.ledgermind.oracle.cli.OracleCommand;
import io.ledgermind.cli.clickhouse.ClickHouseCommand;
import java.nio.file.Path;
import io.ledgermind.cli.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one command users meet. Subcommands come from the modules; the launcher script {@code ./ledgermind} builds the
 * project when needed and runs this class with {@code -Dledgermind.home=<checkout>}.
 */
@Command(
    name = "ledgermind",
    mixinStandardHelpOptions = true,
    versionProvider = Ledgermind.Version.class,
    description = "On-chain intelligence pipeline: Kafka -> Flink (features, LSTM/RL inference) -> ClickHouse + oracle.",
    subcommands = {
      StackCommand.class,
      RunCommand.class,
      IntelligenceJobCommand.class,
      IngestCommand.class,
      TopicsCommand.class,
      SchemasCommand.class,
      ClickHouseCommand.class,
      ModelsCommand.class,
      OracleCommand.class,
      VerifyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Ledgermind {
  /** Checkout the launcher runs from: where deploy/ and .stack/ live. */
  static Path home() {
    return Path.of(System.getProperty("ledgermind.home", ".")).toAbsolutePath().normalize();
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command tree. {@code models train-from-pipeline} joins the models module's {@code models} command here:
   * it needs the simulators and the Flink job, which the models module must never depend on.
   */
  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new Ledgermind());
    line.getSubcommands().get("models").addSubcommand(new TrainFromPipelineCommand());
    return line;
  }

  /** Version from the jar manifest (Maven project version). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Ledgermind.class.getPackage().getImplementationVersion();
      return new String[] {"ledgermind " + (version == null ? "(development build)" : version)};
    }
  }
}
