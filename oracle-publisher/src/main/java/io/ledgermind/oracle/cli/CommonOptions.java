package io.ledgermind.oracle.cli;

import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.kafka.OracleTopics;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by signer, transmit and status. */
final class CommonOptions {
  @Option(names = "--deployment", paramLabel = "FILE",
      description = "Deployment file written by deploy (default: .stack/oracle-deployment.json).")
  Path deployment;

  @Option(names = "--rpc-url", description = "JSON-RPC endpoint (default: LEDGERMIND_ETH_RPC_URL of the local stack).")
  String rpcUrl;

  @Option(names = "--bootstrap-server", description = "Kafka (default: LEDGERMIND_KAFKA_BOOTSTRAP of the local stack).")
  String bootstrap;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, sasl.*, ssl.*, bootstrap.servers), as for"
          + " kafka-console-consumer --consumer.config (default: this role's credentials of the local stack).")
  Path kafkaConfig;

  @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every topic name.")
  String topicPrefix;

  OracleDeployment deployment(StackDefaults stack) throws IOException {
    return OracleDeployment.read(deployment != null ? deployment : stack.defaultDeployment());
  }

  String rpc(StackDefaults stack) {
    return StackDefaults.require("--rpc-url", rpcUrl, stack.get("LEDGERMIND_ETH_RPC_URL"));
  }

  /** @param role the stack principal this command acts as (signer, transmitter, quant) */
  KafkaClientConfig kafka(StackDefaults stack, String role) {
    return KafkaClientConfig.resolve(kafkaConfig, bootstrap, stack.env, role);
  }

  OracleTopics topics() {
    return topicPrefix.isEmpty() ? OracleTopics.standard() : OracleTopics.prefixed(topicPrefix);
  }
}
