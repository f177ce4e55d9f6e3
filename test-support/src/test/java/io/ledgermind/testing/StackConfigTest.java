package io.ledgermind.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {
  @TempDir Path dir;
  private final String previous = System.getProperty(StackConfig.ENV_FILE_PROPERTY);

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty(StackConfig.ENV_FILE_PROPERTY);
    } else {
      System.setProperty(StackConfig.ENV_FILE_PROPERTY, previous);
    }
    System.clearProperty("ledgermind.kafka.bootstrap");
  }

  @Test
  void parsesShellStyleEnvFileWithQuotesAndComments() throws Exception {
    Path file = dir.resolve("stack.env");
    Files.writeString(file, """
        # written by stack.sh
        LEDGERMIND_KAFKA_BOOTSTRAP=127.0.0.1:19092
        export LEDGERMIND_CHAIN_ID=31337
        LEDGERMIND_ANVIL_MNEMONIC="test test junk"

        not a pair
        """);
    Map<String, String> values = StackConfig.parse(file);
    assertThat(values)
        .containsEntry("LEDGERMIND_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
        .containsEntry("LEDGERMIND_CHAIN_ID", "31337")
        .containsEntry("LEDGERMIND_ANVIL_MNEMONIC", "test test junk")
        .hasSize(3);
  }

  @Test
  void readsEndpointsFromFileNamedBySystemPropertyAndAppliesOverrides() throws Exception {
    Path file = dir.resolve("custom.env");
    Files.writeString(file, """
        LEDGERMIND_KAFKA_BOOTSTRAP=127.0.0.1:19092
        LEDGERMIND_CLICKHOUSE_URL=http://127.0.0.1:18123
        LEDGERMIND_ETH_RPC_URL=http://127.0.0.1:18545
        LEDGERMIND_CHAIN_ID=31337
        LEDGERMIND_SOLCJS=/opt/solc.js
        """);
    System.setProperty(StackConfig.ENV_FILE_PROPERTY, file.toString());
    System.setProperty("ledgermind.kafka.bootstrap", "10.1.2.3:9092");

    StackEndpoints endpoints = StackConfig.fromEnvFile().orElseThrow();

    assertThat(endpoints.kafkaBootstrap()).isEqualTo("10.1.2.3:9092");
    assertThat(endpoints.clickHouseUrl()).isEqualTo("http://127.0.0.1:18123");
    assertThat(endpoints.clickHouseUser()).isEqualTo("default");
    assertThat(endpoints.chainId()).isEqualTo(31337);
    assertThat(endpoints.devMnemonic()).isEqualTo(StackEndpoints.ANVIL_DEFAULT_MNEMONIC);
    assertThat(endpoints.solcjs()).contains(Path.of("/opt/solc.js"));
    assertThat(endpoints.toString()).doesNotContain("junk");
  }

  @Test
  void reportsNoStackWhenNeitherFileNorPropertiesExist() {
    System.setProperty(StackConfig.ENV_FILE_PROPERTY, dir.resolve("missing.env").toString());
    assertThat(StackConfig.fromEnvFile()).isEmpty();
  }
}
