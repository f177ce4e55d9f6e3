package io.ledgermind.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The stack that integration tests of this JVM run against, resolved once:
 *
 * <ol>
 *   <li>the local stack named by the env file or system properties ({@link StackConfig}), when it answers;
 *   <li>otherwise, when a Docker engine is available, the same services started with Testcontainers;
 *   <li>otherwise a {@link StackUnavailableException} naming the command that starts the stack.
 * </ol>
 */
public final class TestStack {
  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static StackEndpoints resolved;
  private static StackUnavailableException failure;

  private TestStack() {}

  /** Endpoints of the stack; the same instance for the whole JVM. */
  public static synchronized StackEndpoints endpoints() {
    if (resolved != null) {
      return resolved;
    }
    if (failure != null) {
      // Do not retry in every test class: the first failure says it all, and quickly.
      throw failure;
    }
    try {
      resolved = resolve(StackConfig.fromEnvFile(), DockerStack::dockerAvailable, DockerStack::start);
      return resolved;
    } catch (StackUnavailableException e) {
      failure = e;
      throw e;
    }
  }

  /** The decision, apart from its inputs so it can be tested without a stack or a Docker engine. */
  static StackEndpoints resolve(
      Optional<StackEndpoints> configured, BooleanSupplier dockerAvailable, Supplier<StackEndpoints> docker) {
    if (configured.isPresent()) {
      List<String> down = unreachable(configured.get());
      if (down.isEmpty()) {
        return configured.get();
      }
      if (!dockerAvailable.getAsBoolean()) {
        throw new StackUnavailableException(
            "the stack in " + configured.get().origin() + " does not answer (" + String.join(", ", down)
                + "). Start it with: " + StackUnavailableException.START_COMMAND);
      }
    } else if (!dockerAvailable.getAsBoolean()) {
      throw new StackUnavailableException(
          "no Ledgermind stack to test against: no env file at " + StackConfig.envFile()
              + ", no ledgermind.* system properties, and no Docker engine for Testcontainers. Start the local"
              + " stack with: " + StackUnavailableException.START_COMMAND);
    }
    return docker.get();
  }

  private static List<String> unreachable(StackEndpoints endpoints) {
    List<String> down = new ArrayList<>();
    String kafka = endpoints.kafkaBootstrap().split(",")[0];
    int colon = kafka.lastIndexOf(':');
    check(down, "Kafka " + kafka, kafka.substring(0, colon), Integer.parseInt(kafka.substring(colon + 1)));
    URI ch = URI.create(endpoints.clickHouseUrl());
    check(down, "ClickHouse " + ch, ch.getHost(), ch.getPort());
    URI eth = URI.create(endpoints.ethRpcUrl());
    check(down, "EVM node " + eth, eth.getHost(), eth.getPort());
    return down;
  }

  private static void check(List<String> down, String name, String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      down.add(name + ": " + e.getMessage());
    }
  }
}
