package io.ledgermind.cli;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.evm.DevAccounts;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.oracle.chain.FeedSettings;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.kafka.OracleTopics;
import io.ledgermind.oracle.transmit.CrashPoints;
import io.ledgermind.oracle.transmit.FeePolicy;
import io.ledgermind.oracle.transmit.OutcomeRecorder;
import io.ledgermind.oracle.transmit.Transmitter;
import io.ledgermind.schemas.oracle.FeedRound;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.PublicationOutcome;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The last step of {@code ledgermind run}: the run's oracle requests go on-chain. Deploys the oracle (or reuses the
 * live deployment of the deployment file, registering feeds it lacks), starts the signer processes, runs the
 * transmitter in this process until every request of the run has an outcome, then stops exactly what it started.
 *
 * <p>The signers are separate JVMs ({@code ledgermind oracle signer --dev-account N}): each derives its own key from
 * the local stack's dev mnemonic, so no key crosses a process boundary, a command line or a log.
 */
final class OraclePublication {
  static final int SIGNERS = 5;
  static final int QUORUM = 3;
  /** Dev account that deploys and transmits (the signers are 1..5). */
  static final int OWNER_ACCOUNT = 0;
  /** How long the consumer contracts accept an answer (the freshness bound a consumer of these feeds applies). */
  static final long CONSUMER_MAX_AGE_SECONDS = 7_200;

  private final StackEnv env;
  private final Path deploymentFile;
  private final String topicPrefix;
  private final String database;
  private final PrintStream out;

  OraclePublication(StackEnv env, Path deploymentFile, String topicPrefix, String database, PrintStream out) {
    this.env = env;
    this.deploymentFile = deploymentFile;
    this.topicPrefix = topicPrefix;
    this.database = database;
    this.out = out;
  }

  /** What the chain holds for one feed after the run, read through its proxy and its consumer contract. */
  record FeedRow(String feed, String outcome, FeedReadback.Reading reading, String txHash, Long gasUsed) {}

  /** What publication did: one row per feed of the run, and each request's outcome. */
  record Result(OracleDeployment deployment, List<FeedRow> feeds, Map<String, String> outcomeByRequest,
      int requests) {
    boolean complete() {
      return outcomeByRequest.size() == requests;
    }

    long published() {
      return outcomeByRequest.values().stream().filter("PUBLISHED"::equals).count();
    }
  }

