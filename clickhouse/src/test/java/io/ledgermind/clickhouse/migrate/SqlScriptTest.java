package io.ledgermind.clickhouse.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsAtSemicolonsAndDropsComments() {
    String script = """
        -- header; with a semicolon and a quote: it's fine
        CREATE TABLE a (x String); -- trailing comment
        /* block; comment */ CREATE VIEW b AS SELECT 1
        ;
        ;
        SELECT 2
        """;
    assertThat(SqlScript.statements(script))
        .containsExactly("CREATE TABLE a (x String)", "CREATE VIEW b AS SELECT 1", "SELECT 2");
  }

  @Test
  void keepsSemicolonsAndCommentMarkersInsideQuotes() {
    String script = "SELECT 'a;b', 'it''s -- not a comment', '\\';', `we;ird`, \"x;y\"; SELECT 3";
    assertThat(SqlScript.statements(script))
        .containsExactly("SELECT 'a;b', 'it''s -- not a comment', '\\';', `we;ird`, \"x;y\"", "SELECT 3");
  }

  @Test
  void returnsNothingForOnlyComments() {
    assertThat(SqlScript.statements("-- nothing here\n/* nor here */\n")).isEmpty();
  }

  @Test
  void rejectsAnUnterminatedLiteral() {
    assertThatThrownBy(() -> SqlScript.statements("SELECT 'open"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated");
  }
}
