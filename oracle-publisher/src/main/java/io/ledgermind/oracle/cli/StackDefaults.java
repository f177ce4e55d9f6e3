package io.ledgermind.oracle.cli;

import io.ledgermind.schemas.stack.StackEnvFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Defaults from the local stack's env file (written by {@code ./ledgermind stack up}); empty when there is none. */
final class StackDefaults {
  final Map<String, String> env;
  final Path stackDir;

  StackDefaults() {
    Path file = StackEnvFile.defaultPath();
    this.env = Files.isRegularFile(file) ? StackEnvFile.read(file) : Map.of();
    this.stackDir = file.toAbsolutePath().getParent();
  }

  String get(String key) {
    return env.get(key);
  }

  /** The first non-null value, or a usage error naming the flag. */
  static String require(String flag, String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c;
      }
    }
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new OracleCommand()),
        "no " + flag + " given and no local stack to take it from (start it: ./ledgermind stack up)");
  }

  Path defaultDeployment() {
    return stackDir.resolve("oracle-deployment.json");
  }
}
