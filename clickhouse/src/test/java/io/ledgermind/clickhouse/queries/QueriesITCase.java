package io.ledgermind.clickhouse.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.Migration;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.clickhouse.migrate.SqlScript;
import io.ledgermind.clickhouse.rollup.RollupReconciler;
import io.ledgermind.testing.ClickHouseExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs every query of clickhouse/QUERIES.md against the migrated schema holding a known fixture (fixture.sql) and
 * compares each result with the answer worked out by hand. A query added to QUERIES.md without an expected answer
 * here fails the test.
 */
class QueriesITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  /** Expected TabSeparated results, by query name (the fixture's comments explain the figures). */
  static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("latest_forecast_per_entity", String.join("\n",
          "STABLECOIN\tEURC\tnet_flow\t2026-11-25 11:00:00\tfc-e2e\tlstm-stablecoin\t1.25",
          "STABLECOIN\tUSDC\tnet_supply_change\t2026-11-25 10:00:00\tfc-usdc-2\tlstm-stablecoin\t700000",
          "DEPIN\tAKASH\tgpu_hours\t2026-11-25 08:00:00\tfc-akash\tlstm-depin\t12.5")),
      Map.entry("forecast_vs_actual_net_supply", String.join("\n",
          "USDC\t2026-11-25 10:00:00\t2026-11-25 09:00:00\t2500000\t3000000\t-500000\t1",
          "USDC\t2026-11-25 11:00:00\t2026-11-25 09:00:00\t900000\t750000\t150000\t0",
          "USDC\t2026-11-25 11:00:00\t2026-11-25 10:00:00\t700000\t750000\t-50000\t1")),
      // sc-1 counted once (reconciled), sc-6 (700) retracted.
      Map.entry("hourly_net_flow_per_token", String.join("\n",
          "USDC\t2026-11-25 10:00:00\t1\t1000000\t5000000\t2000000\t3000000\t0",
          "USDC\t2026-11-25 11:00:00\t0\t0\t1000000\t250000\t750000\t0",
          "USDT\t2026-11-25 10:00:00\t0\t0\t9000000\t1000000\t8000000\t0")),
      Map.entry("daily_supply_change_per_token", String.join("\n",
          "USDC\t2026-11-25\t3750000\t3.75",
          "USDT\t2026-11-25\t8000000\t8")),
      // 2 x 15e6 x 360 = 10.8e9 and 1 x 10e6 x 360 = 3.6e9 rao.
      Map.entry("subnet_emission_share_daily", String.join("\n",
          "2026-11-25\t1\t10800000000\t0.75",
          "2026-11-25\t2\t3600000000\t0.25")),
      Map.entry("depin_usage_trend_daily", String.join("\n",
          "AKASH\tgpu-hours\t2026-11-25\t2\t3.75",
          "RENDER\tOBh\t2026-11-25\t1\t3.5")),
      Map.entry("depin_token_flow_daily", String.join("\n",
          "AKASH\tuakt\t2026-11-25\t750000000\t0",
          "RENDER\tRENDER\t2026-11-25\t1000000000000000000\t800000000000000000")),
      Map.entry("oracle_rounds_published", String.join("\n",
          "EURC/net_flow\t1\t125000000\t8\t0xe2e\t120\t2026-11-25 11:00:11",
          "tao-sn1-emission\t3\t750000000000000000\t18\t0xabc\t100\t2026-11-25 12:00:00",
          "usdc-net-flow\t7\t3000000\t6\t0xabc\t100\t2026-11-25 12:00:00")),
      Map.entry("oracle_request_outcomes", String.join("\n",
          "PUBLISHED\t3\t",
          "SUPERSEDED\t1\ta newer window of the feed arrived")),
      Map.entry("value_end_to_end",
          "EURC/net_flow\t1\t2026-11-25 11:00:00\t125000000\t3\t0xe2e\t130000\t1\t1\t2\t1\t10"),
      Map.entry("publication_failures", String.join("\n",
          "REVERTED\tStaleRound\t1\t2026-11-25 11:30:00",
          "UNKNOWN\t\t1\t2026-11-25 12:30:00")),
      Map.entry("dead_letters_by_reason", String.join("\n",
          "raw.stablecoin\tAvroDecodeException\tbad magic\t2\t2026-11-25 10:00:00\t2026-11-25 10:30:00",
          "raw.depin\tValidationException\tamount not uint256\t1\t2026-11-25 12:00:00\t2026-11-25 12:00:00")),
      Map.entry("reorg_retractions",
          "eip155:1\t501\t0xorph\t0xcanon\t1\t2\t['sc-6','sc-x']"),
      Map.entry("features_latest_revision", String.join("\n",
          "STABLECOIN\tEURC\t2026-11-25 10:00:00\t0\t4\t0\t1.5\t",
          "STABLECOIN\tUSDC\t2026-11-25 10:00:00\t1\t3\t1\t3000000\t3000000",
          "STABLECOIN\tUSDT\t2026-11-25 10:00:00\t0\t2\t0\t8000000\t8000000")));

  private static Map<String, String> queries;

  @BeforeAll
  static void loadFixture() throws IOException {
    queries = QueriesMarkdown.parse(Files.readString(Path.of(System.getProperty("basedir", "."))
        .resolve("QUERIES.md"), StandardCharsets.UTF_8));
    ClickHouseHttpClient client = ClickHouseHttpClient.builder()
        .url(CLICKHOUSE.url()).user(CLICKHOUSE.user()).password(CLICKHOUSE.password()).build();
    String db = CLICKHOUSE.database();
    MigrationRunner.builder().client(client).database(db).build().migrate();
    try (InputStream in = QueriesITCase.class.getResourceAsStream("fixture.sql")) {
      for (String statement : SqlScript.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
        client.execute(statement.replace(Migration.DATABASE_PLACEHOLDER, db));
      }
    }
    // What operations do after a sink recovery: the replayed sc-1 must count once in the rollup.
    RollupReconciler.builder().client(client).database(db).build()
        .reconcile(LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-26"));
  }

  @Test
  void everyQueryHasAnExpectedAnswer() {
    assertThat(new TreeMap<>(queries).keySet()).containsExactlyElementsOf(new TreeMap<>(EXPECTED).keySet());
  }

  @Test
  void everyQueryAnswersAsExpected() {
    // All results (or errors) first, so one run shows every query that drifted.
    Map<String, String> actual = new TreeMap<>();
    queries.forEach((name, sql) -> {
      try {
        actual.put(name, CLICKHOUSE.query(sql.replace(Migration.DATABASE_PLACEHOLDER, CLICKHOUSE.database())));
      } catch (IllegalStateException e) {
        actual.put(name, "FAILED: " + e.getMessage());
      }
    });
    assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
  }
}
