package io.ledgermind.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.chainsim.StablecoinChainDriver;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DecodeException;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** Shared set-up of the EVM reader ITCases: isolated topics, deployed tokens, and what Kafka and the chain hold. */
final class EvmTestBed {
  final KafkaExtension kafka;
  final AnvilExtension chain;
  final EventRouting routing;
  final StablecoinChainDriver driver;
  final String prefix;
  final String usdc;
  final String usdt;
  final long deployedAt;

  EvmTestBed(KafkaExtension kafka, AnvilExtension chain) throws Exception {
    this.kafka = kafka;
    this.chain = chain;
    this.prefix = kafka.uniquePrefix();
    this.routing = EventRouting.withTopicNames(n -> prefix + n);
    for (var spec : List.of(TopicCatalogue.RAW_STABLECOIN, TopicCatalogue.RAW_BLOCKS, TopicCatalogue.INGEST_CHECKPOINTS,
        TopicCatalogue.DEAD_LETTERS)) {
      kafka.createTopicNamed(routing.topic(spec), spec == TopicCatalogue.RAW_STABLECOIN ? 3 : 1);
    }
    this.driver = new StablecoinChainDriver(chain.web3j(), chain.chainId(),
        io.ledgermind.testing.StackEndpoints.ANVIL_DEFAULT_MNEMONIC, chain.solcjs());
    String[] tokens = driver.deploy();
    this.usdc = tokens[0];
    this.usdt = tokens[1];
    this.deployedAt = chain.blockNumber().longValueExact();
  }

  EvmReaderConfig.Builder config(String readerId) {
    return EvmReaderConfig.builder().readerId(readerId).chainId(chain.chainId())
        .contract(new WatchedContract(usdc, ContractKind.USDC, "USDC", 6))
        .contract(new WatchedContract(usdt, ContractKind.USDT, "USDT", 6))
        .confirmations(0).startBlock(deployedAt).routing(routing)
        .retry(new RetryPolicy(8, Duration.ofMillis(10), Duration.ofMillis(200), 0));
  }

  /** Steps until the reader has read the current head. */
  static List<StepResult> catchUp(EvmReader reader) throws Exception {
    List<StepResult> steps = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      StepResult step = reader.step(Long.MAX_VALUE);
      steps.add(step);
      if (step.idle() && reader.nextBlock() > step.headBlock()) {
        return steps;
      }
    }
    throw new AssertionError("reader did not catch up");
  }

  /** Every committed record of the stablecoin topic, decoded (events and retractions). */
  List<SpecificRecord> stablecoinTopic(int atLeast) throws DecodeException {
    List<SpecificRecord> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(routing.topic(TopicCatalogue.RAW_STABLECOIN),
        "read_committed", atLeast, Duration.ofSeconds(30))) {
      records.add(AvroCodec.standard().decode(r.value()));
    }
    return records;
  }

  /** Event ids published minus event ids retracted: what a consumer applying retractions holds. */
  static Set<String> netEventIds(List<SpecificRecord> records) {
    Set<String> ids = new HashSet<>();
    for (SpecificRecord record : records) {
      if (record instanceof StablecoinEvent event) {
        assertThat(ids.add(event.getMeta().getEventId())).as("duplicate event %s", event.getMeta().getEventId())
            .isTrue();
      }
    }
    for (SpecificRecord record : records) {
      if (record instanceof Retraction retraction) {
        assertThat(ids.remove(retraction.getRetractedEventId())).as("retraction of an unknown event").isTrue();
      }
    }
    return ids;
  }

  /** Ids of the token logs the chain holds now, computed independently of the reader (our own eth_getLogs). */
  Set<String> canonicalEventIds() throws Exception {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(deployedAt)),
        DefaultBlockParameter.valueOf(chain.blockNumber()), List.of(usdc, usdt));
    Set<String> ids = new HashSet<>();
    for (EthLog.LogResult<?> result : chain.web3j().ethGetLogs(filter).send().getLogs()) {
      Log log = (Log) result.get();
      if (isIngested(log)) {
        ids.add(EventIds.ofLog("eip155:" + chain.chainId(), log.getBlockHash().toLowerCase(Locale.ROOT),
            log.getTransactionHash().toLowerCase(Locale.ROOT), log.getLogIndex().intValueExact()));
      }
    }
    return ids;
  }

  /** USDT's AddedBlackList is the one token event the reader deliberately skips. */
  private static boolean isIngested(Log log) {
    return !log.getTopics().get(0).equalsIgnoreCase(
        org.web3j.crypto.Hash.sha3String("AddedBlackList(address)"));
  }
}
