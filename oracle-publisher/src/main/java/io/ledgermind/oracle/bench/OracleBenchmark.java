package io.ledgermind.oracle.bench;

import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.evm.DevAccounts;
import io.ledgermind.oracle.chain.OracleAbi;
import io.ledgermind.oracle.chain.FeedSettings;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.kafka.KafkaClients;
import io.ledgermind.oracle.kafka.OracleTopics;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.oracle.report.ReportDigest;
import io.ledgermind.oracle.signer.OracleSigner;
import io.ledgermind.oracle.signer.SignerBounds;
import io.ledgermind.oracle.signer.SignerKey;
import io.ledgermind.oracle.transmit.CrashPoints;
import io.ledgermind.oracle.transmit.FeePolicy;
import io.ledgermind.oracle.transmit.OutcomeRecorder;
import io.ledgermind.oracle.transmit.Transmitter;
import io.ledgermind.schemas.oracle.FeedRound;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.PublicationStatus;
import io.ledgermind.schemas.stack.StackEnvFile;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The oracle's figures on the local stack (anvil automine, Kafka):
 *
 * <ol>
 *   <li>gas per feed update at quorum 3-of-5 for batches of 1, 5 and 10 feeds (direct submits, fresh oracle);
 *   <li>publish latency p50/p99 at a steady request rate (default 50 reports/s over 10 feeds): Kafka request ->
 *       5 signer loops -> transmitter -> mined, measured from produce to the outcome that confirms the round.
 * </ol>
 *
 * Signers run as threads of this JVM here (in production: one process per key).
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Gas per feed at batch 1/5/10 (3-of-5) and publish latency p50/p99 at a steady report rate, on the local stack.")
public final class OracleBenchmark implements Callable<Integer> {
  @Option(names = "--rate", defaultValue = "50", description = "Reports (requests) per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seconds", defaultValue = "20", description = "Measured duration (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--feeds", defaultValue = "10", description = "Feeds the rate is spread over (default: ${DEFAULT-VALUE}).")
  int feedCount;

