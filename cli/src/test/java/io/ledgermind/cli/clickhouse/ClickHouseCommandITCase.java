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
    assertThat(pending[0]).contains("pending  V0001 raw_events", "pending  V0004 ops", "0 applied, 7 pending");

    String[] first = run(0, "migrate", "--database", db);
    assertThat(first[0]).contains("applied          V0001 raw_events", "applied          V0002 derived",
        "applied          V0003 oracle", "applied          V0004 ops", "applied          V0005 rollups", "applied          V0006 oracle_request_outcomes",
        "applied          V0007 subnet_blocks_covered", "Applied 7 migration(s) to database " + db);

    String[] second = run(0, "migrate", "--database", db);
    assertThat(second[0]).contains("already applied  V0007 subnet_blocks_covered", "is up to date (7 migrations already applied)")
        .doesNotContain("  applied  ");

    String[] status = run(0, "status", "--database", db);
    assertThat(status[0]).contains("applied  V0001 raw_events  at ", "7 applied, 0 pending");
  }

  /** A replay of the raw sink inflates the rollups; {@code clickhouse reconcile} makes them exact, once. */
  @Test
  void reconcileRepairsRollupsAfterAReplayAndIsIdempotent() {
    String db = CLICKHOUSE.database() + "_reconcile";
    run(0, "migrate", "--database", db);
    String rows = "INSERT INTO " + db + ".raw_stablecoin_events VALUES"
        + " ('sc-1', 'eip155:1', 100, '0xb100', '0xt1', 0, '2026-11-25 12:00:11', '2026-11-25 12:00:13', 'test',"
        + " 'USDC', '0xusdc', 'TRANSFER', '0xa', '0xb', NULL, '5000000', 6, 'EXCHANGE', 'EOA', 1),"
        + " ('sc-2', 'eip155:1', 101, '0xb101', '0xt2', 0, '2026-11-25 12:30:00', '2026-11-25 12:30:02', 'test',"
        + " 'USDC', '0xusdc', 'MINT', '0x0', '0xb', '0xm', '7000000', 6, 'ISSUER', 'EOA', 1)";
    CLICKHOUSE.execute(rows);
    CLICKHOUSE.execute(rows); // the replay: the raw table collapses it, the rollup's view counted it again
    String hourly = "SELECT events, transferred, minted FROM " + db + ".stablecoin_flows_hourly";
    assertThat(CLICKHOUSE.query(hourly)).isEqualTo("4\t10000000\t14000000");

    String[] first = run(0, "reconcile", "--database", db, "--from", "2026-11-25", "--to", "2026-11-25");
    assertThat(first[0]).contains("rollup_stablecoin_hourly", "they now match the raw events");
    assertThat(CLICKHOUSE.query(hourly)).isEqualTo("2\t5000000\t7000000");
    String[] again = run(0, "reconcile", "--database", db, "--from", "2026-11-25", "--to", "2026-11-25");
    assertThat(again[0]).contains("0 correcting rows; they already matched the raw events");
    assertThat(CLICKHOUSE.query(hourly)).isEqualTo("2\t5000000\t7000000");
    assertThat(run(2, "reconcile", "--database", db, "--from", "2026-11-26", "--to", "2026-11-25")[1])
        .contains("is before --from");
    CLICKHOUSE.execute("DROP DATABASE IF EXISTS " + db);
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
