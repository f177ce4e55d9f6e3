package io.ledgermind.testing;

import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the services of one running stack answer. Read from the env file that {@code ledgermind stack up} writes
 * (see {@link StackConfig}), or filled in by {@link DockerStack} when Testcontainers started the services.
 *
 * @param origin human-readable description of where these endpoints came from (for error messages)
 * @param kafkaBootstrap Kafka bootstrap servers, {@code host:port}
 * @param kafka how tests reach Kafka: the stack's admin credentials when it runs with authentication (tests create
 *     topics, users and ACLs of their own), else plaintext
 * @param clickHouseUrl ClickHouse HTTP interface, e.g. {@code http://127.0.0.1:18123}
 * @param clickHouseUser ClickHouse user ({@code default} on the local stack)
 * @param clickHousePassword ClickHouse password (empty on the local stack)
 * @param ethRpcUrl JSON-RPC endpoint of the EVM dev chain (anvil)
 * @param chainId EIP-155 chain id of that chain
 * @param devMnemonic BIP-39 mnemonic of the chain's funded dev accounts (public test mnemonic, never a real key)
 * @param solcjs path of solcjs ({@code solc.js}) installed with the stack, if known
 */
public record StackEndpoints(
    String origin,
    String kafkaBootstrap,
    KafkaClientConfig kafka,
    String clickHouseUrl,
    String clickHouseUser,
    String clickHousePassword,
    String ethRpcUrl,
    long chainId,
    String devMnemonic,
    Optional<Path> solcjs) {

  /** The mnemonic anvil uses by default; its accounts are publicly known dev accounts. */
  public static final String ANVIL_DEFAULT_MNEMONIC =
      "test test test test test test test test test test test junk";

  @Override
  public String toString() {
    // The mnemonic is left out on purpose: key material never goes to logs, even a public test one.
    return "StackEndpoints[origin=" + origin + ", kafka=" + kafkaBootstrap + ", clickhouse=" + clickHouseUrl
        + ", eth=" + ethRpcUrl + ", chainId=" + chainId + "]";
  }
}
