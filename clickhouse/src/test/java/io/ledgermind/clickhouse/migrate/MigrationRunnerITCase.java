package io.ledgermind.clickhouse.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.testing.ClickHouseExtension;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The project's migrations against the stack's real ClickHouse server (18.16 locally). */
class MigrationRunnerITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  static final String MAX_UINT256 =
      "115792089237316195423570985008687907853269984665640564039457584007913129639935";
  static final String MIN_INT256 =
      "-57896044618658097711785492504343953926634992332820282019728792003956564819968";
  private static final Pattern INSERT_TARGET = Pattern.compile("INSERT INTO \\S+\\.(\\w+) VALUES");

  private static final List<String> extraDatabases = new ArrayList<>();
  private static MigrationResult firstRun;

  @BeforeAll
  static void migrateOnce() {
    firstRun = runner(CLICKHOUSE.database()).migrate();
  }

  @AfterAll
  static void dropExtraDatabases() {
    extraDatabases.forEach(db -> CLICKHOUSE.execute("DROP DATABASE IF EXISTS " + db));
  }

  @Test
  void appliesEveryMigrationOnceAndNothingOnTheSecondRun() {
    List<Integer> all = ClasspathMigrations.load().stream().map(Migration::version).toList();
    assertThat(all).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(firstRun.appliedVersions()).isEqualTo(all);
    assertThat(firstRun.alreadyApplied()).isEmpty();

    MigrationResult second = runner(CLICKHOUSE.database()).migrate();

    assertThat(second.applied()).isEmpty();
    assertThat(second.alreadyAppliedVersions()).isEqualTo(all);
    String db = CLICKHOUSE.database();
    assertThat(CLICKHOUSE.query("SELECT version, count() FROM " + db + ".schema_migrations GROUP BY version"
        + " ORDER BY version")).isEqualTo("1\t1\n2\t1\n3\t1\n4\t1\n5\t1\n6\t1\n7\t1");
    assertThat(CLICKHOUSE.query("SELECT name, checksum FROM " + db + ".schema_migrations ORDER BY version"))
        .isEqualTo(String.join("\n", ClasspathMigrations.load().stream()
            .map(m -> m.description() + "\t" + m.checksum()).toList()));
    MigrationStatus status = runner(db).status();
    assertThat(status.pending()).isEmpty();
    assertThat(status.applied()).extracting(AppliedMigration::version).isEqualTo(all);
    assertThat(status.upToDate()).isTrue();
  }

  @Test
  void createsEveryTableAndView() {
    String rows = CLICKHOUSE.query("SELECT name, engine FROM system.tables WHERE database = '"
        + CLICKHOUSE.database() + "' ORDER BY name");
    Map<String, String> engines = new LinkedHashMap<>();
    for (String row : rows.split("\n")) {
      String[] f = row.split("\t");
      engines.put(f[0], f[1]);
    }
    Set<String> expected = new TreeSet<>(MigrationScriptsTest.EXPECTED_TABLES);
    expected.addAll(MigrationScriptsTest.EXPECTED_VIEWS);
    expected.add("schema_migrations");
    expected.addAll(MigrationScriptsTest.EXPECTED_ROLLUPS.keySet());
    expected.addAll(MigrationScriptsTest.EXPECTED_ROLLUPS.values());
    expected.addAll(MigrationScriptsTest.EXPECTED_ROLLUP_VIEWS);
    assertThat(engines.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    MigrationScriptsTest.EXPECTED_TABLES.forEach(t -> assertThat(engines).containsEntry(t, "ReplacingMergeTree"));
    MigrationScriptsTest.EXPECTED_VIEWS.forEach(v -> assertThat(engines).containsEntry(v, "View"));
    MigrationScriptsTest.EXPECTED_ROLLUP_VIEWS.forEach(v -> assertThat(engines).containsEntry(v, "View"));
    MigrationScriptsTest.EXPECTED_ROLLUPS.forEach((table, view) -> {
      assertThat(engines).containsEntry(table, "SummingMergeTree");
      assertThat(engines).containsEntry(view, "MaterializedView");
    });
    assertThat(engines).containsEntry("schema_migrations", "MergeTree");
  }

  @Test
  void createsAMissingDatabaseAndReportsStatusWithoutChangingAnything() {
    String db = extraDatabase("_fresh");
    MigrationStatus before = runner(db).status();
    assertThat(before.applied()).isEmpty();
    assertThat(before.pending()).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(CLICKHOUSE.query("SELECT count() FROM system.databases WHERE name = '" + db + "'")).isEqualTo("0");

    assertThat(runner(db).migrate().appliedVersions()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(CLICKHOUSE.query("SELECT count() FROM system.tables WHERE database = '" + db + "'"))
        .isEqualTo(String.valueOf(MigrationScriptsTest.EXPECTED_TABLES.size()
            + MigrationScriptsTest.EXPECTED_VIEWS.size() + 2 * MigrationScriptsTest.EXPECTED_ROLLUPS.size()
            + MigrationScriptsTest.EXPECTED_ROLLUP_VIEWS.size() + 1));
  }

  @Test
  void refusesToRunWhenAnAppliedMigrationWasEdited() {
    List<Migration> tampered = new ArrayList<>(ClasspathMigrations.load());
    Migration original = tampered.get(1);
    tampered.set(1, new Migration(original.version(), original.description(), original.fileName(),
        original.script().replace("ORDER BY (forecast_id)", "ORDER BY (forecast_id, entity)")));
    MigrationRunner runner = MigrationRunner.builder().client(client()).database(CLICKHOUSE.database())
        .migrations(tampered).build();

    assertThatThrownBy(runner::migrate)
        .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
          assertThat(e.version()).isEqualTo(2);
          assertThat(e.fileChecksum()).isNotEqualTo(e.recordedChecksum());
        })
        .hasMessageContaining("V0002 derived")
        .hasMessageContaining("V0002__derived.sql");
    assertThat(runner.status().edited()).containsExactly(2);
    assertThat(runner.status().upToDate()).isFalse();
  }

  @Test
  void namesTheMigrationAndStatementThatFailedAndDoesNotRecordIt() {
    List<Migration> withBroken = new ArrayList<>(ClasspathMigrations.load());
    withBroken.add(Migration.of("V0099__broken.sql",
        "CREATE TABLE IF NOT EXISTS ${database}.ok_table (x String) ENGINE = MergeTree() PARTITION BY tuple()"
            + " ORDER BY (x);\nCREATE TABLE IF NOT EXISTS ${database}.broken (x NoSuchType) ENGINE = MergeTree()"
            + " PARTITION BY tuple() ORDER BY (x);"));
    String db = extraDatabase("_broken");
    MigrationRunner runner = MigrationRunner.builder().client(client()).database(db).migrations(withBroken).build();

    assertThatThrownBy(runner::migrate)
        .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.version()).isEqualTo(99))
        .hasMessageContaining("V0099 broken")
        .hasMessageContaining("statement 2 of 2")
        .hasMessageContaining("NoSuchType");
    MigrationStatus status = runner.status();
    assertThat(status.applied()).extracting(AppliedMigration::version).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(status.pending()).extracting(Migration::version).containsExactly(99);
  }

  @Test
  void everyTableAcceptsARepresentativeRowAndCollapsesItsReplay() throws IOException {
    String db = extraDatabase("_rows");
    runner(db).migrate();
    Set<String> covered = new TreeSet<>();
    for (String insert : sampleRows(db)) {
      Matcher target = INSERT_TARGET.matcher(insert);
      assertThat(target.find()).as(insert).isTrue();
      String table = target.group(1);
      CLICKHOUSE.execute(insert);
      CLICKHOUSE.execute(insert); // the replay: same deterministic id, same version
      assertThat(CLICKHOUSE.query("SELECT count() FROM " + db + "." + table + " FINAL")).as(table).isEqualTo("1");
      covered.add(table);
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(MigrationScriptsTest.EXPECTED_TABLES);

    // Exact amounts come back as written, extremes included.
    assertThat(CLICKHOUSE.query("SELECT amount, toString(kind) FROM " + db + ".raw_stablecoin_events FINAL"))
        .isEqualTo(MAX_UINT256 + "\tTRANSFER");
    assertThat(CLICKHOUSE.query("SELECT answer, toString(oracle_source) FROM " + db + ".raw_oracle_rounds FINAL"))
        .isEqualTo(MIN_INT256 + "\tLEDGERMIND");
    assertThat(CLICKHOUSE.query("SELECT net_tao_flow FROM " + db + ".raw_subnet_snapshots FINAL"))
        .isEqualTo("-2500000000000");
    assertThat(CLICKHOUSE.query("SELECT exact_values[1], exact_values[2] FROM " + db + ".feature_windows FINAL"))
        .isEqualTo(MIN_INT256 + "\t" + MAX_UINT256);
    assertThat(CLICKHOUSE.query("SELECT entries_answer[2] FROM " + db + ".signed_reports FINAL"))
        .isEqualTo(MAX_UINT256);
    assertThat(CLICKHOUSE.query("SELECT hex(original), isNull(key) FROM " + db + ".dead_letters FINAL"))
        .isEqualTo("C301112233445566778800FF\t1");
    assertThat(CLICKHOUSE.query("SELECT h, toString(t), v FROM " + db + ".forecasts FINAL"
        + " ARRAY JOIN points_horizon_millis AS h, points_target_time AS t, points_value AS v ORDER BY h"))
        .isEqualTo("3600000\t2026-11-25 13:00:00\t1500000\n7200000\t2026-11-25 14:00:00\t2250000");
  }

  @Test
  void keepsTheHighestVersionOfAReplayedRecord() {
    String db = CLICKHOUSE.database();
    for (int revision = 0; revision < 3; revision++) {
      CLICKHOUSE.execute("INSERT INTO " + db + ".feature_windows VALUES ('fw-usdc-h1-r" + revision + "', 'STABLECOIN',"
          + " 'USDC', '2026-11-25 11:00:00', '2026-11-25 12:00:00', ['net_flow'], [" + (revision * 10) + "],"
          + " ['net_flow'], ['" + (revision * 10) + "'], 100, " + revision + ", " + revision + ", 'features-v1',"
          + " '2026-11-25 12:00:0" + revision + "')");
    }
    // An older revision arriving late must not win.
    CLICKHOUSE.execute("INSERT INTO " + db + ".feature_windows VALUES ('fw-usdc-h1-r1', 'STABLECOIN', 'USDC',"
        + " '2026-11-25 11:00:00', '2026-11-25 12:00:00', ['net_flow'], [10], ['net_flow'], ['10'], 100, 1, 1,"
        + " 'features-v1', '2026-11-25 12:00:01')");
    assertThat(CLICKHOUSE.query("SELECT feature_id, revision, exact_values[1] FROM " + db + ".feature_windows FINAL"
        + " WHERE entity = 'USDC' AND window_start = toDateTime('2026-11-25 11:00:00', 'UTC')"))
        .isEqualTo("fw-usdc-h1-r2\t2\t20");

    // Checkpoints: the latest updatedAt (millis) wins even within one second.
    CLICKHOUSE.execute("INSERT INTO " + db + ".reader_checkpoints VALUES ('reader-a', 'eip155:1', 101, '0x65',"
        + " [100, 101], ['0x64', '0x65'], '2026-11-25 12:00:00', 1795608000900)");
    CLICKHOUSE.execute("INSERT INTO " + db + ".reader_checkpoints VALUES ('reader-a', 'eip155:1', 100, '0x64',"
        + " [99, 100], ['0x63', '0x64'], '2026-11-25 12:00:00', 1795608000100)");
    assertThat(CLICKHOUSE.query("SELECT last_block_number FROM " + db + ".reader_checkpoints FINAL"
        + " WHERE reader_id = 'reader-a'")).isEqualTo("101");
  }

  @Test
  void canonicalViewHidesRetractedEventsAndReplays() {
    String db = CLICKHOUSE.database();
    CLICKHOUSE.execute(stablecoinEvent(db, "ev-kept", "0xaa", "1000000"));
    CLICKHOUSE.execute(stablecoinEvent(db, "ev-kept", "0xaa", "1000000")); // replay
    CLICKHOUSE.execute(stablecoinEvent(db, "ev-orphaned", "0xbb", "2000000"));
    CLICKHOUSE.execute(stablecoinEvent(db, "ev-canonical", "0xcc", "3000000"));
    assertThat(canonicalIds(db)).isEqualTo("ev-canonical\nev-kept\nev-orphaned");

    CLICKHOUSE.execute("INSERT INTO " + db + ".retractions VALUES ('rt-ev-orphaned', 'eip155:1', 500, '0xbb', NULL,"
        + " NULL, '2026-11-25 12:00:00', '2026-11-25 12:01:00', 'evm-reader:usdc', 'ev-orphaned', 500, '0xbb',"
        + " '0xcc', 1, 'parent hash mismatch at block 501', 1795608060000)");

    assertThat(canonicalIds(db)).isEqualTo("ev-canonical\nev-kept");
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + db + ".raw_stablecoin_events FINAL"
        + " WHERE event_id LIKE 'ev-%'")).isEqualTo("3");
    for (String view : MigrationScriptsTest.EXPECTED_VIEWS) {
      assertThat(CLICKHOUSE.query("SELECT count() FROM " + db + "." + view + " WHERE event_id = 'ev-orphaned'"))
          .as(view).isEqualTo("0");
    }
  }

  /**
   * V0007 after a run that stopped half-way through it (the first ALTER done, nothing recorded): the next run applies
   * it again from its first statement, the repeated ADD COLUMN counts as applied, and the subnet rollup then
   * multiplies per-block emission by the blocks a snapshot covers (one tempo when the record has no such field).
   */
  @Test
  void aHalfAppliedAddColumnMigrationCompletesOnTheNextRunAndTheRollupUsesBlocksCovered() {
    String db = extraDatabase("_v7");
    List<Migration> upToV6 = ClasspathMigrations.load().stream().filter(m -> m.version() <= 6).toList();
    MigrationRunner.builder().client(client()).database(db).migrations(upToV6).build().migrate();
    CLICKHOUSE.execute("ALTER TABLE " + db + ".raw_subnet_snapshots ADD COLUMN blocks_covered Nullable(Int32)");

    assertThat(runner(db).migrate().appliedVersions()).containsExactly(7);

    for (String[] row : new String[][] {{"sn-tempo", "360"}, {"sn-block", "1"}, {"sn-old", "NULL"}}) {
      CLICKHOUSE.execute("INSERT INTO " + db + ".raw_subnet_snapshots (event_id, chain_id, event_time, netuid, tempo,"
          + " tao_reserve, alpha_reserve, price, tao_emission, alpha_emission, emission_share, tao_staked,"
          + " tao_unstaked, net_tao_flow, block_emission, total_issuance, emission_rule, version, blocks_covered)"
          + " VALUES ('" + row[0] + "', 'bittensor:finney', '2026-11-25 12:00:00', 3, 360, '1', '1', 1.0, '1000',"
          + " '10', 0.01, '5', '0', '5', '500000000', '10600000000000000', 'PRICE_EMA', 1, " + row[1] + ")");
    }
    assertThat(CLICKHOUSE.query("SELECT snapshots, blocks, tao_emitted, alpha_emitted, net_tao_flow FROM " + db
        + ".subnet_emission_daily")).isEqualTo("3\t721\t721000\t7210\t15");
  }

  /** The aggregation the README documents: exact below 38 digits, wider values counted apart instead of failing. */
  @Test
  void sumsExactAmountsWithToDecimal128() {
    String db = extraDatabase("_sums");
    runner(db).migrate();
    String[] amounts = {"1500000", "2500000000000", "99999999999999999999999999999999999999",
        "-99999999999999999999999999999999999998", MAX_UINT256};
    for (int i = 0; i < amounts.length; i++) {
      CLICKHOUSE.execute(stablecoinEvent(db, "sum-" + i, "0x0" + i, amounts[i]));
    }
    String sum = CLICKHOUSE.query("SELECT token,"
        + " sum(toDecimal128(if(length(amount) - startsWith(amount, '-') <= 38, amount, '0'), 0)) AS total,"
        + " countIf(length(amount) - startsWith(amount, '-') > 38) AS too_wide"
        + " FROM " + db + ".canonical_raw_stablecoin_events GROUP BY token");
    BigInteger expected = new BigInteger("1500000").add(new BigInteger("2500000000000"))
        .add(new BigInteger("99999999999999999999999999999999999999"))
        .add(new BigInteger("-99999999999999999999999999999999999998"));
    assertThat(sum).isEqualTo("USDC\t" + expected + "\t1");
  }

  private static String canonicalIds(String db) {
    return CLICKHOUSE.query("SELECT event_id FROM " + db + ".canonical_raw_stablecoin_events"
        + " WHERE event_id LIKE 'ev-%' ORDER BY event_id");
  }

  private static String stablecoinEvent(String db, String eventId, String blockHash, String amount) {
    return "INSERT INTO " + db + ".raw_stablecoin_events VALUES ('" + eventId + "', 'eip155:1', 500, '" + blockHash
        + "', '0x" + Integer.toHexString(eventId.hashCode()) + "', 3, '2026-11-25 12:00:00', '2026-11-25 12:00:02',"
        + " 'evm-reader:usdc', 'USDC', '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 'MINT', NULL,"
        + " '0x21a31ee1afc51d94c2efccaa2092ad1028285549', '0x5b6122c109b78c6755486966148c1d70a50a47d7', '" + amount
        + "', 6, NULL, 'EOA', 1795608002000)";
  }

  private static List<String> sampleRows(String db) throws IOException {
    try (InputStream in = MigrationRunnerITCase.class.getResourceAsStream("sample-rows.sql")) {
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return SqlScript.statements(script).stream()
          .map(s -> s.replace(Migration.DATABASE_PLACEHOLDER, db)).toList();
    }
  }

  private static String extraDatabase(String suffix) {
    String db = CLICKHOUSE.database() + suffix;
    extraDatabases.add(db);
    return db;
  }

  private static MigrationRunner runner(String database) {
    return MigrationRunner.builder().client(client()).database(database).build();
  }

  private static ClickHouseHttpClient client() {
    return ClickHouseHttpClient.builder()
        .url(CLICKHOUSE.url()).user(CLICKHOUSE.user()).password(CLICKHOUSE.password()).build();
  }
}
