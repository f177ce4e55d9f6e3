package io.ledgermind.oracle.transmit;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.chain.FeedSettings;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.kafka.KafkaClients;
import io.ledgermind.oracle.kafka.OracleTopics;
import io.ledgermind.oracle.signer.OracleSigner;
import io.ledgermind.oracle.signer.SignerBounds;
import io.ledgermind.oracle.signer.SignerKey;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.PublicationOutcome;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The oracle end to end inside one test JVM: contracts on anvil, five registered signers (quorum 3) of which the
 * test starts any subset as signer loops, a transmitter (startable, crashable, restartable), topics of the test
 * class's own, outcomes to Kafka and to the class's ClickHouse database.
 */
final class OracleHarness implements AutoCloseable {
  static final int SIGNERS = 5;
  static final int QUORUM = 3;
  static final int SENDER_ACCOUNT = 6;

  final AnvilExtension chain;
  final KafkaExtension kafka;
  final ClickHouseExtension clickHouse;
  final List<String> feeds;
  final String prefix;
  final OracleTopics topics;
  final OracleDeployment deployment;
  final OracleChain oracleChain;
  final List<SignerKey> signerKeys;
  final KafkaProducer<String, SpecificRecord> requestProducer;
  final List<PublicationOutcome> outcomes = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<OracleSigner> signers = new ArrayList<>();
  private final List<Transmitter> transmitters = new ArrayList<>();
  private final List<Web3j> clients = new ArrayList<>();
  private final java.nio.file.Path journals;

  OracleHarness(AnvilExtension chain, KafkaExtension kafka, ClickHouseExtension clickHouse, List<String> feeds)
      throws Exception {
    this.chain = chain;
    this.kafka = kafka;
    this.clickHouse = clickHouse;
    this.feeds = feeds;
    this.prefix = kafka.uniquePrefix(); // unique per call: take it once
    this.topics = OracleTopics.prefixed(prefix);
    kafka.createTopicNamed(topics.requests(), 3);
    kafka.createTopicNamed(topics.reports(), 3);
    kafka.createTopicNamed(topics.signatures(), 3);
    kafka.createTopicNamed(topics.outcomes(), 1);
    kafka.createTopicNamed(topics.deadLetters(), 1);
    // Signer keys: the dev accounts 1..5 (public test keys), handed over as hex like an environment variable.
    this.signerKeys = IntStream.rangeClosed(1, SIGNERS)
        .mapToObj(i -> SignerKey.fromHex(Numeric.toHexStringWithPrefixZeroPadded(
            chain.devAccount(i).getEcKeyPair().getPrivateKey(), 64)))
        .toList();
    ContractDeployer owner = new ContractDeployer(chain.web3j(), chain.devAccount(0), chain.chainId());
    this.deployment = OracleDeployment.deploy(owner, chain.chainId(), new OracleDeployment.Plan(
        signerKeys.stream().map(SignerKey::address).toList(), QUORUM, 15, 8,
        OracleDeployment.Plan.same(feeds, FeedSettings.unbounded(3600)), 3600,
        List.of(chain.devAccount(SENDER_ACCOUNT).getAddress())));
    this.journals = java.nio.file.Files.createTempDirectory("ledgermind-signer-journals");
    this.oracleChain = new OracleChain(chain.web3j(), deployment.oracle());
    this.requestProducer = KafkaClients.producer(kafka.clientConfig(), "test-requests");
    if (clickHouse != null) {
      MigrationRunner.builder().client(clickHouseClient()).database(clickHouse.database()).build().migrate();
    }
  }

  ClickHouseHttpClient clickHouseClient() {
    return ClickHouseHttpClient.builder().url(clickHouse.url()).user(clickHouse.user())
        .password(clickHouse.password()).build();
  }

  /** Starts signer loops for the given signer indexes (0-based into the five). */
  List<OracleSigner> startSigners(int... indexes) {
    return startSigners(kafka.clientConfig(), Duration.ofSeconds(10), indexes);
  }

  /** Signer loops connecting to Kafka with {@code kafkaConfig}, refusing proposals after {@code proposalWait}. */
  List<OracleSigner> startSigners(io.ledgermind.schemas.kafka.KafkaClientConfig kafkaConfig, Duration proposalWait,
      int... indexes) {
    List<OracleSigner> started = new ArrayList<>();
    for (int i : indexes) {
      // The tests publish several rounds of a feed within seconds: the hourly round limit is lifted.
      OracleSigner signer = new OracleSigner(
          new OracleSigner.Config(kafkaConfig, topics, chain.chainId(), deployment.oracle(),
              chain.rpcUrl(), proposalWait, journals.resolve("signer-" + i + ".journal")),
          signerKeys.get(i), SignerBounds.builder(new HashSet<>(feeds)).deviationFloor(BigInteger.valueOf(1_000_000_000L))
              .maxRoundsPerHour(10_000).maxSignaturesPerSecond(200).build());
      signers.add(signer);
      started.add(signer);
      start("signer-" + i, signer);
    }
    return started;
  }

