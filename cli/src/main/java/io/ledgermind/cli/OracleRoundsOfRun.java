package io.ledgermind.cli;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.RowBinaryWriter;
import io.ledgermind.flink.sink.clickhouse.RawTables;
import io.ledgermind.flink.sink.clickhouse.RowEncoder;
import io.ledgermind.ingest.evm.EvmReader;
import io.ledgermind.ingest.evm.EvmReaderConfig;
import io.ledgermind.ingest.evm.StepResult;
import io.ledgermind.ingest.evm.WatchedContract;
import io.ledgermind.ingest.evm.cli.EvmCommand;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.schemas.oracle.OracleSignature;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The chain read back: the EVM reader follows the oracle contract up to the head (exactly once into
 * {@code raw.oracle-rounds}, with its checkpoint), and the rounds it wrote are loaded into ClickHouse
 * {@code raw_oracle_rounds}, the table the intelligence job's raw sink writes when it runs on that topic. The
 * signers' signatures of the run go to {@code oracle_signatures} the same way, so one query can follow a value from
 * its feature window to its on-chain round (QUERIES.md, {@code value_end_to_end}).
 */
final class OracleRoundsOfRun {
  private OracleRoundsOfRun() {}

  /** @return the rounds read from the chain in this pass */
  static int ingest(StackEnv env, Web3j web3j, Path deploymentFile, String topicPrefix,
      ClickHouseHttpClient clickHouse, String database) throws Exception {
    String topic = topicPrefix + TopicCatalogue.RAW_ORACLE_ROUNDS.name();
    Map<TopicPartition, Long> before = TopicRange.endOffsets(env.kafka("admin"), topic);
    follow(env, web3j, deploymentFile, topicPrefix);
    List<OracleRoundEvent> rounds = TopicRange.read(env.kafka("admin"), before, OracleRoundEvent.class);
    RowEncoder<OracleRoundEvent> encoder = RawTables.oracleRoundEncoder();
    RowBinaryWriter rows = new RowBinaryWriter(4096);
    rounds.forEach(e -> encoder.encode(e, rows));
    if (!rounds.isEmpty()) {
      clickHouse.insert(RawTables.oracleRounds(database), rows.toByteArray());
    }
    return rounds.size();
  }

  /** Loads the signatures written to a topic since {@code from} into ClickHouse {@code oracle_signatures}. */
  static int loadSignatures(io.ledgermind.schemas.kafka.KafkaClientConfig kafka, Map<TopicPartition, Long> from, ClickHouseHttpClient clickHouse,
      String database) {
    List<OracleSignature> signatures = TopicRange.read(kafka, from, OracleSignature.class);
    RowBinaryWriter rows = new RowBinaryWriter(4096);
    for (OracleSignature s : signatures) {
      rows.writeString(s.getSignatureId()).writeString(s.getReportId()).writeString(s.getDigest())
          .writeString(s.getSigner()).writeString(s.getSignature()).writeDateTime(s.getSignedAt())
          .writeUInt64(s.getSignedAt().toEpochMilli());
    }
    if (!signatures.isEmpty()) {
      clickHouse.insert(new ClickHouseTable(database + ".oracle_signatures", List.of("signature_id", "report_id",
          "digest", "signer", "signature", "signed_at", "version")), rows.toByteArray());
    }
    return signatures.size();
  }

  private static void follow(StackEnv env, Web3j web3j, Path deploymentFile, String topicPrefix) throws Exception {
    // The reader id names the chain by its genesis hash: a restarted dev chain is another chain, and a checkpoint
    // of the old one must not be mistaken for a reorg of the new one.
    String genesis = web3j.ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false).send().getBlock()
        .getHash().substring(2, 14);
    WatchedContract oracle = EvmCommand.oracleContract(deploymentFile);
    EvmReaderConfig config = EvmReaderConfig.builder()
        .readerId(topicPrefix + "oracle-" + oracle.address() + "-" + genesis)
        .chainId(env.chainId())
        .contract(oracle)
        .confirmations(0)
        .startBlock(0)
        .routing(topicPrefix.isEmpty() ? EventRouting.catalogue() : EventRouting.withTopicNames(n -> topicPrefix + n))
        .build();
    long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    try (EvmReader reader = EvmReader.open(config, web3j, env.kafka("ingest"))) {
      while (reader.nextBlock() <= head) {
        StepResult step = reader.step(head);
        if (step.idle()) {
          break;
        }
      }
    }
  }
}
