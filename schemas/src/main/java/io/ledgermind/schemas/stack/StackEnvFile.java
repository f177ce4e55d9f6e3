package io.ledgermind.schemas.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The endpoints contract between {@code deploy/local/stack.sh} and every tool: the file it writes. It lives in the
 * schemas module because every tool depends on this module and on nothing else in common.
 *
 * <p>The endpoints file that {@code ledgermind stack up} writes: shell-style {@code KEY=VALUE} lines
 * ({@code LEDGERMIND_CLICKHOUSE_URL=http://127.0.0.1:18123}, ...). Where it is: {@code $LEDGERMIND_STACK_DIR/stack.env}
 * when that variable is set, else {@code <ledgermind.home>/.stack/stack.env} ({@code ledgermind.home} is a system
 * property the launcher sets to the checkout; default {@code .}).
 */
public final class StackEnvFile {
  public static final String STACK_DIR_VARIABLE = "LEDGERMIND_STACK_DIR";
  public static final String HOME_PROPERTY = "ledgermind.home";

  private StackEnvFile() {}

  /** The env file of this process's environment and system properties. */
  public static Path defaultPath() {
    return path(System.getenv(STACK_DIR_VARIABLE), System.getProperty(HOME_PROPERTY, "."));
  }

  /** {@code stackDir/stack.env} when {@code stackDir} is set, else {@code home/.stack/stack.env}. */
  public static Path path(String stackDir, String home) {
    Path dir = stackDir == null || stackDir.isBlank() ? Path.of(home).resolve(".stack") : Path.of(stackDir);
    return dir.resolve("stack.env").toAbsolutePath().normalize();
  }

  /** The file's variables; empty when it does not exist. Quotes around a value are removed, comments skipped. */
  public static Map<String, String> read(Path file) {
    Map<String, String> values = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        int eq = trimmed.indexOf('=');
        if (trimmed.startsWith("#") || eq <= 0) {
          continue;
        }
        String key = trimmed.substring(0, eq).replaceFirst("^export\\s+", "").strip();
        String value = trimmed.substring(eq + 1).strip();
        if (value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(key, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stack env file " + file, e);
    }
    return values;
  }
}
