package io.ledgermind.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How integration tests pick their stack, and that they fail (never skip) when there is none. */
class TestStackTest {
  // Port 9 (discard) is closed on loopback: a configured stack that does not answer.
  private static final StackEndpoints DEAD = new StackEndpoints("env file /x/stack.env", "127.0.0.1:9",
      io.ledgermind.schemas.kafka.KafkaClientConfig.of("127.0.0.1:9"), "http://127.0.0.1:9", "default", "", "http://127.0.0.1:9", 31337, StackEndpoints.ANVIL_DEFAULT_MNEMONIC,
      Optional.empty());
  private static final StackEndpoints DOCKER = new StackEndpoints("Testcontainers (Docker)", "h:1",
      io.ledgermind.schemas.kafka.KafkaClientConfig.of("h:1"), "http://h:2",
      "default", "", "http://h:3", 31337, StackEndpoints.ANVIL_DEFAULT_MNEMONIC, Optional.empty());

  @Test
  void failsNamingTheStartCommandWhenNoStackAndNoDocker() {
    assertThatThrownBy(() -> TestStack.resolve(Optional.empty(), () -> false, () -> DOCKER))
        .isInstanceOf(StackUnavailableException.class)
        .hasMessageContaining("no Ledgermind stack")
        .hasMessageContaining("./ledgermind stack up");
  }

  @Test
  void failsNamingTheDeadEndpointsWhenTheConfiguredStackIsDown() {
    assertThatThrownBy(() -> TestStack.resolve(Optional.of(DEAD), () -> false, () -> DOCKER))
        .isInstanceOf(StackUnavailableException.class)
        .hasMessageContaining("does not answer")
        .hasMessageContaining("Kafka 127.0.0.1:9")
        .hasMessageContaining("./ledgermind stack up");
  }

  @Test
  void fallsBackToTestcontainersWhereDockerIsAvailable() {
    assertThat(TestStack.resolve(Optional.empty(), () -> true, () -> DOCKER)).isSameAs(DOCKER);
    assertThat(TestStack.resolve(Optional.of(DEAD), () -> true, () -> DOCKER)).isSameAs(DOCKER);
  }
}
