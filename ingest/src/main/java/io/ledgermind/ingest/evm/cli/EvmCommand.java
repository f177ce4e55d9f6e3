package io.ledgermind.ingest.evm.cli;

import io.ledgermind.ingest.chainsim.StablecoinChainDriver;
import io.ledgermind.ingest.evm.ContractKind;
import io.ledgermind.ingest.evm.EvmReader;
import io.ledgermind.ingest.evm.EvmReaderConfig;
import io.ledgermind.ingest.evm.RetryPolicy;
import io.ledgermind.ingest.evm.StepResult;
import io.ledgermind.ingest.evm.WatchedContract;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.schemas.stack.StackEnvFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledgermind ingest evm}: reads stablecoin and oracle logs from an EVM node into Kafka with reorg safety.
 * Backfills {@code --from-block..--to-block} with a progress line, or follows the chain head when no end is given.
 */
@Command(
    name = "evm",
    mixinStandardHelpOptions = true,
    description = {
      "Read logs of watched contracts (USDC/USDT semantics, Chainlink-style aggregators) from an EVM node into Kafka:"
          + " confirmation depth, reorg retractions, checkpoint committed atomically with the events.",
      "Settings come from flags, else from --config (a properties file with the same names, e.g. rpc-url=...,"
          + " contract.1=0x..:USDC:USDC:6), else from the local stack."
    })
