package io.ledgermind.testing.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.guard.DefaultStackGuard.Scope;
import io.ledgermind.testing.guard.DefaultStackGuard.Snapshot;
import io.ledgermind.testing.guard.DefaultStackGuard.TableState;
import io.ledgermind.testing.guard.DefaultStackGuard.TopicState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The comparison behind the test guard: every kind of write is named, and only writes are. */
class DefaultStackGuardTest {
  private static final TopicState FORECASTS = topic("id-1", Map.of(0, 25L, 1, 146L));
  private static final List<String> RAW_COLUMNS = List.of("amount Decimal(38, 0)", "tx_hash String");
  private static final TableState RAW = new TableState("ReplacingMergeTree", 1_000, 65, RAW_COLUMNS);
  private static final TableState MIGRATIONS = new TableState("MergeTree", 5, 5, List.of("version UInt32"));
  private static final TableState VIEW = new TableState("View", -1, -1, List.of("amount Decimal(38, 0)"));

  @Test
  void sameStateHasNoChanges() {
    Snapshot state = snapshot(Map.of("ledgermind.forecasts", FORECASTS),
        tables(Map.of("raw", RAW, "schema_migrations", MIGRATIONS, "view", VIEW)));
    assertThat(DefaultStackGuard.changes(state, state)).isEmpty();
  }

  @Test
  void nothingBeforeAndNothingAfterIsUnchangedAsOnAFreshMachine() {
    Snapshot empty = snapshot(Map.of(), Optional.empty());
    assertThat(DefaultStackGuard.changes(empty, empty)).isEmpty();
  }

  @Test
  void aRecordProducedToAnExistingTopicIsNamedWithItsPartition() {
    Snapshot before = snapshot(Map.of("ledgermind.forecasts", FORECASTS), Optional.empty());
    Snapshot after = snapshot(Map.of("ledgermind.forecasts", topic("id-1", Map.of(0, 25L, 1, 147L))),
        Optional.empty());
    assertThat(DefaultStackGuard.changes(before, after))
        .containsExactly("topic ledgermind.forecasts partition 1: end offset 146 -> 147");
  }

  @Test
  void topicsCreatedDeletedOrRecreatedAreNamed() {
    Snapshot before = snapshot(Map.of("ledgermind.forecasts", FORECASTS, "ledgermind.features",
        topic("id-2", Map.of(0, 0L))), Optional.empty());
    Snapshot after = snapshot(Map.of("ledgermind.forecasts", topic("id-9", Map.of(0, 25L, 1, 146L)),
        "ledgermind.raw.depin", topic("id-3", Map.of(0, 0L))), Optional.empty());
    assertThat(DefaultStackGuard.changes(before, after)).containsExactly(
        "topic ledgermind.features: deleted (end offsets were {0=0})",
        "topic ledgermind.forecasts: deleted and created again (topic id id-1 -> id-9, end offsets {0=25, 1=146}"
            + " -> {0=25, 1=146})",
        "topic ledgermind.raw.depin: created (end offsets {0=0})");
  }

  @Test
  void aPartitionAddedToATopicIsNamed() {
    Snapshot before = snapshot(Map.of("ledgermind.forecasts", FORECASTS), Optional.empty());
    Snapshot after = snapshot(Map.of("ledgermind.forecasts", topic("id-1", Map.of(0, 25L, 1, 146L, 2, 0L))),
        Optional.empty());
    assertThat(DefaultStackGuard.changes(before, after))
        .containsExactly("topic ledgermind.forecasts partition 2: added (end offset 0)");
  }

  @Test
  void theDatabaseCreatedOrDroppedIsNamed() {
    Snapshot absent = snapshot(Map.of(), Optional.empty());
    Snapshot present = snapshot(Map.of(), tables(Map.of("schema_migrations", MIGRATIONS)));
    assertThat(DefaultStackGuard.changes(absent, present))
        .containsExactly("database ledgermind: created (tables [schema_migrations])");
    assertThat(DefaultStackGuard.changes(present, absent))
        .containsExactly("database ledgermind: dropped (tables were [schema_migrations])");
  }

