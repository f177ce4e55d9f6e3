package io.ledgermind.oracle.cli;

import io.ledgermind.oracle.bench.OracleBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code oracle}: the oracle publisher's commands, registered as a subcommand of the root {@code ledgermind} CLI.
 *
 * <pre>
 * ledgermind oracle deploy --feed USDC/net_flow --feed USDT/net_flow
 * LEDGERMIND_ORACLE_KEYSTORE_PASSWORD=... ledgermind oracle signer --keystore signer1.json
 * ledgermind oracle transmit --key-env LEDGERMIND_ORACLE_SENDER_KEY
 * ledgermind oracle status
 * </pre>
 */
@Command(
    name = "oracle",
    mixinStandardHelpOptions = true,
    description = "Quorum-signed oracle: deploy the contracts, run a signer or the transmitter, show feed status.",
    subcommands = {
      DeployCommand.class,
      SignerCommand.class,
      TransmitCommand.class,
      StatusCommand.class,
      OracleBenchmark.class,
      CommandLine.HelpCommand.class
    })
public final class OracleCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the oracle commands on their own (e.g. one signer process per key). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new OracleCommand()).execute(args));
  }
}
