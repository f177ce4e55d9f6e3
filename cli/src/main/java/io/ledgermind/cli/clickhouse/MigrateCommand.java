package io.ledgermind.cli.clickhouse;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.migrate.AppliedMigration;
import io.ledgermind.clickhouse.migrate.Migration;
import io.ledgermind.clickhouse.migrate.MigrationException;
import io.ledgermind.clickhouse.migrate.MigrationResult;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clickhouse migrate}: applies the pending migrations and prints what it applied. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the pending ClickHouse migrations in order, creating the database when missing.",
      "Running it again applies nothing. Refuses (exit 1) when an applied migration was edited since."
    })
final class MigrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    MigrationRunner runner = connection.runner();
    PrintWriter out = spec.commandLine().getOut();
    String where = "database " + runner.database() + " at " + connection.resolvedUrl();
    MigrationResult result;
    try {
      result = runner.migrate();
    } catch (MigrationException | ClickHouseException e) {
      spec.commandLine().getErr().println("clickhouse migrate failed on " + where + ": " + e.getMessage());
      return 1;
    }
    for (AppliedMigration present : result.alreadyApplied()) {
      out.println("  already applied  " + present.label());
    }
    for (Migration applied : result.applied()) {
      out.println("  applied          " + applied.label());
    }
    if (result.applied().isEmpty()) {
      out.println(where + " is up to date (" + result.alreadyApplied().size() + " migrations already applied).");
    } else {
      out.println("Applied " + result.applied().size() + " migration(s) to " + where + ".");
    }
    out.flush();
    return 0;
  }
}
