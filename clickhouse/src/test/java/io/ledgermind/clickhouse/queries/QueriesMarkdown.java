package io.ledgermind.clickhouse.queries;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the named queries of QUERIES.md: fenced {@code ```sql} blocks whose first line is {@code -- query: name}. */
final class QueriesMarkdown {
  private static final Pattern SQL_BLOCK = Pattern.compile("^```sql\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern NAME = Pattern.compile("-- query: ([a-z][a-z0-9_]*)\\n");

  private QueriesMarkdown() {}

  /** Name → SQL (the name line included), in document order. */
  static Map<String, String> parse(String markdown) {
    Map<String, String> queries = new LinkedHashMap<>();
    Matcher block = SQL_BLOCK.matcher(markdown);
    while (block.find()) {
      String sql = block.group(1);
      Matcher name = NAME.matcher(sql);
      if (!name.lookingAt()) {
        throw new IllegalArgumentException("sql block without a first line '-- query: <name>': " + sql);
      }
      if (queries.put(name.group(1), sql.strip()) != null) {
        throw new IllegalArgumentException("query name used twice: " + name.group(1));
      }
    }
    return queries;
  }
}
