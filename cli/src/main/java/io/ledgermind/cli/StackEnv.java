package io.ledgermind.cli;

import io.ledgermind.schemas.stack.StackEnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The endpoints file that {@code ledgermind stack up} writes ({@code .stack/stack.env}): shell-style KEY=VALUE lines.
 * Every tool reads its endpoints from here, so one place decides the ports.
 */
public final class StackEnv {
  private final Path file;
  private final Map<String, String> values;

  private StackEnv(Path file, Map<String, String> values) {
    this.file = file;
    this.values = values;
  }

  /** {@code $LEDGERMIND_STACK_DIR/stack.env}, else {@code <home>/.stack/stack.env}. */
  public static Path defaultFile(Path home) {
    return StackEnvFile.path(System.getenv(StackEnvFile.STACK_DIR_VARIABLE), home.toString());
  }

  /** The env file of the checkout the launcher runs from (system property {@code ledgermind.home}). */
  public static StackEnv loadDefault() throws IOException {
    return load(StackEnvFile.defaultPath());
  }

  public static StackEnv load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no stack env file at " + file + ": start the stack with ./ledgermind stack up");
    }
    return new StackEnv(file, StackEnvFile.read(file));
  }

  /** The env file these values come from. */
  public Path file() {
    return file;
  }

  /** The value of {@code key}; fails naming the file and the key when it is missing. */
  public String require(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(file + " has no " + key + ": recreate it with ./ledgermind stack up");
    }
    return value;
  }

  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** Every variable of the env file. */
  public Map<String, String> values() {
    return values;
  }

  public String kafkaBootstrap() {
    return require("LEDGERMIND_KAFKA_BOOTSTRAP");
  }

  /**
   * How the component playing {@code role} reaches Kafka: the stack's credentials of that principal (admin, ingest,
   * job, signer, transmitter, quant) when the stack runs with authentication, else plaintext.
   */
  public io.ledgermind.schemas.kafka.KafkaClientConfig kafka(String role) {
    kafkaBootstrap();
    return io.ledgermind.schemas.kafka.KafkaClientConfig.fromStack(values, role);
  }

  public String clickHouseUrl() {
    return require("LEDGERMIND_CLICKHOUSE_URL");
  }

  public String ethRpcUrl() {
    return require("LEDGERMIND_ETH_RPC_URL");
  }

  public long chainId() {
    return Long.parseLong(require("LEDGERMIND_CHAIN_ID"));
  }
}
