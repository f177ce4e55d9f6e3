package io.ledgermind.clickhouse.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {
  @Test
  void readsVersionAndDescriptionFromTheFileName() {
    Migration migration = Migration.of("V0012__oracle_fix.sql", "SELECT 1");
    assertThat(migration.version()).isEqualTo(12);
    assertThat(migration.description()).isEqualTo("oracle_fix");
    assertThat(migration.label()).isEqualTo("V0012 oracle_fix");
  }

  @Test
  void rejectsMalformedFileNames() {
    assertThatThrownBy(() -> Migration.of("0001_raw.sql", "")).hasMessageContaining("V0001__description.sql");
    assertThatThrownBy(() -> Migration.of("V0001__raw-events.sql", "")).hasMessageContaining("[A-Za-z0-9_]");
    assertThatThrownBy(() -> Migration.of("V0000__zero.sql", "")).hasMessageContaining("positive");
  }

  @Test
  void checksumIsSha256OfTheTextIgnoringLineEndings() {
    Migration lf = Migration.of("V0001__a.sql", "SELECT 1;\nSELECT 2;\n");
    Migration crlf = Migration.of("V0001__a.sql", "SELECT 1;\r\nSELECT 2;\r\n");
    Migration edited = Migration.of("V0001__a.sql", "SELECT 1;\nSELECT 3;\n");
    assertThat(lf.checksum()).hasSize(64).matches("[0-9a-f]+").isEqualTo(crlf.checksum());
    assertThat(edited.checksum()).isNotEqualTo(lf.checksum());
    // SHA-256("") is well known: the checksum is a plain digest of the text.
    assertThat(Migration.of("V0001__a.sql", "").checksum())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void substitutesTheDatabaseInEveryStatement() {
    Migration migration = Migration.of("V0001__a.sql",
        "CREATE TABLE IF NOT EXISTS ${database}.t (x String) ENGINE = Memory;\n"
            + "CREATE VIEW IF NOT EXISTS ${database}.v AS SELECT * FROM ${database}.t;");
    assertThat(migration.statements("lm"))
        .containsExactly("CREATE TABLE IF NOT EXISTS lm.t (x String) ENGINE = Memory",
            "CREATE VIEW IF NOT EXISTS lm.v AS SELECT * FROM lm.t");
  }

  @Test
  void rejectsUnknownPlaceholders() {
    Migration migration = Migration.of("V0003__a.sql", "CREATE TABLE ${db}.t (x String) ENGINE = Memory");
    assertThatThrownBy(() -> migration.statements("lm"))
        .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.version()).isEqualTo(3))
        .hasMessageContaining("${db}");
  }

  @Test
  void runnerRejectsInvalidDatabaseNamesAndUnorderedMigrations() {
    ClickHouseHttpClient client = ClickHouseHttpClient.builder().url("http://127.0.0.1:9").build();
    for (String bad : new String[] {"1abc", "a-b", "db; DROP TABLE x", "", "a.b"}) {
      assertThatThrownBy(() -> MigrationRunner.builder().client(client).database(bad).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[A-Za-z_][A-Za-z0-9_]*");
    }
    List<Migration> unordered = List.of(Migration.of("V0002__b.sql", ""), Migration.of("V0001__a.sql", ""));
    assertThatThrownBy(() -> MigrationRunner.builder().client(client).database("lm").migrations(unordered).build())
        .hasMessageContaining("increasing");
    assertThat(MigrationRunner.builder().client(client).database("_Ledger_2").build().database())
        .isEqualTo("_Ledger_2");
  }
}
