package io.ledgermind.clickhouse.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the migration scripts in schemas/src/main/resources/clickhouse/migrations without a server: the index, the
 * versions, the placeholder, idempotency, and the portable dialect (18.16 and 26.x).
 */
class MigrationScriptsTest {
  /** Tables and views the migrations must create (MigrationRunnerITCase checks them on a real server too). */
  static final Set<String> EXPECTED_TABLES = Set.of(
      "raw_stablecoin_events", "raw_depin_events", "raw_subnet_snapshots", "raw_oracle_rounds",
      "raw_block_headers", "retractions", "feature_windows", "forecasts", "policy_actions", "oracle_requests",
      "oracle_signatures", "signed_reports", "publication_outcomes", "dead_letters", "reader_checkpoints",
      "oracle_request_outcomes");
  static final Set<String> EXPECTED_VIEWS = Set.of(
      "canonical_raw_stablecoin_events", "canonical_raw_depin_events", "canonical_raw_subnet_snapshots",
      "canonical_raw_oracle_rounds", "canonical_raw_block_headers");
  /** V0005's views over the rollups (what data teams query). */
  static final Set<String> EXPECTED_ROLLUP_VIEWS = Set.of(
      "stablecoin_flows_hourly", "subnet_emission_daily", "depin_usage_hourly", "depin_usage_daily");
  /** V0005's SummingMergeTree rollups and the materialized views that feed them (table -> view). */
  static final Map<String, String> EXPECTED_ROLLUPS = Map.of(
      "rollup_stablecoin_hourly", "rollup_stablecoin_hourly_mv",
      "rollup_subnet_daily", "rollup_subnet_daily_mv",
      "rollup_depin_hourly", "rollup_depin_hourly_mv");

  /** Constructs that 18.16 lacks or that behave differently on modern servers (STACK.md, section ClickHouse). */
  static final Map<String, Pattern> FORBIDDEN = Map.ofEntries(
      forbid("DateTime64", "\\bDateTime64\\b"),
      forbid("Int128/Int256/UInt256", "\\bU?Int(128|256)\\b"),
      forbid("Map type", "\\bMap\\s*\\("),
      forbid("LowCardinality", "\\bLowCardinality\\b"),
      forbid("TTL", "\\bTTL\\b"),
      forbid("CODEC", "\\bCODEC\\b"),
      forbid("Bool type", "\\bBool(ean)?\\b"),
      forbid("toStartOfInterval", "\\btoStartOfInterval\\b"),
      forbid("ADD COLUMN IF NOT EXISTS", "\\bADD\\s+COLUMN\\s+IF\\s+NOT\\s+EXISTS\\b"),
      forbid("skipping index", "\\bINDEX\\b"),
      forbid("window function", "\\bOVER\\s*\\("),
      forbid("CTE", "\\bWITH\\s+\\w+\\s+AS\\s*\\(|\\bWITH\\s+\\(?\\s*SELECT\\b"));

  private static final Pattern IDEMPOTENT_CREATE = Pattern.compile(
      "CREATE\\s+(TABLE|VIEW|MATERIALIZED\\s+VIEW)\\s+IF\\s+NOT\\s+EXISTS\\s+\\$\\{database}\\.([a-z_][a-z0-9_]*)\\s"
          + "[\\s\\S]*");
  private static final Pattern TABLE_REFERENCE = Pattern.compile(
      "(?i)\\b(?:TABLE|VIEW|FROM|JOIN|INTO|TO)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?([^\\s(,;]+)");
  /** Idempotent through the runner (a repeated ADD COLUMN counts as applied; 18.16 has no IF NOT EXISTS here). */
  private static final Pattern ADD_COLUMN = Pattern.compile(
      "ALTER\\s+TABLE\\s+\\$\\{database}\\.([a-z_][a-z0-9_]*)\\s+ADD\\s+COLUMN\\s+[a-z_][a-z0-9_]*\\s[\\s\\S]*");
  /** Dropping a view to re-create it (a changed rollup, see V0005): idempotent with IF EXISTS. */
  private static final Pattern DROP = Pattern.compile(
      "DROP\\s+TABLE\\s+IF\\s+EXISTS\\s+\\$\\{database}\\.([a-z_][a-z0-9_]*)");

  private static Path directory;
  private static List<String> indexed;

