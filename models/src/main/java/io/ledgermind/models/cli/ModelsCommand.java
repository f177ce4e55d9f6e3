package io.ledgermind.models.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code models}: train, evaluate, inspect and benchmark the forecaster and policy artifacts. Registered under the
 * root {@code ledgermind} command; {@link #main} runs it alone.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "LSTM forecasters and RL policy: train (deterministic for a seed), evaluate against baselines,"
        + " inspect artifacts, benchmark inference.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      InfoCommand.class,
      BenchmarkCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ModelsCommand {

  public static void main(String[] args) {
    System.exit(new CommandLine(new ModelsCommand()).execute(args));
  }
}
