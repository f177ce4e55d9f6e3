package io.ledgermind.clickhouse.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbered migration script, e.g. {@code V0001__raw_events.sql}: version 1, description {@code raw_events}.
 *
 * <p>The checksum is the SHA-256 (hex) of the script text with line endings normalized to {@code \n}, so a checkout
 * with CRLF line endings does not look edited. Table names in the script are written {@code ${database}.name};
 * {@link #statements(String)} substitutes the target database.
 *
 * @param version from the file name; unique and increasing in the index
 * @param description the file name's part after {@code __}, without {@code .sql}
 * @param fileName the file name as listed in {@code index.txt}
 * @param script the file's text
 */
public record Migration(int version, String description, String fileName, String script) {
  /** The placeholder every table name in a script is qualified with. */
  public static final String DATABASE_PLACEHOLDER = "${database}";

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_]+)\\.sql");

  public Migration {
    if (version <= 0) {
      throw new IllegalArgumentException("migration version must be positive: " + fileName);
    }
  }

  /** Reads version and description from a file name {@code V<digits>__<description>.sql}. */
  public static Migration of(String fileName, String script) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "migration file name must look like V0001__description.sql ([A-Za-z0-9_] only), got: " + fileName);
    }
    return new Migration(Integer.parseInt(m.group(1)), m.group(2), fileName, script);
  }

  /** SHA-256 of the script, hex, line endings normalized. */
  public String checksum() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] text = script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(sha256.digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The script's statements for {@code database} (already validated), comments removed. */
  public List<String> statements(String database) {
    List<String> statements = new ArrayList<>();
    for (String statement : SqlScript.statements(script)) {
      String resolved = statement.replace(DATABASE_PLACEHOLDER, database);
      if (resolved.contains("${")) {
        throw new MigrationException(version, "migration " + fileName + " has a placeholder other than "
            + DATABASE_PLACEHOLDER + ": " + statement, null);
      }
      statements.add(resolved);
    }
    return statements;
  }

  /** {@code V0001 raw_events}: how the CLI and the logs name a migration. */
  public String label() {
    return String.format("V%04d %s", version, description);
  }
}
