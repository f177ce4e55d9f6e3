package io.ledgermind.testing;

import java.time.Duration;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same three services as {@code deploy/local/stack.sh}, started with Testcontainers where a Docker engine exists
 * (users' machines). Started once per JVM and stopped by Testcontainers' reaper when the JVM exits.
 *
 * <p>Images are pinned to the versions the local stack runs (Kafka 4.1.1, anvil 1.x); ClickHouse runs a modern
 * release, which is what production users have.
 */
final class DockerStack {
  static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
  static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:25.8";
  static final String ANVIL_IMAGE = "ghcr.io/foundry-rs/foundry:v1.3.5";
  private static final long CHAIN_ID = 31337;

  private DockerStack() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // containers live as long as the JVM; the Ryuk reaper removes them
  static StackEndpoints start() {
    try {
      KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
      GenericContainer<?> clickHouse =
          new GenericContainer<>(CLICKHOUSE_IMAGE)
              // Without this the modern image limits the password-less default user to its own loopback.
              .withEnv("CLICKHOUSE_SKIP_USER_SETUP", "1")
              .withExposedPorts(8123)
              .waitingFor(Wait.forHttp("/ping").forPort(8123).withStartupTimeout(Duration.ofMinutes(2)));
      GenericContainer<?> anvil =
          new GenericContainer<>(ANVIL_IMAGE)
              .withCommand(
                  "anvil --host 0.0.0.0 --chain-id " + CHAIN_ID + " --prune-history 64 --silent")
              .withExposedPorts(8545)
              .waitingFor(Wait.forListeningPort());
      kafka.start();
      clickHouse.start();
      anvil.start();
      return new StackEndpoints(
          "Testcontainers (Docker)",
          kafka.getBootstrapServers(),
          io.ledgermind.schemas.kafka.KafkaClientConfig.of(kafka.getBootstrapServers()),
          "http://" + clickHouse.getHost() + ":" + clickHouse.getMappedPort(8123),
          "default",
          "",
          "http://" + anvil.getHost() + ":" + anvil.getMappedPort(8545),
          CHAIN_ID,
          StackEndpoints.ANVIL_DEFAULT_MNEMONIC,
          Optional.ofNullable(System.getenv("LEDGERMIND_SOLCJS")).map(java.nio.file.Path::of));
    } catch (RuntimeException e) {
      throw new StackUnavailableException(
          "Docker is available but the Testcontainers stack did not start: " + e.getMessage()
              + ". Start the local stack instead with: " + StackUnavailableException.START_COMMAND,
          e);
    }
  }
}
