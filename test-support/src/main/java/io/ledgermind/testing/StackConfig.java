package io.ledgermind.testing;

import io.ledgermind.schemas.stack.StackEnvFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the env file of the local stack and turns it into {@link StackEndpoints}.
 *
 * <p>Lookup order: system property {@value #ENV_FILE_PROPERTY}, environment variable {@value #ENV_FILE_VARIABLE},
 * then {@code .stack/stack.env} in the working directory or any parent (so a test run from a module folder finds the
 * stack of its checkout). Single endpoints can be overridden with system properties {@code ledgermind.kafka.bootstrap},
 * {@code ledgermind.clickhouse.url} and {@code ledgermind.eth.rpc.url}, e.g. to point tests at a remote stack.
 */
public final class StackConfig {
  public static final String ENV_FILE_PROPERTY = "ledgermind.stack.env";
  public static final String ENV_FILE_VARIABLE = "LEDGERMIND_STACK_ENV";
  static final Path DEFAULT_RELATIVE = Path.of(".stack", "stack.env");

  private StackConfig() {}

  /** The env file to use, whether or not it exists yet. */
  public static Path envFile() {
    String explicit = System.getProperty(ENV_FILE_PROPERTY, System.getenv(ENV_FILE_VARIABLE));
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(DEFAULT_RELATIVE))) {
        return d.resolve(DEFAULT_RELATIVE);
      }
    }
    return dir.resolve(DEFAULT_RELATIVE);
  }

  /** Endpoints from the env file plus system-property overrides, or empty when neither names a stack. */
  public static Optional<StackEndpoints> fromEnvFile() {
    Path file = envFile();
    Map<String, String> values = Files.isRegularFile(file) ? parse(file) : new HashMap<>();
    override(values, "LEDGERMIND_KAFKA_BOOTSTRAP", "ledgermind.kafka.bootstrap");
    override(values, "LEDGERMIND_CLICKHOUSE_URL", "ledgermind.clickhouse.url");
    override(values, "LEDGERMIND_ETH_RPC_URL", "ledgermind.eth.rpc.url");
    if (!values.containsKey("LEDGERMIND_KAFKA_BOOTSTRAP")) {
      return Optional.empty();
    }
    return Optional.of(
        new StackEndpoints(
            "env file " + file,
            require(values, "LEDGERMIND_KAFKA_BOOTSTRAP", file),
            io.ledgermind.schemas.kafka.KafkaClientConfig.fromStack(values, "admin"),
            require(values, "LEDGERMIND_CLICKHOUSE_URL", file),
            values.getOrDefault("LEDGERMIND_CLICKHOUSE_USER", "default"),
            values.getOrDefault("LEDGERMIND_CLICKHOUSE_PASSWORD", ""),
            require(values, "LEDGERMIND_ETH_RPC_URL", file),
            Long.parseLong(values.getOrDefault("LEDGERMIND_CHAIN_ID", "31337")),
            values.getOrDefault("LEDGERMIND_ANVIL_MNEMONIC", StackEndpoints.ANVIL_DEFAULT_MNEMONIC),
            Optional.ofNullable(values.get("LEDGERMIND_SOLCJS")).map(Path::of)));
  }

  /** Parses shell-style {@code KEY=VALUE} lines (the one parser of the env file, shared with the CLI). */
  static Map<String, String> parse(Path file) {
    return new HashMap<>(StackEnvFile.read(file));
  }

  private static void override(Map<String, String> values, String key, String property) {
    String value = System.getProperty(property);
    if (value != null && !value.isBlank()) {
      values.put(key, value);
    }
  }

  private static String require(Map<String, String> values, String key, Path file) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new StackUnavailableException(
          "stack env file " + file + " has no " + key + ": recreate it with ./ledgermind stack up");
    }
    return value;
  }
}
