package io.ledgermind.oracle.transmit;

import io.ledgermind.oracle.chain.OracleAbi;
import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.kafka.KafkaClients;
import io.ledgermind.oracle.kafka.OracleTopics;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.oracle.report.ReportDigest;
import io.ledgermind.oracle.report.ReportSignatures;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.oracle.FeedRound;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.OracleSignature;
import io.ledgermind.schemas.oracle.PublicationOutcome;
import io.ledgermind.schemas.oracle.PublicationStatus;
import io.ledgermind.schemas.oracle.SignedReport;
import io.ledgermind.schemas.oracle.SignerSignature;
import io.ledgermind.schemas.serde.DeadLetters;
import io.ledgermind.schemas.serde.Decoded;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The transmitter: reads oracle requests, decides per feed whether to publish (deviation threshold or heartbeat),
 * batches feeds into one report, asks the signers to sign it (a proposal on the reports topic), gathers at least
 * quorum signatures, and sends one transaction from its one sender.
 *
 * <p>Never double-publishes: before proposing and again right before sending, it reads each feed's latest on-chain
 * round and drops what is already there (round ids derive from the window, so a replayed request carries the same
 * round). A send without receipt is UNKNOWN, and the chain, not a blind resend, decides what happened. Request offsets
 * are committed only when nothing read is still waiting, so a crash re-reads rather than loses requests.
 */