  /**
   * Publishes {@code requests} (this run's, in topic order) whose first offsets per partition are {@code start}.
   *
   * @param timeout how long to wait for every request's outcome
   */
  Result publish(List<OracleRequest> requests, Map<TopicPartition, Long> start, Duration timeout) throws Exception {
    OracleTopics topics = topicPrefix.isEmpty() ? OracleTopics.standard() : OracleTopics.prefixed(topicPrefix);
    Web3j web3j = Web3j.build(new HttpService(env.ethRpcUrl()));
    List<SignerProcesses.Handle> signers = List.of();
    Transmitter transmitter = null;
    Thread transmitterThread = null;
    ClickHouseHttpClient clickHouse;
    try {
      DevAccounts dev = new DevAccounts(env.require("LEDGERMIND_ANVIL_MNEMONIC"));
      OracleDeployment deployment = deployOrReuse(web3j, dev, feedsOf(requests));
      Map<TopicPartition, Long> signaturesFrom = TopicRange.endOffsets(env.kafka("admin"), topics.signatures());
      signers = new SignerProcesses(env.file(), deploymentFile, topicPrefix, Ledgermind.home().resolve(".stack/logs"))
          .start(SIGNERS);
      out.printf("      %d signer processes (quorum %d) started: pids %s; logs in .stack/logs/oracle-signer-*.log%n",
          signers.size(), QUORUM, signers.stream().map(h -> Long.toString(h.pid())).toList());

      String group = "ledgermind-oracle-transmitter-" + deployment.oracle().toLowerCase();
      positionTransmitter(group, start);
      clickHouse = ClickHouseHttpClient.builder().url(env.clickHouseUrl())
          .user(env.get("LEDGERMIND_CLICKHOUSE_USER", "default"))
          .password(env.get("LEDGERMIND_CLICKHOUSE_PASSWORD", "")).build();
      Transmitter.Config config = new Transmitter.Config(env.kafka("transmitter"), topics, group, deployment.chainId(),
          deployment.oracle(), 50, Duration.ofHours(1), 10, Duration.ofMillis(500), Duration.ofSeconds(20), 3,
          FeePolicy.localDefaults(), Duration.ofMillis(10), Duration.ofMinutes(1));
      transmitter = new Transmitter(config, web3j, dev.account(OWNER_ACCOUNT),
          OutcomeRecorder.Factory.of(topics.outcomes(), clickHouse, database), CrashPoints.none());
      Map<String, String> outcomeByRequest = new ConcurrentHashMap<>();
      Map<String, PublicationOutcome> publishedBy = new ConcurrentHashMap<>();
      Map<String, String> mine = new LinkedHashMap<>();
      requests.forEach(r -> mine.put(r.getRequestId(), r.getFeedId()));
      transmitter.onOutcome(o -> {
        for (FeedRound r : o.getRounds()) {
          if (r.getRequestId() != null && mine.containsKey(r.getRequestId()) && r.getOutcome() != null) {
            outcomeByRequest.put(r.getRequestId(), r.getOutcome());
            if ("PUBLISHED".equals(r.getOutcome()) || "ALREADY_PUBLISHED".equals(r.getOutcome())) {
              publishedBy.put(r.getFeedId(), o);
            }
          }
        }
      });
      transmitterThread = new Thread(transmitter, "oracle-transmitter");
      transmitterThread.setDaemon(true);
      transmitterThread.start();
      awaitOutcomes(outcomeByRequest, mine.size(), timeout, transmitter, transmitterThread);

      List<FeedRow> rows = new ArrayList<>();
      FeedReadback readback = new FeedReadback(web3j, deployment);
      for (String feed : new TreeMap<>(feedsOf(requests)).keySet()) {
        PublicationOutcome o = publishedBy.get(feed);
        // What became of the run's newest request of the feed (its older windows are superseded by it).
        String outcome = requests.stream().filter(r -> r.getFeedId().equals(feed))
            .max(java.util.Comparator.comparing(OracleRequest::getObservedAt))
            .map(r -> outcomeByRequest.getOrDefault(r.getRequestId(), "NO OUTCOME")).orElse("NO OUTCOME");
        rows.add(new FeedRow(feed, outcome, readback.read(feed), o == null ? null : o.getTxHash(),
            o == null ? null : o.getGasUsed()));
      }
      int rounds = OracleRoundsOfRun.ingest(env, web3j, deploymentFile, topicPrefix, clickHouse, database);
      int signatures = OracleRoundsOfRun.loadSignatures(env.kafka("admin"), signaturesFrom, clickHouse, database);
      out.printf("      EVM reader followed oracle %s to the head: %d rounds to %sledgermind.raw.oracle-rounds and"
          + " ClickHouse %s.raw_oracle_rounds; %d signatures to %s.oracle_signatures%n", deployment.oracle(), rounds,
          topicPrefix, database, signatures, database);
      return new Result(deployment, rows, Map.copyOf(outcomeByRequest), mine.size());
    } finally {
      if (transmitter != null) {
        transmitter.stop();
        transmitterThread.join(15_000);
      }
      SignerProcesses.stop(signers);
      web3j.shutdown();
    }
  }