  @BeforeAll
  static void readIndex() throws IOException {
    directory = Path.of(System.getProperty("basedir", "."))
        .resolve("../schemas/src/main/resources/clickhouse/migrations").normalize();
    indexed = new ArrayList<>();
    for (String line : Files.readAllLines(directory.resolve("index.txt"))) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        indexed.add(line.strip());
      }
    }
  }

  @Test
  void indexListsExactlyTheScriptsPresent() throws IOException {
    List<String> present;
    try (Stream<Path> files = Files.list(directory)) {
      present = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.txt")).sorted().toList();
    }
    assertThat(indexed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(present);
  }

  @Test
  void versionsAreUniqueAndStrictlyIncreasing() throws IOException {
    List<Integer> versions = scripts().stream().map(Migration::version).toList();
    assertThat(versions).isNotEmpty().doesNotHaveDuplicates().isSorted();
  }

  @Test
  void classpathLoaderReadsTheSameScriptsInIndexOrder() throws IOException {
    List<Migration> fromClasspath = ClasspathMigrations.load();
    assertThat(fromClasspath).extracting(Migration::fileName).containsExactlyElementsOf(indexed);
    assertThat(fromClasspath).extracting(Migration::checksum)
        .containsExactlyElementsOf(scripts().stream().map(Migration::checksum).toList());
  }

  @Test
  void everyStatementIsAnIdempotentCreateQualifiedWithTheDatabasePlaceholder() throws IOException {
    Set<String> created = new LinkedHashSet<>();
    for (Migration migration : scripts()) {
      for (String statement : SqlScript.statements(migration.script())) {
        Matcher alter = ADD_COLUMN.matcher(statement);
        Matcher drop = DROP.matcher(statement.trim());
        if (alter.matches()) {
          assertThat(created).as("%s alters a table no earlier migration created", migration.fileName())
              .contains(alter.group(1));
          continue;
        }
        if (drop.matches()) {
          assertThat(created.remove(drop.group(1))).as("%s drops %s, which does not exist", migration.fileName(),
              drop.group(1)).isTrue();
          continue;
        }
        Matcher create = IDEMPOTENT_CREATE.matcher(statement);
        assertThat(create.matches())
            .as("%s: not CREATE TABLE|VIEW|MATERIALIZED VIEW IF NOT EXISTS ${database}.<snake_case>: %s", migration.fileName(),
                statement)
            .isTrue();
        assertThat(created.add(create.group(2))).as("%s creates %s twice", migration.fileName(), create.group(2))
            .isTrue();
        Matcher reference = TABLE_REFERENCE.matcher(statement);
        while (reference.find()) {
          assertThat(reference.group(1))
              .as("%s: table reference without ${database}: %s", migration.fileName(), statement)
              .startsWith(Migration.DATABASE_PLACEHOLDER + ".");
        }
      }
    }
    Set<String> expected = new LinkedHashSet<>(EXPECTED_TABLES);
    expected.addAll(EXPECTED_VIEWS);
    expected.addAll(EXPECTED_ROLLUPS.keySet());
    expected.addAll(EXPECTED_ROLLUPS.values());
    expected.addAll(EXPECTED_ROLLUP_VIEWS);
    assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void tablesArePartitionedSortedAndVersioned() throws IOException {
    for (Migration migration : scripts()) {
      for (String statement : SqlScript.statements(migration.script())) {
        if (statement.startsWith("CREATE TABLE")) {
          // Records are versioned for deduplication; rollups only add up (SummingMergeTree, see V0005).
          assertThat(statement).as(migration.fileName())
              .containsPattern(statement.contains(".rollup_") ? "ENGINE = SummingMergeTree\\(\\)"
                  : "ENGINE = ReplacingMergeTree\\((version|revision)\\)")
              .containsPattern("PARTITION BY (toYYYYMM\\(\\w+\\)|tuple\\(\\))")
              .contains("ORDER BY (");
        }
      }
    }
  }

  @Test
  void scriptsAvoidConstructsOldOrNewServersReject() throws IOException {
    for (Migration migration : scripts()) {
      // Comments are stripped first: they explain why these constructs are avoided.
      String code = String.join(";\n", SqlScript.statements(migration.script()));
      assertThat(violations(code)).as(migration.fileName()).isEmpty();
    }
  }

  @Test
  void forbiddenConstructScanCatchesEachConstruct() {
    assertThat(violations("CREATE TABLE t (a DateTime64(3), b UInt256, c Map(String, UInt8), d LowCardinality(String),"
        + " e Bool, INDEX i a TYPE minmax GRANULARITY 1) ENGINE = MergeTree ORDER BY a TTL a + 1"))
        .containsExactlyInAnyOrder("DateTime64", "Int128/Int256/UInt256", "Map type", "LowCardinality", "Bool type",
            "skipping index", "TTL");
    assertThat(violations("ALTER TABLE t ADD COLUMN IF NOT EXISTS x String CODEC(ZSTD)"))
        .containsExactlyInAnyOrder("ADD COLUMN IF NOT EXISTS", "CODEC");
    assertThat(violations("WITH x AS (SELECT 1) SELECT toStartOfInterval(t, INTERVAL 1 hour), sum(a) OVER (ORDER BY t)"))
        .containsExactlyInAnyOrder("CTE", "toStartOfInterval", "window function");
    assertThat(violations("SELECT toDecimal128(amount, 0) FROM t FINAL")).isEmpty();
  }

  private static List<String> violations(String code) {
    List<String> found = new ArrayList<>();
    FORBIDDEN.forEach((name, pattern) -> {
      if (pattern.matcher(code).find()) {
        found.add(name);
      }
    });
    return found;
  }

  private static List<Migration> scripts() throws IOException {
    List<Migration> migrations = new ArrayList<>();
    for (String name : indexed) {
      migrations.add(Migration.of(name, Files.readString(directory.resolve(name), StandardCharsets.UTF_8)));
    }
    return migrations;
  }

  private static Map.Entry<String, Pattern> forbid(String name, String regex) {
    return Map.entry(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }
}
