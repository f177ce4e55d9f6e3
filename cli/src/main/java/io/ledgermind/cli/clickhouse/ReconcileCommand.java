package io.ledgermind.cli.clickhouse;

import io.ledgermind.clickhouse.ClickHouseException;
import io.ledgermind.clickhouse.rollup.Rollup;
import io.ledgermind.clickhouse.rollup.RollupReconciler;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clickhouse reconcile}: makes the rollups equal to the aggregate of the distinct raw events again, for whole
 * UTC days. A replay of the at-least-once ClickHouse sink (e.g. a job run again with {@code --restore none})
 * re-inserts raw rows: the raw tables collapse them ({@code FINAL}), the rollups' materialized views count them again.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Recompute the rollups (stablecoin hourly, subnet daily, DePIN hourly) for whole UTC days from the distinct raw"
          + " events, inserting only the correcting rows.",
      "Idempotent: a second run over the same days inserts nothing. Run it for days the sinks no longer write to."
    })
final class ReconcileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = "--from", paramLabel = "DATE", required = true, description = "First UTC day (YYYY-MM-DD).")
  String from;

  @Option(names = "--to", paramLabel = "DATE",
      description = "Last UTC day, inclusive (YYYY-MM-DD; default: today).")
  String to;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LocalDate first;
    LocalDate last;
    try {
      first = LocalDate.parse(from);
      last = to == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(to);
    } catch (DateTimeParseException e) {
      spec.commandLine().getErr().println("clickhouse reconcile: dates are YYYY-MM-DD: " + e.getParsedString());
      return 2;
    }
    if (last.isBefore(first)) {
      spec.commandLine().getErr().println("clickhouse reconcile: --to " + last + " is before --from " + first);
      return 2;
    }
    String database = connection.runner().database();
    try {
      Map<Rollup, Long> corrected = RollupReconciler.builder().client(connection.client()).database(database).build()
          .reconcile(first, last.plusDays(1));
      long total = 0;
      for (Map.Entry<Rollup, Long> e : corrected.entrySet()) {
        out.printf("  %-28s %,d correcting rows%n", e.getKey().table(), e.getValue());
        total += e.getValue();
      }
      out.printf("%s: rollups reconciled for %s .. %s (%,d correcting rows; %s)%n", database, first, last, total,
          total == 0 ? "they already matched the raw events" : "they now match the raw events");
      out.flush();
      return 0;
    } catch (ClickHouseException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("clickhouse reconcile failed on database " + database + ": "
          + e.getMessage());
      return 1;
    }
  }
}