  @Test
  void tablesCreatedDroppedOrWrittenAreNamed() {
    Snapshot before = snapshot(Map.of(), tables(Map.of("raw", RAW, "schema_migrations", MIGRATIONS)));
    Snapshot after = snapshot(Map.of(),
        tables(Map.of("raw", new TableState("ReplacingMergeTree", 1_010, 66, RAW_COLUMNS), "view", VIEW)));
    assertThat(DefaultStackGuard.changes(before, after)).containsExactly(
        "table ledgermind.raw: written (last insert block 65 -> 66, rows 1000 -> 1010)",
        "table ledgermind.schema_migrations: dropped (MergeTree, 5 rows)",
        "table ledgermind.view: created (View, -1 rows)");
  }

  @Test
  void aMergeThatDeduplicatesRowsIsNotAWriteButGrowthOrAPlainTableShrinkingIs() {
    Snapshot before = snapshot(Map.of(), tables(Map.of("raw", RAW, "schema_migrations", MIGRATIONS)));
    Snapshot merged = snapshot(Map.of(), tables(Map.of("raw",
        new TableState("ReplacingMergeTree", 990, 65, RAW_COLUMNS), "schema_migrations", MIGRATIONS)));
    assertThat(DefaultStackGuard.changes(before, merged)).isEmpty();

    Snapshot grown = snapshot(Map.of(), tables(Map.of("raw",
        new TableState("ReplacingMergeTree", 1_001, 65, RAW_COLUMNS), "schema_migrations", MIGRATIONS)));
    assertThat(DefaultStackGuard.changes(before, grown)).containsExactly("table ledgermind.raw: rows 1000 -> 1001");
    Snapshot deleted = snapshot(Map.of(),
        tables(Map.of("raw", RAW, "schema_migrations", new TableState("MergeTree", 4, 5, List.of("version UInt32")))));
    assertThat(DefaultStackGuard.changes(before, deleted))
        .containsExactly("table ledgermind.schema_migrations: rows 5 -> 4");
  }

  @Test
  void aTopicConfigOverriddenOrResetIsNamed() {
    Snapshot before = snapshot(Map.of("ledgermind.forecasts", FORECASTS), Optional.empty());
    Snapshot after = snapshot(Map.of("ledgermind.forecasts", new TopicState("id-1", FORECASTS.endOffsets(),
        new TreeMap<>(Map.of("retention.ms", "1000")))), Optional.empty());
    assertThat(DefaultStackGuard.changes(before, after)).containsExactly(
        "topic ledgermind.forecasts: config cleanup.policy compact,delete -> (default)",
        "topic ledgermind.forecasts: config retention.ms (default) -> 1000");
  }

  @Test
  void aColumnAddedToATableIsNamed() {
    Snapshot before = snapshot(Map.of(), tables(Map.of("raw", RAW)));
    Snapshot after = snapshot(Map.of(), tables(Map.of("raw", new TableState("ReplacingMergeTree", 1_000, 65,
        List.of("amount Decimal(38, 0)", "note Nullable(String)", "tx_hash String")))));
    assertThat(DefaultStackGuard.changes(before, after))
        .containsExactly("table ledgermind.raw: columns changed (added [note Nullable(String)], removed [])");
  }

  @Test
  void aSnapshotReadsBackAsItWasWritten() {
    Snapshot state = snapshot(Map.of("ledgermind.forecasts", FORECASTS, "ledgermind.empty",
        new TopicState("id-4", new TreeMap<>(), new TreeMap<>())),
        tables(Map.of("raw", RAW, "schema_migrations", MIGRATIONS, "view", VIEW)));
    assertThat(Snapshot.parse(state.serialize())).isEqualTo(state);
    Snapshot absent = snapshot(Map.of(), Optional.empty());
    assertThat(Snapshot.parse(absent.serialize())).isEqualTo(absent);
    assertThat(Snapshot.parse(snapshot(Map.of(), tables(Map.of())).serialize()).tables()).hasValue(new TreeMap<>());
  }

  private static TopicState topic(String id, Map<Integer, Long> offsets) {
    return new TopicState(id, new TreeMap<>(offsets), new TreeMap<>(Map.of("cleanup.policy", "compact,delete")));
  }

  private static Optional<SortedMap<String, TableState>> tables(Map<String, TableState> tables) {
    return Optional.of(new TreeMap<>(tables));
  }

  private static Snapshot snapshot(Map<String, TopicState> topics, Optional<SortedMap<String, TableState>> tables) {
    return new Snapshot(Scope.DEFAULTS, new TreeMap<>(topics), tables);
  }
}
