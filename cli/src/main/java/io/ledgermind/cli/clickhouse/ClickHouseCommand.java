package io.ledgermind.cli.clickhouse;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ledgermind clickhouse migrate|status}: creates and upgrades Ledgermind's ClickHouse tables with the numbered
 * migrations shipped in ledgermind-schemas ({@code clickhouse/migrations/V0001__raw_events.sql}, ...).
 *
 * <pre>{@code
 * ./ledgermind clickhouse migrate                        # the local stack's server, database ledgermind
 * ./ledgermind clickhouse status --database ledgermind_dev
 * ./ledgermind clickhouse migrate --url http://ch:8123 --user loader --password   # asks for the password
 * }</pre>
 *
 * <p>Registered as a subcommand of the root {@code ledgermind} command; {@link #main} runs it alone.
 */
@Command(
    name = "clickhouse",
    mixinStandardHelpOptions = true,
    description = "Create and upgrade Ledgermind's ClickHouse tables (numbered migrations, each applied once);"
        + " reconcile the rollups with the raw events.",
    subcommands = {MigrateCommand.class, StatusCommand.class, ReconcileCommand.class})
public final class ClickHouseCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: migrate, status or reconcile");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClickHouseCommand()).execute(args));
  }
}
