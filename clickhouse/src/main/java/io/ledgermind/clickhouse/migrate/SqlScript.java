package io.ledgermind.clickhouse.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements. A statement ends at a {@code ;} outside string literals, quoted
 * identifiers and comments; the last one may omit it. Comments (from {@code --} to the end of the line, and block
 * comments) are removed, so a script can explain itself freely (a {@code ;} or a quote in a comment is harmless)
 * and the server never sees them. Blank statements are dropped.
 *
 * <p>String literals follow ClickHouse: single quotes, with {@code \} escapes and {@code ''} for a quote;
 * identifiers may be quoted with backticks or double quotes.
 *
 * <pre>{@code
 * List<String> statements = SqlScript.statements("CREATE TABLE a (x String); -- note; ok\nSELECT ';'");
 * // ["CREATE TABLE a (x String)", "SELECT ';'"]
 * }</pre>
 */
public final class SqlScript {
  private SqlScript() {}

  /** The statements of {@code script}, comments removed, trimmed, in order. */
  public static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end; // keep the newline: it separates tokens
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated /* comment at offset " + i);
        }
        current.append(' ');
        i = end + 2;
      } else if (c == '\'' || c == '`' || c == '"') {
        int end = endOfQuoted(script, i);
        current.append(script, i, end);
        i = end;
      } else if (c == ';') {
        add(statements, current);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  /** Index just after the closing quote of the quoted token starting at {@code start}. */
  private static int endOfQuoted(String script, int start) {
    char quote = script.charAt(start);
    int i = start + 1;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2; // doubled quote inside the literal
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated " + quote + " quote starting at offset " + start);
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
