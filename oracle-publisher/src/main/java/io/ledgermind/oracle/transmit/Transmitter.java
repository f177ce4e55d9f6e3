package io.ledgermind.oracle.transmit;

import io.ledgermind.oracle.chain.OracleAbi;
import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.chain.OracleEvents;
import io.ledgermind.oracle.kafka.KafkaClients;
import io.ledgermind.oracle.kafka.OracleTopics;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.oracle.report.ReportDigest;
import io.ledgermind.oracle.report.ReportSignatures;
import io.ledgermind.oracle.signer.OracleSigner;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
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
import org.apache.kafka.common.TopicPartition;
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
 * <p>Every request ends with exactly one recorded outcome ({@link RequestOutcome}), in a {@link PublicationOutcome}
 * whose rounds carry the request id, its window and what became of it. Liveness rules, so that no request can
 * block another feed or freeze its own:
 * <ul>
 *   <li>Only feeds registered on-chain are proposed; any other request is {@code UNREGISTERED_FEED}.
 *   <li>Round ids are assigned by the contract; a request names its window ({@code observedAt}). A window that is
 *       not newer than the feed's latest on-chain window is {@code ALREADY_PUBLISHED} (same window) or
 *       {@code SUPERSEDED} (a newer one is there); one too old or from the future is {@code STALE} / {@code FUTURE}.
 *   <li>Two requests for the same feed and window: the first in the topic's order wins (the signers apply the same
 *       rule), the other is {@code SUPERSEDED}. A newer window of a feed supersedes an older pending one.
 * </ul>
 *
 * <p>Never double-publishes: the contract refuses a window that is not newer than the feed's latest, and right
 * before sending the transmitter reads the chain again. A send without receipt is UNKNOWN, and the chain, not a
 * blind resend, decides what happened. Request offsets are committed only when nothing read is still waiting, so a
 * crash re-reads rather than loses requests.
 */
