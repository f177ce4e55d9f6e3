package io.ledgermind.clickhouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueriesMarkdownTest {
  @Test
  void readsNamedSqlBlocksInOrderAndIgnoresOtherFences() {
    String markdown = "# T\n```sql\n-- query: b_first\nSELECT 1\n```\ntext\n```bash\nls\n```\n"
        + "```sql\n-- query: a_second\nSELECT\n    2\n```\n";
    assertThat(QueriesMarkdown.parse(markdown))
        .containsExactly(java.util.Map.entry("b_first", "-- query: b_first\nSELECT 1"),
            java.util.Map.entry("a_second", "-- query: a_second\nSELECT\n    2"));
  }

  @Test
  void refusesUnnamedAndDuplicateQueries() {
    assertThatThrownBy(() -> QueriesMarkdown.parse("```sql\nSELECT 1\n```\n"))
        .hasMessageContaining("-- query: <name>");
    assertThatThrownBy(() -> QueriesMarkdown.parse("```sql\n-- query: x\nSELECT 1\n```\n```sql\n-- query: x\n"
        + "SELECT 2\n```\n")).hasMessageContaining("used twice: x");
  }
}
