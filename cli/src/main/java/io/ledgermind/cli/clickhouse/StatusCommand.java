package io.ledgermind.cli.clickhouse;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.migrate.AppliedMigration;
import io.ledgermind.clickhouse.migrate.Migration;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.clickhouse.migrate.MigrationStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clickhouse status}: lists applied and pending migrations; changes nothing. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "List the applied and pending ClickHouse migrations of the database; changes nothing.",
      "Exit code 0 when up to date, 3 when migrations are pending or an applied one was edited."
    })
final class StatusCommand implements Callable<Integer> {
  static final int NOT_UP_TO_DATE = 3;

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    MigrationRunner runner = connection.runner();
    PrintWriter out = spec.commandLine().getOut();
    String where = "database " + runner.database() + " at " + connection.resolvedUrl();
    MigrationStatus status;
    try {
      status = runner.status();
    } catch (ClickHouseException e) {
      spec.commandLine().getErr().println("clickhouse status failed on " + where + ": " + e.getMessage());
      return 1;
    }
    out.println("Migrations of " + where + ":");
    for (AppliedMigration applied : status.applied()) {
      String edited = status.edited().contains(applied.version()) ? "  EDITED since applied: migrate will refuse" : "";
      out.println("  applied  " + applied.label() + "  at " + applied.appliedAt() + edited);
    }
    for (Migration pending : status.pending()) {
      out.println("  pending  " + pending.label());
    }
    for (AppliedMigration unknown : status.unknown()) {
      out.println("  applied  " + unknown.label() + "  at " + unknown.appliedAt() + "  (unknown to this build)");
    }
    out.println(status.applied().size() + " applied, " + status.pending().size() + " pending"
        + (status.edited().isEmpty() ? "" : ", " + status.edited().size() + " edited") + ".");
    out.flush();
    return status.upToDate() ? 0 : NOT_UP_TO_DATE;
  }
}