  public static void main(String[] args) {
    System.exit(new CommandLine(new OracleBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> stack = StackEnvFile.read(StackEnvFile.defaultPath());
    String rpc = stack.get("LEDGERMIND_ETH_RPC_URL");
    // The benchmark creates its own topics and plays every role on them: it runs as the stack's admin.
    KafkaClientConfig kafka = KafkaClientConfig.fromStack(stack, "admin");
    if (rpc == null || kafka == null) {
      System.err.println("no local stack (start it: ./ledgermind stack up)");
      return 2;
    }
    long chainId = Long.parseLong(stack.getOrDefault("LEDGERMIND_CHAIN_ID", "31337"));
    DevAccounts dev = new DevAccounts(stack.get("LEDGERMIND_ANVIL_MNEMONIC"));
    HttpService service = new HttpService(rpc);
    Web3j web3j = Web3j.build(service);
    // Leave the dev chain as found: snapshot now, revert at the end.
    String snapshot = new org.web3j.protocol.core.Request<>("evm_snapshot", List.of(), service, Snapshot.class).send()
        .getResult();
    try {
      gas(web3j, chainId, dev);
      latency(web3j, chainId, dev, rpc, kafka);
      return 0;
    } finally {
      if (snapshot != null) {
        new org.web3j.protocol.core.Request<>("evm_revert", List.of(snapshot), service, Snapshot.class).send();
      }
      web3j.shutdown();
    }
  }

  private void gas(Web3j web3j, long chainId, DevAccounts dev) throws Exception {
    List<String> feeds = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      feeds.add("GAS/" + i);
    }
    List<Credentials> signers = List.of(dev.account(1), dev.account(2), dev.account(3), dev.account(4), dev.account(5));
    ContractDeployer owner = new ContractDeployer(web3j, dev.account(7), chainId);
    OracleDeployment d = OracleDeployment.deploy(owner, chainId, new OracleDeployment.Plan(
        signers.stream().map(Credentials::getAddress).toList(), 3, 15, 8,
        OracleDeployment.Plan.same(feeds, FeedSettings.unbounded(3600)), 3600, List.of(dev.account(8).getAddress())));
    ReportDigest digests = new ReportDigest(chainId, d.oracle());
    long version = new io.ledgermind.oracle.chain.OracleChain(web3j, d.oracle()).configVersion();
    ContractDeployer sender = new ContractDeployer(web3j, dev.account(8), chainId);
    long round = 0;
    System.out.println("gas per feed update, quorum 3-of-5 (anvil, solc 0.8.37 optimizer 10000 runs):");
    for (int batch : new int[] {1, 5, 10}) {
      long total = 0;
      int runs = 5;
      for (int r = 0; r < runs; r++) {
        round++;
        long now = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp()
            .longValueExact();
        List<FeedUpdateEntry> entries = new ArrayList<>();
        for (int f = 0; f < batch; f++) {
          // One window per round, each newer than the last (the contract assigns the round ids).
          entries.add(new FeedUpdateEntry(feeds.get(f), BigInteger.valueOf(-123_456_789_012L * (f + 1) - round),
              now - 100 + round, now - 100 + round + 3600, Hash.sha256(("model" + f).getBytes()),
              Hash.sha3(("inputs" + f + ":" + round).getBytes())));
        }
        byte[] digest = digests.digest(version, entries);
        List<byte[]> sigs = signers.subList(0, 3).stream()
            .map(c -> io.ledgermind.oracle.report.ReportSignatures.sign(digest, c.getEcKeyPair())).toList();
        TransactionReceipt receipt = sender.call(d.oracle(), OracleAbi.submit(version, entries, sigs));
        total += receipt.getGasUsed().longValueExact();
      }
      long perTx = total / runs;
      System.out.printf("  batch %2d: %,7d gas per tx, %,6d gas per feed (Chronicle Scribe: ~81,000 per poke)%n", batch,
          perTx, perTx / batch);
    }
  }

  private void latency(Web3j web3j, long chainId, DevAccounts dev, String rpc, KafkaClientConfig kafka)
      throws Exception {
    String prefix = "bench-" + System.currentTimeMillis() + ".";
    OracleTopics topics = OracleTopics.prefixed(prefix);
    Properties adminProps = kafka.toProperties();
    List<String> feeds = new ArrayList<>();
    for (int i = 0; i < feedCount; i++) {
      feeds.add("BENCH/" + i);
    }
    List<SignerKey> keys = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      keys.add(SignerKey.fromHex(Numeric.toHexStringWithPrefixZeroPadded(dev.account(i).getEcKeyPair().getPrivateKey(),
          64)));
    }
    OracleDeployment d = OracleDeployment.deploy(new ContractDeployer(web3j, dev.account(7), chainId), chainId,
        new OracleDeployment.Plan(keys.stream().map(SignerKey::address).toList(), 3, 15, 8,
            OracleDeployment.Plan.same(feeds, FeedSettings.unbounded(3600)), 3600,
            List.of(dev.account(9).getAddress())));
    java.nio.file.Path journals = java.nio.file.Files.createTempDirectory("ledgermind-bench-journals");
    List<Thread> threads = new ArrayList<>();
    List<OracleSigner> signers = new ArrayList<>();
    Transmitter transmitter;
    Map<String, Long> producedAt = new ConcurrentHashMap<>();
    List<Long> latenciesMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong confirmedRounds = new AtomicLong();
    try (Admin admin = Admin.create(adminProps)) {
      admin.createTopics(List.of(new NewTopic(topics.requests(), 3, (short) 1), new NewTopic(topics.reports(), 3, (short) 1),
          new NewTopic(topics.signatures(), 3, (short) 1), new NewTopic(topics.outcomes(), 1, (short) 1),
          new NewTopic(topics.deadLetters(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      for (SignerKey key : keys) {
        // The benchmark publishes many rounds per feed per second: its bounds are wide on purpose.
        OracleSigner s = new OracleSigner(new OracleSigner.Config(kafka, topics, chainId, d.oracle(), rpc,
            Duration.ofSeconds(10), journals.resolve(key.address() + ".journal")), key,
            SignerBounds.builder(new HashSet<>(feeds)).deviationFloor(BigInteger.TEN.pow(9))
                .maxRoundsPerHour(1_000_000).maxSignaturesPerSecond(500).build());
        signers.add(s);
        threads.add(start(s, "signer-" + key.address()));
      }
      Transmitter.Config config = new Transmitter.Config(kafka, topics, prefix + "transmitter", chainId, d.oracle(), 0,
          Duration.ofHours(1), 10, Duration.ofMillis(20), Duration.ofSeconds(5), 3, FeePolicy.localDefaults(),
          Duration.ofMillis(2), Duration.ofSeconds(60));
      Web3j txWeb3j = Web3j.build(new HttpService(rpc));
      transmitter = new Transmitter(config, txWeb3j, dev.account(9), OutcomeRecorder.Factory.of(topics.outcomes(), null,
          null), CrashPoints.none());
      transmitter.onOutcome(o -> {
        if (o.getStatus() != PublicationStatus.CONFIRMED) {
          return;
        }
        long now = System.nanoTime();
        for (FeedRound r : o.getRounds()) {
          if (!"PUBLISHED".equals(r.getOutcome())) {
            continue;
          }
          Long at = producedAt.remove(r.getRequestId());
          if (at != null) {
            latenciesMicros.add((now - at) / 1_000);
            confirmedRounds.incrementAndGet();
          }
        }
      });
      threads.add(start(transmitter, "transmitter"));
      Thread.sleep(2_000); // consumers assigned, first fetches done

      long chainNow = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
          .getTimestamp().longValueExact();
      try (KafkaProducer<String, SpecificRecord> producer = KafkaClients.producer(kafka, prefix + "load")) {
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
          long due = start + i * intervalNanos;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          String feed = feeds.get((int) (i % feeds.size()));
          long round = i / feeds.size() + 1;
          OracleRequest request = OracleRequest.newBuilder().setRequestId(feed + ":" + round).setFeedId(feed)
              .setRoundId(Long.toString(round)).setAnswer(Long.toString(1_000_000_000L + i)).setDecimals(8)
              // One window per request of a feed: a second apart, starting a minute back on the chain's clock.
              .setObservedAt(Instant.ofEpochSecond(chainNow - 60 + round))
              .setTargetTime(Instant.ofEpochSecond(chainNow - 60 + round + 3600))
              .setModelHash(Numeric.toHexString(Hash.sha256(feed.getBytes())))
              .setInputsCommitment(Numeric.toHexString(Hash.sha3((feed + round).getBytes())))
              .setSourceId("benchmark").setCreatedAt(Instant.now()).build();
          producedAt.put(feed + ":" + round, System.nanoTime());
          producer.send(new ProducerRecord<>(topics.requests(), feed, request));
        }
        producer.flush();
      }
      Thread.sleep(3_000);
      long requests = (long) rate * seconds;
      long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("publish latency at %d reports/s over %d feeds for %d s (anvil automine, 5 signers, quorum 3):%n",
          rate, feedCount, seconds);
      System.out.printf("  %d requests, %d rounds published (%d superseded by a newer round of the same feed before"
          + " publication), %d transactions%n", requests, confirmedRounds.get(), requests - confirmedRounds.get(),
          transmitter.confirmed());
      if (sorted.length > 0) {
        System.out.printf("  request produced -> round mined: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0, sorted[sorted.length - 1] / 1000.0);
        System.out.printf("  feeds per transaction: %.1f on average%n",
            (double) confirmedRounds.get() / Math.max(1, transmitter.confirmed()));
      }
      signers.forEach(OracleSigner::stop);
      transmitter.stop();
      for (Thread t : threads) {
        t.join(10_000);
      }
      txWeb3j.shutdown();
      admin.deleteTopics(List.of(topics.requests(), topics.reports(), topics.signatures(), topics.outcomes(),
          topics.deadLetters())).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** JSON-RPC response with a string result. */
  public static final class Snapshot extends org.web3j.protocol.core.Response<String> {}

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static Thread start(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

}
