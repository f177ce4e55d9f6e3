package io.ledgermind.cli.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.ClickHouseExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code clickhouse migrate} and {@code status} end to end against the stack's ClickHouse. */
class ClickHouseCommandITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @Test
  void migratesThenReportsUpToDate() {
    String db = CLICKHOUSE.database();

    String[] pending = run(3, "status", "--database", db);
    assertThat(pending[0]).contains("pending  V0001 raw_events", "pending  V0004 ops", "0 applied, 6 pending");

    String[] first = run(0, "migrate", "--database", db);
    assertThat(first[0]).contains("applied          V0001 raw_events", "applied          V0002 derived",
        "applied          V0003 oracle", "applied          V0004 ops", "applied          V0005 rollups", "applied          V0006 oracle_request_outcomes",
        "Applied 6 migration(s) to database " + db);

    String[] second = run(0, "migrate", "--database", db);
    assertThat(second[0]).contains("already applied  V0006 oracle_request_outcomes", "is up to date (6 migrations already applied)")
        .doesNotContain("  applied  ");

    String[] status = run(0, "status", "--database", db);
    assertThat(status[0]).contains("applied  V0001 raw_events  at ", "6 applied, 0 pending");
  }

  private static String[] run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new ClickHouseCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    List<String> withServer = new ArrayList<>(List.of(args));
    withServer.addAll(List.of("--url", CLICKHOUSE.url(), "--user", CLICKHOUSE.user()));
    if (!CLICKHOUSE.password().isEmpty()) {
      withServer.add("--password=" + CLICKHOUSE.password());
    }
    int exit = commandLine.execute(withServer.toArray(String[]::new));
    assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(expectedExit);
    return new String[] {out.toString(), err.toString()};
  }
}
