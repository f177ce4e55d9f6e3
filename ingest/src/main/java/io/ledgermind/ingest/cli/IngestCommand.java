package io.ledgermind.ingest.cli;

import io.ledgermind.ingest.evm.EvmBenchmark;
import io.ledgermind.ingest.evm.cli.EvmCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ingest}: the ingest module's commands, registered as a subcommand of the root {@code ledgermind} CLI.
 * New readers add their command class to {@code subcommands} below (e.g. the EVM reader's {@code evm}).
 *
 * <pre>
 * ledgermind ingest simulate --domain all --blocks 1000
 * </pre>
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Chain readers, DePIN and Bittensor adapters, simulators: raw events into Kafka.",
    subcommands = {
      EvmCommand.class,
      EvmBenchmark.class,
      SimulateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class IngestCommand implements Runnable {
  @Spec
  CommandSpec spec;

  /** Without a subcommand: print the usage, which lists the subcommands. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