public final class EvmCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for any option.")
  Path config;

  @Option(names = "--rpc-url", description = "JSON-RPC endpoint (default: LEDGERMIND_ETH_RPC_URL of the local stack).")
  String rpcUrl;

  @Option(names = "--chain-id", description = "EVM chain id (default: LEDGERMIND_CHAIN_ID of the local stack, else 1).")
  Long chainId;

  @Option(names = "--reader-id", description = "Stable reader name: checkpoint key and transactional id (default: evm).")
  String readerId;

  @Option(names = "--contract", paramLabel = "ADDRESS:KIND:SYMBOL:DECIMALS",
      description = "Watched contract, repeatable. KIND: USDC, USDT or CHAINLINK_AGGREGATOR.")
  List<String> contracts = new ArrayList<>();

  @Option(names = "--oracle-deployment", paramLabel = "FILE",
      description = "Also follow the Ledgermind oracle of this deployment file (e.g. .stack/oracle-deployment.json):"
          + " every published round goes to raw.oracle-rounds with its feed name, model hash and inputs commitment.")
  Path oracleDeployment;

  @Option(names = "--confirmations", description = "Blocks a block must be buried under (default: 12).")
  Integer confirmations;

  @Option(names = "--from-block", description = "First block when the reader has no checkpoint (default: 0).")
  Long fromBlock;

  @Option(names = "--to-block", description = "Stop after this block (backfill); default: follow the head.")
  Long toBlock;

  @Option(names = "--blocks-per-step", description = "Blocks per eth_getLogs range and Kafka transaction (default: 500).")
  Integer blocksPerStep;

  @Option(names = "--rps", description = "RPC requests per second at most (default: 50).")
  Double requestsPerSecond;

  @Option(names = "--bootstrap-server", description = "Kafka (default: LEDGERMIND_KAFKA_BOOTSTRAP of the local stack).")
  String bootstrap;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, sasl.*, ssl.*, bootstrap.servers) (default: the"
          + " local stack's ingest credentials).")
  java.nio.file.Path kafkaConfig;

  @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every topic name.")
  String topicPrefix;

  @Option(names = "--demo-transactions", paramLabel = "N",
      description = "Chain-backed demo: deploy USDC-like and USDT-like tokens to the (dev) chain, send N seeded"
          + " transactions, watch the two tokens and read them.")
  Integer demoTransactions;

  @Option(names = "--poll-interval-ms", defaultValue = "1000", description = "Pause when caught up (default: 1000).")
  long pollIntervalMs;

  @Override
  public Integer call() throws Exception {
    Properties file = loadConfig();
    Map<String, String> stack = StackEnvFile.read(StackEnvFile.defaultPath());
    String rpc = first(rpcUrl, file.getProperty("rpc-url"), stack.get("LEDGERMIND_ETH_RPC_URL"));
    String bootstrapServers = first(bootstrap, file.getProperty("bootstrap-server"), null);
    String configFile = first(kafkaConfig == null ? null : kafkaConfig.toString(), file.getProperty("kafka-config"), null);
    KafkaClientConfig kafka = configFile != null || bootstrapServers != null
        || stack.containsKey("LEDGERMIND_KAFKA_BOOTSTRAP")
        ? KafkaClientConfig.resolve(configFile == null ? null : java.nio.file.Path.of(configFile), bootstrapServers,
            stack, "ingest") : null;
    if (rpc == null || kafka == null) {
      System.err.println("no --rpc-url / --bootstrap-server and no local stack (start it: ./ledgermind stack up)");
      return 2;
    }
    long chain = chainId != null ? chainId
        : Long.parseLong(first(file.getProperty("chain-id"), stack.get("LEDGERMIND_CHAIN_ID"), "1"));
    Web3j web3j = Web3j.build(new HttpService(rpc,
        new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build()));
    try {
      EvmReaderConfig.Builder builder = EvmReaderConfig.builder()
          .readerId(first(readerId, file.getProperty("reader-id"), "evm"))
          .chainId(chain)
          .confirmations(confirmations != null ? confirmations
              : Integer.parseInt(first(file.getProperty("confirmations"), "12")))
          .startBlock(fromBlock != null ? fromBlock : Long.parseLong(first(file.getProperty("from-block"), "0")))
          .maxBlocksPerStep(blocksPerStep != null ? blocksPerStep
              : Integer.parseInt(first(file.getProperty("blocks-per-step"), "500")))
          .retry(new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(10),
              requestsPerSecond != null ? requestsPerSecond : Double.parseDouble(first(file.getProperty("rps"), "50"))))
          .routing(EventRouting.withTopicNames(n -> topicPrefix + n));
      for (String spec : contracts(file)) {
        builder.contract(parseContract(spec));
      }
      if (oracleDeployment != null) {
        builder.contract(oracleContract(oracleDeployment));
      }
      if (demoTransactions != null) {
        demo(web3j, chain, stack, builder);
      }
      return run(EvmReader.open(builder.build(), web3j, kafka));
    } finally {
      web3j.shutdown();
    }
  }

  private int run(EvmReader reader) throws Exception {
    try (reader) {
      long first = reader.nextBlock();
      long started = System.nanoTime();
      long events = 0;
      long retractions = 0;
      long deadLetters = 0;
      // The first step always runs, even when the range is empty (a backfill resumed at the head): it compares the
      // block hashes the reader stored with the chain, so a reorg that did not lengthen the chain still yields its
      // retractions.
      boolean firstStep = true;
      while (firstStep || toBlock == null || reader.nextBlock() <= toBlock) {
        firstStep = false;
        StepResult step = reader.step(toBlock == null ? Long.MAX_VALUE : toBlock);
        events += step.events();
        retractions += step.retractions();
        deadLetters += step.deadLetters();
        long end = toBlock != null ? toBlock : step.headBlock();
        Progress.print(first, reader.nextBlock() - 1, Math.max(end, reader.nextBlock() - 1), started, events);
        if (step.idle()) {
          if (toBlock != null && reader.nextBlock() > toBlock) {
            break; // nothing to read and nothing reorganised: the range was already read
          }
          if (toBlock != null && reader.nextBlock() > step.headBlock()) {
            System.err.printf("%nhead %d is below --to-block %d; waiting for the chain%n", step.headBlock(), toBlock);
          }
          Thread.sleep(pollIntervalMs);
        }
      }
      System.err.println();
      System.out.printf("read blocks %d..%d: %,d events, %,d retractions, %,d dead letters, %,d RPC retries%n",
          first, reader.nextBlock() - 1, events, retractions, deadLetters, reader.rpcRetries());
      return 0;
    }
  }

  private void demo(Web3j web3j, long chain, Map<String, String> stack, EvmReaderConfig.Builder builder)
      throws Exception {
    String solc = stack.get("LEDGERMIND_SOLCJS");
    String mnemonic = stack.get("LEDGERMIND_ANVIL_MNEMONIC");
    if (solc == null || mnemonic == null) {
      throw new IllegalStateException("--demo-transactions needs the local stack (solcjs, dev accounts)");
    }
    StablecoinChainDriver driver = new StablecoinChainDriver(web3j, chain, mnemonic, Path.of(solc));
    String[] tokens = driver.deploy();
    long deployedAt = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    int events = driver.drive(demoTransactions, 42).size();
    System.out.printf("demo: USDC-like %s and USDT-like %s deployed at block %d; %d operations emitted %d token"
        + " events%n", tokens[0], tokens[1], deployedAt, demoTransactions, events);
    builder.contract(new WatchedContract(tokens[0], ContractKind.USDC, "USDC", 6))
        .contract(new WatchedContract(tokens[1], ContractKind.USDT, "USDT", 6))
        .startBlock(deployedAt).confirmations(0);
    if (toBlock == null) {
      toBlock = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }
  }

  private List<String> contracts(Properties file) {
    List<String> all = new ArrayList<>(contracts);
    file.stringPropertyNames().stream().filter(k -> k.startsWith("contract.")).sorted()
        .forEach(k -> all.add(file.getProperty(k)));
    return all;
  }

  /** The oracle of a deployment file ({@code ledgermind oracle deploy} or {@code run}), with its feed names. */
  public static WatchedContract oracleContract(Path deployment) throws IOException {
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(deployment.toFile());
    List<String> feeds = new ArrayList<>();
    json.path("proxies").fieldNames().forEachRemaining(feeds::add);
    return new WatchedContract(json.path("oracle").asText(), ContractKind.LEDGERMIND_ORACLE, "ledgermind",
        json.path("decimals").asInt(8), feeds);
  }

  static WatchedContract parseContract(String spec) {
    String[] parts = spec.split(":");
    if (parts.length != 4) {
      throw new IllegalArgumentException("--contract must be ADDRESS:KIND:SYMBOL:DECIMALS, got " + spec);
    }
    return new WatchedContract(parts[0], ContractKind.valueOf(parts[1]), parts[2], Integer.parseInt(parts[3]));
  }

  private Properties loadConfig() throws IOException {
    Properties properties = new Properties();
    if (config != null) {
      try (InputStream in = Files.newInputStream(config)) {
        properties.load(in);
      }
    }
    return properties;
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