public final class Transmitter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Transmitter.class);

  /**
   * @param bootstrap Kafka bootstrap servers
   * @param topics topic names
   * @param groupId consumer group of the requests (offsets) and signatures
   * @param chainId chain id (EIP-712 domain, transactions)
   * @param oracle oracle address
   * @param deviationBps publish when the answer moved at least this much (basis points) from the on-chain answer
   * @param heartbeat publish anyway when the on-chain answer is at least this old
   * @param maxBatch feeds per report
   * @param linger how long requests wait to be batched with others
   * @param signatureTimeout how long a proposal waits for quorum
   * @param maxProposals proposals per batch before it is skipped
   * @param fees EIP-1559 policy
   * @param receiptPoll receipt polling interval
   * @param rpcTolerance how long the node may be unreachable before the loop gives up an operation
   */
  public record Config(String bootstrap, OracleTopics topics, String groupId, long chainId, String oracle,
      long deviationBps, Duration heartbeat, int maxBatch, Duration linger, Duration signatureTimeout,
      int maxProposals, FeePolicy fees, Duration receiptPoll, Duration rpcTolerance) {}

  private record PendingEntry(FeedUpdateEntry entry, int proposals) {}

  private final Config config;
  private final Web3j web3j;
  private final OracleChain chain;
  private final TxSender sender;
  private final ReportDigest digests;
  private final RpcRetry rpc;
  private final OutcomeRecorder.Factory recorderFactory;
  private final CrashPoints crash;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong confirmed = new AtomicLong();
  private final Map<String, PendingEntry> pending = new LinkedHashMap<>();
  private final Map<String, Map<String, byte[]>> signaturesByDigest = new HashMap<>();
  private final Map<String, OracleChain.RoundData> lastOnChain = new HashMap<>();
  private volatile Consumer<PublicationOutcome> outcomeListener = o -> {};
  private Set<String> signerSet = Set.of();
  private int quorum;
  private long firstPendingNanos;
  private KafkaConsumer<String, Decoded> requests;
  private KafkaConsumer<String, Decoded> signatures;
  private KafkaProducer<String, SpecificRecord> producer;
  private OutcomeRecorder recorder;

  public Transmitter(Config config, Web3j web3j, org.web3j.crypto.Credentials senderKey,
      OutcomeRecorder.Factory recorderFactory, CrashPoints crash) {
    this.config = config;
    this.web3j = web3j;
    this.chain = new OracleChain(web3j, config.oracle());
    this.rpc = new RpcRetry(config.rpcTolerance());
    this.sender = new TxSender(web3j, senderKey, config.chainId(), config.fees(), config.receiptPoll(), rpc, crash);
    this.digests = new ReportDigest(config.chainId(), config.oracle());
    this.recorderFactory = recorderFactory;
    this.crash = crash;
  }

  public void stop() {
    running.set(false);
  }

  /** Reports confirmed on-chain by this instance. */
  public long confirmed() {
    return confirmed.get();
  }

  /** Called with each recorded outcome (benchmarks, tests). */
  public void onOutcome(Consumer<PublicationOutcome> listener) {
    this.outcomeListener = listener;
  }

  @Override
  public void run() {
    try {
      requests = KafkaClients.assignedConsumer(config.bootstrap(), config.groupId(), false,
          List.of(config.topics().requests()));
      signatures = KafkaClients.assignedConsumer(config.bootstrap(), config.groupId() + "-signatures", true,
          List.of(config.topics().signatures()));
      producer = KafkaClients.producer(config.bootstrap(), config.groupId());
      recorder = recorderFactory.create(producer);
      start();
      while (running.get()) {
        for (ConsumerRecord<String, Decoded> record : requests.poll(Duration.ofMillis(10))) {
          accept(record);
        }
        drainSignatures(Duration.ZERO);
        if (!pending.isEmpty() && (pending.size() >= config.maxBatch()
            || System.nanoTime() - firstPendingNanos >= config.linger().toNanos())) {
          cycle();
        }
      }
    } catch (IOException e) {
      LOG.error("transmitter stopped: {}", e.toString());
      throw new java.io.UncheckedIOException(e);
    } finally {
      closeQuietly(requests);
      closeQuietly(signatures);
      closeQuietly(producer);
    }
  }

  private void start() throws IOException {
    signerSet = new HashSet<>(rpc.call("signers", chain::signers));
    quorum = rpc.call("quorum", chain::quorum);
    // A transaction sent right before a crash is still the previous instance's: let it land before reconciling.
    if (!sender.awaitNoInFlight(config.fees().giveUpAfter())) {
      LOG.error("ALERT transactions of {} still in flight at start; their rounds will be reconciled from the chain",
          sender.address());
    }
    LOG.info("transmitter started: sender {}, oracle {} on chain {}, quorum {} of {}", sender.address(),
        config.oracle(), config.chainId(), quorum, signerSet.size());
  }

  private void accept(ConsumerRecord<String, Decoded> record) {
    Decoded decoded = record.value();
    if (!decoded.isSuccess() || !(decoded.record() instanceof OracleRequest request)) {
      String reason = decoded.isSuccess() ? "not an OracleRequest" : decoded.failure().getMessage();
      LOG.warn("transmitter: dead letter for {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          reason);
      if (!decoded.isSuccess()) {
        producer.send(new ProducerRecord<>(config.topics().deadLetters(), record.key(),
            DeadLetters.of(decoded.failure(), record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), decoded.original(),
                "oracle-transmitter", Instant.now())));
      }
      return;
    }
    FeedUpdateEntry entry;
    try {
      entry = FeedUpdateEntry.of(request);
    } catch (IllegalArgumentException e) {
      LOG.warn("transmitter: request {} cannot be published: {}", request.getRequestId(), e.getMessage());
      return;
    }
    if (pending.isEmpty()) {
      firstPendingNanos = System.nanoTime();
    }
    // The latest round of a feed supersedes older pending rounds (Chainlink semantics: the newest value wins).
    pending.merge(entry.feedName(), new PendingEntry(entry, 0),
        (old, neu) -> neu.entry().roundId() > old.entry().roundId() ? neu : old);
  }

  private void cycle() throws IOException {
    List<String> feeds = new ArrayList<>(pending.keySet());
    Map<String, Long> onChain = rpc.call("latestRounds", () -> chain.latestRounds(feeds));
    List<PendingEntry> candidates = new ArrayList<>();
    for (String feed : feeds) {
      PendingEntry p = pending.get(feed);
      long latest = onChain.getOrDefault(feed, 0L);
      if (p.entry().roundId() <= latest) {
        LOG.info("reconciled: {} round {} is already on chain (latest {}); not publishing it again", feed,
            p.entry().roundId(), latest);
        pending.remove(feed);
      } else if (!shouldPublish(p.entry())) {
        LOG.debug("{} round {} within deviation and heartbeat: not published", feed, p.entry().roundId());
        pending.remove(feed);
      } else {
        candidates.add(p);
      }
    }
    candidates.sort(Comparator.comparing(p -> p.entry().feedName()));
    for (int i = 0; i < candidates.size() && running.get(); i += config.maxBatch()) {
      publish(candidates.subList(i, Math.min(candidates.size(), i + config.maxBatch())));
    }
    if (pending.isEmpty()) {
      requests.commitSync();
    } else {
      firstPendingNanos = System.nanoTime();
    }
  }

  private boolean shouldPublish(FeedUpdateEntry e) throws IOException {
    OracleChain.RoundData last = lastOnChain.get(e.feedName());
    if (last == null) {
      Optional<OracleChain.RoundData> read = rpc.call("latestRoundData", () -> chain.latestRoundData(e.feedName()));
      if (read.isEmpty()) {
        return true;
      }
      last = read.get();
      lastOnChain.put(e.feedName(), last);
    }
    long ageSeconds = Instant.now().getEpochSecond() - last.updatedAt();
    if (ageSeconds >= config.heartbeat().toSeconds()) {
      return true;
    }
    BigInteger change = e.answer().subtract(last.answer()).abs().multiply(BigInteger.valueOf(10_000));
    return last.answer().signum() == 0 ? e.answer().signum() != 0
        : change.compareTo(last.answer().abs().multiply(BigInteger.valueOf(config.deviationBps()))) >= 0;
  }

  /** Proposes, gathers quorum, reconciles and sends one batch; settles its pending entries. */
  private void publish(List<PendingEntry> batch) throws IOException {
    List<FeedUpdateEntry> entries = batch.stream().map(PendingEntry::entry).toList();
    String digest = digests.digestHex(entries);
    SignedReport proposal = SignedReport.newBuilder().setReportId(digest)
        .setEntries(entries.stream().map(FeedUpdateEntry::toAvro).toList()).setDigest(digest)
        .setSignatures(List.of()).setQuorum(quorum).setCreatedAt(Instant.now()).build();
    producer.send(new ProducerRecord<>(config.topics().reports(), digest, proposal));
    producer.flush();

    List<SignerSignature> gathered = gather(digest);
    if (gathered.size() < quorum) {
      retryOrSkip(batch, digest, "quorum not reached: " + gathered.size() + " of " + quorum + " signatures within "
          + config.signatureTimeout());
      return;
    }
    crash.reached(CrashPoints.AFTER_SIGNING);
    SignedReport signed = SignedReport.newBuilder(proposal).setSignatures(gathered).setCreatedAt(Instant.now()).build();
    producer.send(new ProducerRecord<>(config.topics().reports(), digest, signed));

    // Reconcile right before sending: another instance (or our own earlier, unknown, send) may have published.
    Map<String, Long> onChain = rpc.call("latestRounds",
        () -> chain.latestRounds(entries.stream().map(FeedUpdateEntry::feedName).toList()));
    List<FeedUpdateEntry> published = entries.stream()
        .filter(e -> e.roundId() <= onChain.getOrDefault(e.feedName(), 0L)).toList();
    if (!published.isEmpty()) {
      published.forEach(e -> pending.remove(e.feedName()));
      LOG.info("reconciled before sending: {} already on chain; the rest is proposed again", published);
      if (published.size() == entries.size()) {
        record(digest, 0, PublicationStatus.SKIPPED, entries, null, null, null, "already on chain (reconciled)", 0);
      }
      return; // the remaining entries stay pending and get a new digest
    }

    List<byte[]> sigs = gathered.stream().map(s -> Numeric.hexStringToByteArray(s.getSignature())).toList();
    String data = OracleAbi.submitData(entries, sigs);
    Optional<String> revert = rpc.call("eth_call submit", () -> chain.simulate(sender.address(), data));
    if (revert.isPresent()) {
      LOG.error("report {} would revert: {}; not sent", digest, revert.get());
      entries.forEach(e -> pending.remove(e.feedName()));
      record(digest, 0, PublicationStatus.REVERTED, entries, null, null, revert.get(), "simulation (eth_call)", 0);
      return;
    }

    BigInteger gasLimit = BigInteger.valueOf(90_000L + 45_000L * entries.size() + 9_000L * sigs.size());
    TxSender.Result result = sender.send(config.oracle(), data, gasLimit);
    if (result instanceof TxSender.Mined mined) {
      settleMined(digest, entries, mined, data);
    } else if (result instanceof TxSender.FeeCapExceeded cap) {
      LOG.error("ALERT fee spike: base fee {} wei plus tip is above the cap {} wei; report {} ({} feeds) skipped",
          cap.baseFee(), cap.cap(), digest, entries.size());
      entries.forEach(e -> pending.remove(e.feedName()));
      record(digest, 0, PublicationStatus.SKIPPED, entries, null, null, null,
          "fee cap: base fee " + cap.baseFee() + " wei > cap " + cap.cap() + " wei", 0);
    } else if (result instanceof TxSender.Unknown unknown) {
      settleUnknown(digest, entries, unknown);
    }
  }

  private void settleMined(String digest, List<FeedUpdateEntry> entries, TxSender.Mined mined, String data)
      throws IOException {
    TransactionReceipt r = mined.receipt();
    int attempts = mined.attempts().size();
    for (int i = 0; i < attempts; i++) {
      TxSender.Attempt a = mined.attempts().get(i);
      if (!a.equals(mined.winner())) {
        record(digest, i + 1, PublicationStatus.REPLACED, entries, a, null, null,
            "replaced by " + mined.winner().txHash(), attempts);
      }
    }
    entries.forEach(e -> pending.remove(e.feedName()));
    int winnerAttempt = mined.attempts().indexOf(mined.winner()) + 1;
    if (r.isStatusOK()) {
      long now = Instant.now().getEpochSecond();
      entries.forEach(e -> lastOnChain.put(e.feedName(),
          new OracleChain.RoundData(e.roundId(), e.answer(), e.observedAtSeconds(), now, e.roundId())));
      confirmed.incrementAndGet();
      record(digest, winnerAttempt, PublicationStatus.CONFIRMED, entries, mined.winner(), r, null, null, attempts);
      LOG.info("published report {}: {} feeds in tx {} (block {}, {} gas)", digest, entries.size(),
          r.getTransactionHash(), r.getBlockNumber(), r.getGasUsed());
    } else {
      String reason = rpc.call("eth_call submit", () -> chain.simulate(sender.address(), data))
          .orElse("reverted on chain");
      lastOnChain.clear();
      record(digest, winnerAttempt, PublicationStatus.REVERTED, entries, mined.winner(), r, reason, null, attempts);
      LOG.error("report {} reverted on chain in tx {}: {}", digest, r.getTransactionHash(), reason);
    }
  }

  private void settleUnknown(String digest, List<FeedUpdateEntry> entries, TxSender.Unknown unknown)
      throws IOException {
    TxSender.Attempt last = unknown.attempts().get(unknown.attempts().size() - 1);
    record(digest, unknown.attempts().size(), PublicationStatus.UNKNOWN, entries, last, null, null,
        unknown.reason() + "; reconciling from chain", unknown.attempts().size());
    // Never resend blindly: wait for the sender's in-flight transactions to land, then ask the chain.
    boolean settled = sender.awaitNoInFlight(config.fees().giveUpAfter());
    Map<String, Long> onChain = rpc.call("latestRounds",
        () -> chain.latestRounds(entries.stream().map(FeedUpdateEntry::feedName).toList()));
    boolean allPublished = entries.stream().allMatch(e -> e.roundId() <= onChain.getOrDefault(e.feedName(), 0L));
    if (allPublished) {
      entries.forEach(e -> pending.remove(e.feedName()));
      confirmed.incrementAndGet();
      record(digest, unknown.attempts().size(), PublicationStatus.CONFIRMED, entries, last, null, null,
          "confirmed by reconciliation from chain state", unknown.attempts().size());
    } else if (!settled) {
      LOG.error("ALERT report {} unresolved: transactions still in flight; it stays pending", digest);
    } else {
      LOG.warn("report {}: not on chain after its transactions settled; it will be proposed again", digest);
    }
  }

  private void retryOrSkip(List<PendingEntry> batch, String digest, String why) {
    LOG.warn("report {}: {}", digest, why);
    List<FeedUpdateEntry> skipped = new ArrayList<>();
    for (PendingEntry p : batch) {
      PendingEntry current = pending.get(p.entry().feedName());
      if (current == null || current.entry().roundId() != p.entry().roundId()) {
        continue; // superseded meanwhile
      }
      if (p.proposals() + 1 >= config.maxProposals()) {
        pending.remove(p.entry().feedName());
        skipped.add(p.entry());
      } else {
        pending.put(p.entry().feedName(), new PendingEntry(p.entry(), p.proposals() + 1));
      }
    }
    if (!skipped.isEmpty()) {
      record(digest, 0, PublicationStatus.SKIPPED, skipped, null, null, null, why, 0);
    }
  }

  /** Up to quorum valid signatures of distinct current signers over {@code digest}, or fewer at the timeout. */
  private List<SignerSignature> gather(String digest) {
    long deadline = System.nanoTime() + config.signatureTimeout().toNanos();
    String key = digest.toLowerCase();
    while (true) {
      Map<String, byte[]> have = signaturesByDigest.getOrDefault(key, Map.of());
      if (have.size() >= quorum || System.nanoTime() > deadline || !running.get()) {
        List<SignerSignature> out = new ArrayList<>();
        have.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(quorum).forEach(e -> out.add(
            SignerSignature.newBuilder().setSigner(e.getKey()).setSignature(Numeric.toHexString(e.getValue())).build()));
        signaturesByDigest.remove(key);
        return out;
      }
      drainSignatures(Duration.ofMillis(5));
    }
  }

  private void drainSignatures(Duration wait) {
    for (ConsumerRecord<String, Decoded> record : signatures.poll(wait)) {
      if (!record.value().isSuccess() || !(record.value().record() instanceof OracleSignature s)) {
        continue;
      }
      String signer = s.getSigner().toLowerCase();
      Optional<String> recovered = ReportSignatures.recover(s.getDigest(), s.getSignature());
      if (recovered.isEmpty() || !recovered.get().equals(signer) || !signerSet.contains(signer)) {
        LOG.warn("ignoring signature {} of {}: not a valid signature of a current signer", s.getSignatureId(), signer);
        continue;
      }
      signaturesByDigest.computeIfAbsent(s.getDigest().toLowerCase(), d -> new LinkedHashMap<>())
          .put(signer, Numeric.hexStringToByteArray(s.getSignature()));
    }
    if (signaturesByDigest.size() > 10_000) {
      signaturesByDigest.clear(); // stale digests of reports long settled
    }
  }

  private void record(String digest, int attempt, PublicationStatus status, List<FeedUpdateEntry> entries,
      TxSender.Attempt tx, TransactionReceipt receipt, String revertReason, String detail, int attempts) {
    PublicationOutcome outcome = PublicationOutcome.newBuilder()
        .setOutcomeId(EventIds.of("oracle-outcome", digest, Integer.toString(attempt), status.name()))
        .setReportId(digest)
        .setStatus(status)
        .setChainId("eip155:" + config.chainId())
        .setTxHash(tx == null ? null : tx.txHash())
        .setNonce(tx == null ? null : tx.nonce())
        .setGasUsed(receipt == null ? null : receipt.getGasUsed().longValueExact())
        .setEffectiveGasPrice(receipt == null || receipt.getEffectiveGasPrice() == null ? null
            : Numeric.toBigInt(receipt.getEffectiveGasPrice()).toString())
        .setBlockNumber(receipt == null ? null : receipt.getBlockNumber().longValueExact())
        .setBlockHash(receipt == null ? null : receipt.getBlockHash())
        .setRounds(entries.stream().map(e -> FeedRound.newBuilder().setFeedId(e.feedName())
            .setRoundId(Long.toString(e.roundId())).build()).toList())
        .setRevertReason(revertReason)
        .setDetail(detail)
        .setAttempts(attempts)
        .setRecordedAt(Instant.now())
        .build();
    recorder.record(outcome);
    outcomeListener.accept(outcome);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close failed: {}", e.toString());
    }
  }
}