  Transmitter.Config transmitterConfig(String rpcUrl, FeePolicy fees) {
    return new Transmitter.Config(kafka.clientConfig(), topics, prefix + "transmitter",
        chain.chainId(), deployment.oracle(), 0, Duration.ofHours(1), 10, Duration.ofMillis(20),
        Duration.ofSeconds(5), 3, fees, Duration.ofMillis(5), Duration.ofSeconds(60));
  }

  Transmitter startTransmitter(Transmitter.Config config, String rpcUrl, CrashPoints crash) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    clients.add(web3j);
    Credentials sender = chain.devAccount(SENDER_ACCOUNT);
    Transmitter t = new Transmitter(config, web3j, sender, OutcomeRecorder.Factory.of(topics.outcomes(),
        clickHouse == null ? null : clickHouseClient(), clickHouse == null ? null : clickHouse.database()), crash);
    t.onOutcome(outcomes::add);
    transmitters.add(t);
    start("transmitter-" + transmitters.size(), t);
    return t;
  }

  Transmitter startTransmitter(CrashPoints crash) {
    return startTransmitter(transmitterConfig(chain.rpcUrl(), FeePolicy.localDefaults()), chain.rpcUrl(), crash);
  }

  private void start(String name, Runnable r) {
    Thread t = new Thread(() -> {
      try {
        r.run();
      } catch (CrashPoints.SimulatedCrash e) {
        // the "process" died here
      }
    }, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Waits for the transmitter's thread to end (after a simulated crash). */
  void awaitDeath(Transmitter t, Duration max) throws InterruptedException {
    int index = threads.stream().map(Thread::getName).toList().indexOf("transmitter-" + (transmitters.indexOf(t) + 1));
    threads.get(index).join(max.toMillis());
  }

  /** Stops a transmitter and waits for its thread. */
  void stopTransmitter(Transmitter t) throws InterruptedException {
    t.stop();
    awaitDeath(t, Duration.ofSeconds(30));
  }

  /**
   * The request of window number {@code round} of {@code feed}: its window ends {@code round} seconds after
   * {@code observedAt}, so successive rounds of a feed are successive windows whatever time the test passes.
   */
  OracleRequest request(String feed, long round, long answer, Instant observedAt) {
    Instant window = observedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(round);
    return OracleRequest.newBuilder()
        .setRequestId(feed + ":" + round)
        .setFeedId(feed)
        .setRoundId(Long.toString(round))
        .setAnswer(Long.toString(answer))
        .setDecimals(8)
        .setObservedAt(window)
        .setTargetTime(window.plusSeconds(3600))
        .setModelHash(Numeric.toHexString(Hash.sha256(("model-" + feed).getBytes())))
        .setInputsCommitment(Numeric.toHexString(Hash.sha3((feed + round).getBytes())))
        .setSourceId("test")
        .setCreatedAt(Instant.now())
        .build();
  }

  void produce(OracleRequest... requests) {
    for (OracleRequest r : requests) {
      requestProducer.send(new ProducerRecord<>(topics.requests(), r.getFeedId(), r));
    }
    requestProducer.flush();
  }

  /** Block time of the chain head (the tests' "now": anvil's clock may run ahead of the wall clock). */
  Instant chainNow() throws IOException {
    return Instant.ofEpochSecond(chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
        .getBlock().getTimestamp().longValueExact());
  }

  Map<String, Long> latestRounds() throws IOException {
    return oracleChain.latestRounds(feeds);
  }

  static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + max + " waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Every RoundPublished event of the oracle: (feedId hex, round) in log order. */
  /** Distinct transactions that published at least one round on the oracle. */
  long publishingTransactions() throws IOException {
    var filter = new org.web3j.protocol.core.methods.request.EthFilter(DefaultBlockParameterName.EARLIEST,
        DefaultBlockParameterName.LATEST, deployment.oracle());
    filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(
        io.ledgermind.oracle.contracts.generated.LedgermindOracle.ROUNDPUBLISHED_EVENT));
    return chain.web3j().ethGetLogs(filter).send().getLogs().stream()
        .map(log -> ((org.web3j.protocol.core.methods.response.Log) log.get()).getTransactionHash()).distinct().count();
  }

  List<String> publishedRounds() throws IOException {
    var filter = new org.web3j.protocol.core.methods.request.EthFilter(DefaultBlockParameterName.EARLIEST,
        DefaultBlockParameterName.LATEST, deployment.oracle());
    filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(
        io.ledgermind.oracle.contracts.generated.LedgermindOracle.ROUNDPUBLISHED_EVENT));
    List<String> out = new ArrayList<>();
    for (var log : chain.web3j().ethGetLogs(filter).send().getLogs()) {
      var l = (org.web3j.protocol.core.methods.response.Log) log.get();
      out.add(l.getTopics().get(1) + ":" + Numeric.toBigInt(l.getTopics().get(2)));
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    signers.forEach(OracleSigner::stop);
    transmitters.forEach(Transmitter::stop);
    for (Thread t : threads) {
      t.join(10_000);
    }
    requestProducer.close();
    clients.forEach(Web3j::shutdown);
  }
}