  /**
   * Waits until every request of the run has its outcome and the transmitter has nothing left pending (a request of
   * the run may be superseded by an earlier request for the same window, which is then what gets published).
   */
  private static void awaitOutcomes(Map<String, String> outcomes, int expected, Duration timeout,
      Transmitter transmitter, Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((outcomes.size() < expected || !transmitter.idle()) && System.nanoTime() < deadline && thread.isAlive()) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /**
   * The run's feeds as they are registered: the max observation age is two steps of the series plus an hour, so the
   * newest complete window of a bounded run (up to one step before the end of its input, itself up to an hour before
   * now) can be published, and nothing older than that. The answer range is what the quantity can be at all
   * ({@link #answerRange}): the contract skips anything outside it, whatever the signers signed.
   */
  static Map<String, FeedSettings> feedsOf(List<OracleRequest> requests) {
    Map<String, FeedSettings> feeds = new LinkedHashMap<>();
    for (OracleRequest r : requests) {
      String target = r.getFeedId().substring(r.getFeedId().lastIndexOf('/') + 1);
      long step = java.util.Arrays.stream(SeriesFamily.values()).filter(f -> f.target().equals(target))
          .map(f -> f.step().toSeconds()).findFirst().orElse(3_600L);
      BigInteger[] range = answerRange(target);
      feeds.putIfAbsent(r.getFeedId(), new FeedSettings(2 * step + 3_600, range[0], range[1]));
    }
    return feeds;
  }

  /**
   * Answer bounds per quantity, scaled by the feeds' 8 decimals: an emission share lies in [0, 1]; usage is not
   * negative and below 10^12 units a day; a stablecoin's net flow stays within +-10^12 dollars an hour (USDC's whole
   * supply was 4.5·10^10 at the end of 2024). Anything else gets the contract's widest range.
   */
  static BigInteger[] answerRange(String target) {
    BigInteger scale = BigInteger.TEN.pow(8);
    BigInteger trillion = BigInteger.TEN.pow(12).multiply(scale);
    return switch (target) {
      case "emission_share" -> new BigInteger[] {BigInteger.ZERO, scale};
      case "usage" -> new BigInteger[] {BigInteger.ZERO, trillion};
      case "net_flow" -> new BigInteger[] {trillion.negate(), trillion};
      default -> new BigInteger[] {FeedSettings.INT72_MIN, FeedSettings.INT72_MAX};
    };
  }

  private OracleDeployment deployOrReuse(Web3j web3j, DevAccounts dev, Map<String, FeedSettings> feeds)
      throws Exception {
    ContractDeployer owner = new ContractDeployer(web3j, dev.account(OWNER_ACCOUNT), env.chainId());
    OracleDeployment existing = null;
    if (java.nio.file.Files.isRegularFile(deploymentFile)) {
      OracleDeployment read = OracleDeployment.read(deploymentFile);
      if (read.liveOn(web3j)) {
        existing = read;
      } else {
        out.printf("      %s names oracle %s, which is not on this chain (restarted?) or is an older version:"
            + " deploying a new one%n",
            deploymentFile, read.oracle());
      }
    }
    OracleDeployment deployment;
    if (existing == null) {
      List<String> signers = new ArrayList<>();
      for (int i = 1; i <= SIGNERS; i++) {
        signers.add(dev.account(i).getAddress());
      }
      deployment = OracleDeployment.deploy(owner, env.chainId(),
          new OracleDeployment.Plan(signers, QUORUM, 15, 8, feeds, CONSUMER_MAX_AGE_SECONDS,
              List.of(dev.account(OWNER_ACCOUNT).getAddress())));
      out.printf("      oracle %s deployed on chain %d: %d feeds, each with an AggregatorV3 proxy and a consumer%n",
          deployment.oracle(), deployment.chainId(), deployment.proxies().size());
    } else {
      int before = existing.proxies().size();
      deployment = existing.withFeeds(owner, feeds, CONSUMER_MAX_AGE_SECONDS);
      out.printf("      oracle %s reused: %d feeds registered (%d new)%n", deployment.oracle(),
          deployment.proxies().size(), deployment.proxies().size() - before);
    }
    deployment.write(deploymentFile);
    return deployment;
  }

  /**
   * Points the transmitter's group at this run's first requests: earlier requests of the topic belong to earlier
   * runs (and their windows to earlier rounds).
   */
  private void positionTransmitter(String group, Map<TopicPartition, Long> start) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    start.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    try (Admin admin = Admin.create(env.kafka("admin").toProperties())) {
      admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
    }
  }
}