public final class Transmitter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Transmitter.class);
  private static final int MAX_REMEMBERED_WINDOWS = 100_000;

  /**
   * @param kafka how to reach Kafka (bootstrap servers, security settings)
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
  public record Config(KafkaClientConfig kafka, OracleTopics topics, String groupId, long chainId, String oracle,
      long deviationBps, Duration heartbeat, int maxBatch, Duration linger, Duration signatureTimeout,
      int maxProposals, FeePolicy fees, Duration receiptPoll, Duration rpcTolerance) {}

  /** What became of one request ({@code FeedRound.outcome}). */
  public enum RequestOutcome {
    PUBLISHED, ALREADY_PUBLISHED, SUPERSEDED, UNREGISTERED_FEED, STALE, FUTURE, NOT_DUE, MALFORMED,
    QUORUM_NOT_REACHED, REVERTED, FEE_CAP, BAD_TARGET, OUT_OF_RANGE
  }

  private record PendingEntry(FeedUpdateEntry entry, String requestId, int proposals) {}

  private final Config config;
  private final OracleChain chain;
  private final TxSender sender;
  private final ReportDigest digests;
  private final RpcRetry rpc;
  private final OutcomeRecorder.Factory recorderFactory;
  private final CrashPoints crash;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong confirmed = new AtomicLong();
  private final Map<String, PendingEntry> pending = new LinkedHashMap<>();
  /** The first request of each feed and window in the topic's order: the one that may be published. */
  private final Map<String, PendingEntry> firstByWindow = lru(MAX_REMEMBERED_WINDOWS);
  private final Map<String, Map<String, byte[]>> signaturesByDigest = new HashMap<>();
  private final Map<String, OracleChain.RoundData> lastOnChain = new HashMap<>();
  private volatile Consumer<PublicationOutcome> outcomeListener = o -> {};
  private Set<String> signerSet = Set.of();
  private int quorum;
  private long configVersion;
  private long maxFutureDrift;
  private long firstPendingNanos;
  private volatile int pendingCount;
  private KafkaConsumer<String, Decoded> requests;
  private KafkaConsumer<String, Decoded> signatures;
  private KafkaProducer<String, SpecificRecord> producer;
  private OutcomeRecorder recorder;

  public Transmitter(Config config, Web3j web3j, org.web3j.crypto.Credentials senderKey,
      OutcomeRecorder.Factory recorderFactory, CrashPoints crash) {
    this.config = config;
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

  /** True when no request read so far waits for publication (updated by the loop; safe from any thread). */
  public boolean idle() {
    return pendingCount == 0;
  }

  /** Called with each recorded outcome (benchmarks, tests, the run's reconciliation). */
  public void onOutcome(Consumer<PublicationOutcome> listener) {
    this.outcomeListener = listener;
  }

  @Override
  public void run() {
    try {
      requests = KafkaClients.assignedConsumer(config.kafka(), config.groupId(), false,
          List.of(config.topics().requests()));
      signatures = KafkaClients.assignedConsumer(config.kafka(), config.groupId() + "-signatures", true,
          List.of(config.topics().signatures()));
      producer = KafkaClients.producer(config.kafka(), config.groupId());
      recorder = recorderFactory.create(producer);
      start();
      seedFirstRequests();
      while (running.get()) {
        for (ConsumerRecord<String, Decoded> record : requests.poll(Duration.ofMillis(10))) {
          accept(record);
        }
        drainSignatures(Duration.ZERO);
        if (!pending.isEmpty() && (pending.size() >= config.maxBatch()
            || System.nanoTime() - firstPendingNanos >= config.linger().toNanos())) {
          cycle();
        }
        pendingCount = pending.size();
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
    readSignerSet(rpc.call("configVersion", chain::configVersion));
    maxFutureDrift = rpc.call("maxFutureDrift", chain::maxFutureDrift);
    // A transaction sent right before a crash is still the previous instance's: let it land before reconciling.
    if (!sender.awaitNoInFlight(config.fees().giveUpAfter())) {
      LOG.error("ALERT transactions of {} still in flight at start; their rounds will be reconciled from the chain",
          sender.address());
    }
    LOG.info("transmitter started: sender {}, oracle {} on chain {}, quorum {} of {}", sender.address(),
        config.oracle(), config.chainId(), quorum, signerSet.size());
  }

  /** Reads the signer set and quorum of signer-set version {@code version} (at start and after a rotation). */
  private void readSignerSet(long version) throws IOException {
    signerSet = new HashSet<>(rpc.call("signers", chain::signers));
    quorum = rpc.call("quorum", chain::quorum);
    configVersion = version;
  }

  /** Follows a rotation ({@code SignersSet}): every chain read reports the version, a new one re-reads the set. */
  private void followSignerSet(OracleChain.FeedStates states) throws IOException {
    if (states.configVersion() != configVersion) {
      long old = configVersion;
      readSignerSet(states.configVersion());
      signaturesByDigest.clear();
      LOG.info("signer set rotated (config version {} -> {}): quorum {} of {}", old, configVersion, quorum,
          signerSet.size());
    }
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
      settle(request.getRequestId(), request.getFeedId(), null, 0, RequestOutcome.MALFORMED, e.getMessage());
      return;
    }
    PendingEntry candidate = new PendingEntry(entry, request.getRequestId(), 0);
    PendingEntry first = firstByWindow.putIfAbsent(entry.windowKey(), candidate);
    if (first != null && !first.entry().sameContent(entry)) {
      settle(request.getRequestId(), entry, 0, RequestOutcome.SUPERSEDED, "conflicts with request "
          + first.requestId() + ", the first for " + entry.windowKey() + " in the topic's order, which stands");
      candidate = first; // the signers sign only the first: it is what may be published for this window
    }
    PendingEntry current = pending.get(entry.feedName());
    if (current != null) {
      if (current.entry().sameContent(candidate.entry())) {
        return; // the same request again (a replay): one outcome is enough
      }
      PendingEntry older = current.entry().observedAtSeconds() < candidate.entry().observedAtSeconds()
          ? current : candidate;
      settle(older.requestId(), older.entry(), 0, RequestOutcome.SUPERSEDED, "a newer window of the feed arrived");
      if (older == current) {
        pending.put(entry.feedName(), candidate);
      }
      return;
    }
    if (pending.isEmpty()) {
      firstPendingNanos = System.nanoTime();
    }
    pending.put(entry.feedName(), candidate);
  }

  /**
   * Learns the first request of each window from the requests the signers still remember (the topic's last
   * {@link OracleSigner#REQUEST_LOOKBACK}, up to this group's position): the transmitter then applies the
   * first-request rule to exactly what the signers apply it to, so it never proposes a value they refuse.
   */
  private void seedFirstRequests() {
    Map<TopicPartition, Long> position = new HashMap<>();
    requests.committed(requests.assignment()).forEach((tp, o) -> {
      if (o != null && o.offset() > 0) {
        position.put(tp, o.offset());
      }
    });
    int seeded = 0;
    // A new group (no position) reads the whole topic itself.
    for (OracleRequest request : RequestHistory.read(config.kafka(), config.groupId(), config.topics().requests(),
        position, OracleSigner.REQUEST_LOOKBACK)) {
      try {
        FeedUpdateEntry e = FeedUpdateEntry.of(request);
        if (firstByWindow.putIfAbsent(e.windowKey(), new PendingEntry(e, request.getRequestId(), 0)) == null) {
          seeded++;
        }
      } catch (IllegalArgumentException ignored) {
        // malformed: it had its outcome when it was read the first time
      }
    }
    LOG.info("transmitter: {} earlier requests (last {}) remembered as the first of their windows", seeded,
        OracleSigner.REQUEST_LOOKBACK);
  }

  private void cycle() throws IOException {
    List<PendingEntry> candidates = publishable(new ArrayList<>(pending.values()));
    List<PendingEntry> due = new ArrayList<>();
    for (PendingEntry p : candidates) {
      if (shouldPublish(p.entry())) {
        due.add(p);
      } else {
        settle(p, 0, RequestOutcome.NOT_DUE, "within " + config.deviationBps() + " bps of the on-chain answer and"
            + " the heartbeat of " + config.heartbeat());
      }
    }
    due.sort(Comparator.comparing(p -> p.entry().feedName()));
    for (int i = 0; i < due.size() && running.get(); i += config.maxBatch()) {
      publish(due.subList(i, Math.min(due.size(), i + config.maxBatch())));
    }
    if (pending.isEmpty()) {
      requests.commitSync();
    } else {
      firstPendingNanos = System.nanoTime();
    }
  }

  /**
   * The entries the contract would publish now, read from the chain in one call; every other entry is settled with
   * its reason (unregistered, already published, superseded, stale, future) and leaves {@link #pending}.
   */
  private List<PendingEntry> publishable(List<PendingEntry> entries) throws IOException {
    List<String> feeds = entries.stream().map(p -> p.entry().feedName()).toList();
    OracleChain.FeedStates states = rpc.call("feedStates", () -> chain.feedStates(feeds));
    followSignerSet(states);
    List<PendingEntry> out = new ArrayList<>();
    for (PendingEntry p : entries) {
      FeedUpdateEntry e = p.entry();
      OracleChain.FeedState s = states.feeds().get(e.feedName());
      if (!s.registered()) {
        settle(p, 0, RequestOutcome.UNREGISTERED_FEED, e.feedName() + " is not registered on oracle " + config.oracle());
      } else if (e.observedAtSeconds() == s.latestObservedAt()) {
        settle(p, s.latestRound(), RequestOutcome.ALREADY_PUBLISHED,
            "window " + e.observedAtSeconds() + " is on chain as round " + s.latestRound());
      } else if (e.observedAtSeconds() < s.latestObservedAt()) {
        settle(p, 0, RequestOutcome.SUPERSEDED, "a newer window (" + s.latestObservedAt() + ") is on chain as round "
            + s.latestRound());
      } else if (e.observedAtSeconds() > states.blockTime() + maxFutureDrift) {
        settle(p, 0, RequestOutcome.FUTURE, "window " + e.observedAtSeconds() + " is ahead of block time "
            + states.blockTime() + " by more than " + maxFutureDrift + " s");
      } else if (e.observedAtSeconds() + s.maxObservationAge() < states.blockTime()) {
        settle(p, 0, RequestOutcome.STALE, "window " + e.observedAtSeconds() + " is older than the feed's max"
            + " observation age of " + s.maxObservationAge() + " s at block time " + states.blockTime());
      } else {
        out.add(p);
      }
    }
    return out;
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
    long version = configVersion;
    String digest = digests.digestHex(version, entries);
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
    List<PendingEntry> still = publishable(batch);
    if (still.size() < batch.size()) {
      LOG.info("reconciled before sending report {}: {} of {} entries settled from chain state; the rest is proposed"
          + " again", digest, batch.size() - still.size(), batch.size());
      return; // the remaining entries stay pending and get a new digest
    }
    if (version != configVersion) {
      LOG.info("report {} was signed for config version {}, the oracle is at {}: proposed again", digest, version,
          configVersion);
      return;
    }

    List<byte[]> sigs = gathered.stream().map(s -> Numeric.hexStringToByteArray(s.getSignature())).toList();
    String data = OracleAbi.submitData(version, entries, sigs);
    Optional<String> revert = rpc.call("eth_call submit", () -> chain.simulate(sender.address(), data));
    if (revert.isPresent()) {
      LOG.error("report {} would revert: {}; not sent", digest, revert.get());
      record(digest, 0, PublicationStatus.REVERTED, rounds(batch, RequestOutcome.REVERTED), null, null, revert.get(),
          "simulation (eth_call)", 0);
      batch.forEach(p -> pending.remove(p.entry().feedName()));
      return;
    }

    BigInteger gasLimit = BigInteger.valueOf(90_000L + 45_000L * entries.size() + 9_000L * sigs.size());
    TxSender.Result result = sender.send(config.oracle(), data, gasLimit);
    if (result instanceof TxSender.Mined mined) {
      settleMined(digest, batch, mined, data);
    } else if (result instanceof TxSender.FeeCapExceeded cap) {
      LOG.error("ALERT fee spike: base fee {} wei plus tip is above the cap {} wei; report {} ({} feeds) skipped",
          cap.baseFee(), cap.cap(), digest, entries.size());
      batch.forEach(p -> pending.remove(p.entry().feedName()));
      record(digest, 0, PublicationStatus.SKIPPED, rounds(batch, RequestOutcome.FEE_CAP), null, null, null,
          "fee cap: base fee " + cap.baseFee() + " wei > cap " + cap.cap() + " wei", 0);
    } else if (result instanceof TxSender.Unknown unknown) {
      settleUnknown(digest, batch, unknown);
    }
  }

  private void settleMined(String digest, List<PendingEntry> batch, TxSender.Mined mined, String data)
      throws IOException {
    TransactionReceipt r = mined.receipt();
    int attempts = mined.attempts().size();
    for (int i = 0; i < attempts; i++) {
      TxSender.Attempt a = mined.attempts().get(i);
      if (!a.equals(mined.winner())) {
        record(digest, i + 1, PublicationStatus.REPLACED, rounds(batch, null), a, null, null,
            "replaced by " + mined.winner().txHash(), attempts);
      }
    }
    batch.forEach(p -> pending.remove(p.entry().feedName()));
    int winnerAttempt = mined.attempts().indexOf(mined.winner()) + 1;
    if (r.isStatusOK()) {
      Map<String, OracleEvents.Published> published = new HashMap<>();
      OracleEvents.published(r, config.oracle()).forEach(p -> published.put(p.feedIdHex(), p));
      Map<String, OracleEvents.Skipped> skipped = new HashMap<>();
      OracleEvents.skipped(r, config.oracle()).forEach(s -> skipped.put(s.feedIdHex(), s));
      List<FeedRound> rounds = new ArrayList<>();
      long now = Instant.now().getEpochSecond();
      for (PendingEntry p : batch) {
        FeedUpdateEntry e = p.entry();
        String id = Numeric.toHexString(e.feedId()).toLowerCase();
        OracleEvents.Published pub = published.get(id);
        if (pub != null) {
          rounds.add(round(p, pub.roundId(), RequestOutcome.PUBLISHED));
          lastOnChain.put(e.feedName(), new OracleChain.RoundData(pub.roundId(), e.answer(), e.observedAtSeconds(),
              now, pub.roundId()));
        } else {
          OracleEvents.Skipped s = skipped.get(id);
          rounds.add(round(p, 0, skipOutcome(s == null ? OracleEvents.SkipReason.UNKNOWN_CODE : s.reason())));
        }
      }
      confirmed.incrementAndGet();
      record(digest, winnerAttempt, PublicationStatus.CONFIRMED, rounds, mined.winner(), r, null,
          skipped.isEmpty() ? null : skipped.size() + " entries skipped by the contract", attempts);
      LOG.info("published report {}: {} feeds in tx {} (block {}, {} gas)", digest, published.size(),
          r.getTransactionHash(), r.getBlockNumber(), r.getGasUsed());
    } else {
      String reason = rpc.call("eth_call submit", () -> chain.simulate(sender.address(), data))
          .orElse("reverted on chain");
      lastOnChain.clear();
      record(digest, winnerAttempt, PublicationStatus.REVERTED, rounds(batch, RequestOutcome.REVERTED),
          mined.winner(), r, reason, null, attempts);
      LOG.error("report {} reverted on chain in tx {}: {}", digest, r.getTransactionHash(), reason);
    }
  }

  private static RequestOutcome skipOutcome(OracleEvents.SkipReason reason) {
    return switch (reason) {
      case UNKNOWN_FEED -> RequestOutcome.UNREGISTERED_FEED;
      case NOT_NEWER -> RequestOutcome.SUPERSEDED;
      case STALE -> RequestOutcome.STALE;
      case FUTURE -> RequestOutcome.FUTURE;
      case OUT_OF_RANGE -> RequestOutcome.OUT_OF_RANGE;
      case BAD_TARGET, UNKNOWN_CODE -> RequestOutcome.BAD_TARGET;
    };
  }

  private void settleUnknown(String digest, List<PendingEntry> batch, TxSender.Unknown unknown)
      throws IOException {
    TxSender.Attempt last = unknown.attempts().get(unknown.attempts().size() - 1);
    record(digest, unknown.attempts().size(), PublicationStatus.UNKNOWN, rounds(batch, null), last, null, null,
        unknown.reason() + "; reconciling from chain", unknown.attempts().size());
    // Never resend blindly: wait for the sender's in-flight transactions to land, then ask the chain.
    boolean settled = sender.awaitNoInFlight(config.fees().giveUpAfter());
    OracleChain.FeedStates states = rpc.call("feedStates",
        () -> chain.feedStates(batch.stream().map(p -> p.entry().feedName()).toList()));
    followSignerSet(states);
    boolean allPublished = batch.stream().allMatch(p ->
        p.entry().observedAtSeconds() == states.feeds().get(p.entry().feedName()).latestObservedAt());
    if (allPublished) {
      batch.forEach(p -> pending.remove(p.entry().feedName()));
      confirmed.incrementAndGet();
      List<FeedRound> rounds = batch.stream().map(p -> round(p,
          states.feeds().get(p.entry().feedName()).latestRound(), RequestOutcome.PUBLISHED)).toList();
      record(digest, unknown.attempts().size(), PublicationStatus.CONFIRMED, rounds, last, null, null,
          "confirmed by reconciliation from chain state", unknown.attempts().size());
    } else if (!settled) {
      LOG.error("ALERT report {} unresolved: transactions still in flight; it stays pending", digest);
    } else {
      LOG.warn("report {}: not on chain after its transactions settled; it will be proposed again", digest);
    }
  }

  private void retryOrSkip(List<PendingEntry> batch, String digest, String why) {
    LOG.warn("report {}: {}", digest, why);
    List<PendingEntry> skipped = new ArrayList<>();
    for (PendingEntry p : batch) {
      PendingEntry current = pending.get(p.entry().feedName());
      if (current == null || !current.entry().sameContent(p.entry())) {
        continue; // superseded meanwhile
      }
      if (current.proposals() + 1 >= config.maxProposals()) {
        pending.remove(p.entry().feedName());
        skipped.add(current);
      } else {
        pending.put(p.entry().feedName(), new PendingEntry(current.entry(), current.requestId(),
            current.proposals() + 1));
      }
    }
    if (!skipped.isEmpty()) {
      record(digest, 0, PublicationStatus.SKIPPED, rounds(skipped, RequestOutcome.QUORUM_NOT_REACHED), null, null,
          null, why, 0);
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

  /** Settles a pending entry (it leaves {@link #pending}) with an outcome of its own. */
  private void settle(PendingEntry p, long roundId, RequestOutcome outcome, String reason) {
    pending.remove(p.entry().feedName());
    settle(p.requestId(), p.entry(), roundId, outcome, reason);
  }

  private void settle(String requestId, FeedUpdateEntry e, long roundId, RequestOutcome outcome, String reason) {
    LOG.info("request {} ({}): {}: {}", requestId, e.windowKey(), outcome, reason);
    record("request:" + requestId, 0, PublicationStatus.SKIPPED,
        List.of(round(new PendingEntry(e, requestId, 0), roundId, outcome)), null, null, null, reason, 0);
  }

  private void settle(String requestId, String feedId, FeedUpdateEntry e, long roundId, RequestOutcome outcome,
      String reason) {
    FeedRound round = FeedRound.newBuilder().setFeedId(feedId).setRoundId(Long.toString(roundId))
        .setRequestId(requestId).setOutcome(outcome.name()).build();
    record("request:" + requestId, 0, PublicationStatus.SKIPPED, List.of(round), null, null, null, reason, 0);
  }

  /** The round of one request; {@code outcome} null for a record that settles nothing (REPLACED, UNKNOWN). */
  private static FeedRound round(PendingEntry p, long roundId, RequestOutcome outcome) {
    return FeedRound.newBuilder().setFeedId(p.entry().feedName()).setRoundId(Long.toString(roundId))
        .setRequestId(p.requestId()).setObservedAt(Instant.ofEpochSecond(p.entry().observedAtSeconds()))
        .setOutcome(outcome == null ? null : outcome.name()).build();
  }

  private static List<FeedRound> rounds(List<PendingEntry> batch, RequestOutcome outcome) {
    return batch.stream().map(p -> round(p, 0, outcome)).toList();
  }

  private void record(String reportId, int attempt, PublicationStatus status, List<FeedRound> rounds,
      TxSender.Attempt tx, TransactionReceipt receipt, String revertReason, String detail, int attempts) {
    PublicationOutcome outcome = PublicationOutcome.newBuilder()
        .setOutcomeId(EventIds.of("oracle-outcome", reportId, Integer.toString(attempt), status.name(),
            rounds.isEmpty() ? "" : String.valueOf(rounds.get(0).getOutcome())))
        .setReportId(reportId)
        .setStatus(status)
        .setChainId("eip155:" + config.chainId())
        .setTxHash(tx == null ? null : tx.txHash())
        .setNonce(tx == null ? null : tx.nonce())
        .setGasUsed(receipt == null ? null : receipt.getGasUsed().longValueExact())
        .setEffectiveGasPrice(receipt == null || receipt.getEffectiveGasPrice() == null ? null
            : Numeric.toBigInt(receipt.getEffectiveGasPrice()).toString())
        .setBlockNumber(receipt == null ? null : receipt.getBlockNumber().longValueExact())
        .setBlockHash(receipt == null ? null : receipt.getBlockHash())
        .setRounds(rounds)
        .setRevertReason(revertReason)
        .setDetail(detail)
        .setAttempts(attempts)
        .setRecordedAt(Instant.now())
        .build();
    recorder.record(outcome);
    outcomeListener.accept(outcome);
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
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
