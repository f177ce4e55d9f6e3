package io.ledgermind.oracle.signer;

import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.kafka.KafkaClients;
import io.ledgermind.oracle.kafka.OracleTopics;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.oracle.report.ReportDigest;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.OracleSignature;
import io.ledgermind.schemas.oracle.SignedReport;
import io.ledgermind.schemas.serde.DeadLetters;
import io.ledgermind.schemas.serde.Decoded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * One signer: one key, its own bounds, its own process. It reads the oracle requests the pipeline produced and the
 * batches the transmitter proposes (unsigned {@code SignedReport}s on the reports topic), and signs a proposal only
 * when every entry is exactly a request it has seen itself, the digest is the EIP-712 digest it computes itself for
 * this chain and oracle, and its bounds allow it. Signatures go to the signatures topic.
 */
public final class OracleSigner implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(OracleSigner.class);
  private static final int MAX_REMEMBERED = 200_000;
  /**
   * At start the signer re-reads this much of the requests topic: what it saw before a restart is in memory only,
   * and a proposal is signed only for requests seen. Reports older than the oracle's max report age (default 1 h)
   * cannot be published anyway.
   */
  public static final Duration REQUEST_LOOKBACK = Duration.ofHours(1);

  /** How often the signer re-reads the oracle's state (rounds within the deviation window, signer-set version). */
  public static final Duration CHAIN_REFRESH = Duration.ofSeconds(1);

  /**
   * @param kafka how to reach Kafka (bootstrap servers, security settings)
   * @param topics topic names
   * @param chainId chain of the oracle (part of the EIP-712 domain)
   * @param oracle oracle address (part of the EIP-712 domain)
   * @param rpcUrl the chain: the signer signs nothing until it has read the feeds' state from there
   * @param proposalWait how long a proposal waits for its requests to arrive before it is refused
   * @param journal file of the windows this signer signed (kept across restarts: no equivocation)
   */
  public record Config(KafkaClientConfig kafka, OracleTopics topics, long chainId, String oracle, String rpcUrl,
      Duration proposalWait, java.nio.file.Path journal) {}

  private record Pending(SignedReport proposal, long deadlineNanos) {}

  private final Config config;
  private final SignerKey key;
  private final SignerBounds bounds;
  private final ReportDigest digests;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong signedCount = new AtomicLong();
  private final AtomicLong refusedCount = new AtomicLong();
  private final Map<String, FeedUpdateEntry> requests = lru(MAX_REMEMBERED);
  private final Map<String, byte[]> signedDigests = lru(10_000);
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private SignerJournal journal;
  private ChainFollower follower;
  private long lastRefreshNanos;
  private boolean refreshFailing;

  public OracleSigner(Config config, SignerKey key, SignerBounds bounds) {
    this.config = config;
    this.key = key;
    this.bounds = bounds;
    this.digests = new ReportDigest(config.chainId(), config.oracle());
  }

  public String address() {
    return key.address();
  }

  public long signed() {
    return signedCount.get();
  }

  public long refused() {
    return refusedCount.get();
  }

  public void stop() {
    running.set(false);
  }

  @Override
  public void run() {
    String group = "ledgermind-oracle-signer-" + key.address();
    Web3j web3j = Web3j.build(new HttpService(config.rpcUrl()));
    try (SignerJournal opened = SignerJournal.open(config.journal());
        KafkaConsumer<String, Decoded> consumer = KafkaClients.assignedConsumer(config.kafka(), group, true,
            List.of(config.topics().requests(), config.topics().reports()));
        KafkaProducer<String, SpecificRecord> producer = KafkaClients.producer(config.kafka(), group)) {
      journal = opened;
      follower = new ChainFollower(new OracleChain(web3j, config.oracle()), bounds.allowedFeeds());
      rewindRequests(consumer);
      LOG.info("signer {} started: feeds {}, oracle {} on chain {}, journal {}", key.address(), bounds.allowedFeeds(),
          config.oracle(), config.chainId(), config.journal());
      while (running.get()) {
        refreshChain(false);
        for (ConsumerRecord<String, Decoded> record : consumer.poll(Duration.ofMillis(50))) {
          accept(record, producer);
        }
        evaluatePending(producer);
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("signer " + key.address() + " cannot open its journal", e);
    } finally {
      web3j.shutdown();
    }
    LOG.info("signer {} stopped: {} signed, {} refused", key.address(), signedCount.get(), refusedCount.get());
  }

  /**
   * Re-reads the oracle's state every {@link #CHAIN_REFRESH}, or now when {@code force}. A failure leaves the
   * previous state (or none: nothing is signed before the first success) and is logged once until it recovers.
   */
  private void refreshChain(boolean force) {
    long since = System.nanoTime() - lastRefreshNanos;
    if (since < (force ? Duration.ofMillis(200) : CHAIN_REFRESH).toNanos()) {
      return; // forced reads are rate-limited too: a flood of forged proposals must not flood the node
    }
    lastRefreshNanos = System.nanoTime();
    try {
      follower.refresh(bounds, Instant.now().getEpochSecond());
      if (refreshFailing) {
        LOG.info("signer {}: chain reachable again (config version {})", key.address(), follower.configVersion());
      }
      refreshFailing = false;
    } catch (Exception e) {
      if (!refreshFailing) {
        LOG.warn("signer {}: cannot read the oracle's state ({}); signing only on state already read",
            key.address(), e.toString());
      }
      refreshFailing = true;
    }
  }

  private void rewindRequests(KafkaConsumer<String, Decoded> consumer) {
    Map<org.apache.kafka.common.TopicPartition, Long> query = new java.util.HashMap<>();
    long since = System.currentTimeMillis() - REQUEST_LOOKBACK.toMillis();
    consumer.assignment().stream().filter(tp -> tp.topic().equals(config.topics().requests()))
        .forEach(tp -> query.put(tp, since));
    // The end offsets are read before the time query, and sought explicitly: seekToEnd resolves lazily at the next
    // poll, so a request produced between here and that poll would be skipped (seen on a fresh broker in CI).
    Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(query.keySet());
    consumer.offsetsForTimes(query).forEach((tp, found) ->
        consumer.seek(tp, found != null ? found.offset() : ends.get(tp)));
  }

  private void accept(ConsumerRecord<String, Decoded> record, KafkaProducer<String, SpecificRecord> producer) {
    Decoded decoded = record.value();
    if (!decoded.isSuccess()) {
      LOG.warn("signer {}: undecodable record at {}-{}@{}: {}", key.address(), record.topic(), record.partition(),
          record.offset(), decoded.failure().getMessage());
      producer.send(new ProducerRecord<>(config.topics().deadLetters(), record.key(),
          DeadLetters.of(decoded.failure(), record.topic(), record.partition(), record.offset(),
              record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), decoded.original(),
              "oracle-signer", Instant.now())));
      return;
    }
    if (decoded.record() instanceof OracleRequest request) {
      try {
        FeedUpdateEntry entry = FeedUpdateEntry.of(request);
        // One rule for conflicting requests, the transmitter's too: the first request for a feed and window in the
        // topic's order wins (requests of one feed share a partition, so every reader sees the same order).
        FeedUpdateEntry first = requests.putIfAbsent(entry.windowKey(), entry);
        if (first != null && !first.sameContent(entry)) {
          LOG.info("signer {}: request {} conflicts with the first request for {}; the first stands (superseded)",
              key.address(), request.getRequestId(), entry.windowKey());
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("signer {}: request {} cannot be signed: {}", key.address(), request.getRequestId(), e.getMessage());
      }
    } else if (decoded.record() instanceof SignedReport report && report.getSignatures().isEmpty()) {
      pending.putIfAbsent(report.getReportId(),
          new Pending(report, System.nanoTime() + config.proposalWait().toNanos()));
    }
  }

  private void evaluatePending(KafkaProducer<String, SpecificRecord> producer) {
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      Optional<String> verdict = evaluate(p.proposal(), producer);
      if (verdict.isEmpty()) {
        it.remove();
      } else if (!verdict.get().startsWith("wait:") || System.nanoTime() > p.deadlineNanos()) {
        refusedCount.incrementAndGet();
        LOG.warn("signer {} refuses report {}: {}", key.address(), p.proposal().getReportId(), verdict.get());
        it.remove();
      }
    }
  }

  /** Empty when signed; else the reason, prefixed {@code wait:} when it may still become signable. */
  private Optional<String> evaluate(SignedReport proposal, KafkaProducer<String, SpecificRecord> producer) {
    List<FeedUpdateEntry> entries = new ArrayList<>();
    try {
      proposal.getEntries().forEach(e -> entries.add(FeedUpdateEntry.of(e)));
    } catch (IllegalArgumentException e) {
      return Optional.of("malformed entry: " + e.getMessage());
    }
    if (entries.isEmpty()) {
      return Optional.of("empty report");
    }
    if (follower.configVersion() < 0) {
      return Optional.of("wait: the oracle's state has not been read yet");
    }
    byte[] digest = digests.digest(follower.configVersion(), entries);
    if (!Numeric.toHexString(digest).equalsIgnoreCase(proposal.getDigest())) {
      refreshChain(true); // the signer set may have rotated since the last read
      digest = digests.digest(follower.configVersion(), entries);
    }
    if (!Numeric.toHexString(digest).equalsIgnoreCase(proposal.getDigest())) {
      return Optional.of("digest " + proposal.getDigest() + " is not the digest of its entries for oracle "
          + config.oracle() + " on chain " + config.chainId() + " at config version " + follower.configVersion());
    }
    byte[] already = signedDigests.get(proposal.getDigest().toLowerCase());
    if (already != null) {
      publish(proposal, digest, already, producer); // a re-proposal (e.g. after a transmitter restart)
      return Optional.empty();
    }
    for (FeedUpdateEntry e : entries) {
      FeedUpdateEntry seen = requests.get(e.windowKey());
      if (seen == null) {
        return Optional.of("wait: no request seen for " + e.windowKey());
      }
      if (!seen.sameContent(e)) {
        return Optional.of(e.windowKey() + " differs from the first request for that window");
      }
    }
    Optional<String> bound = bounds.check(entries, journal, Instant.now().getEpochSecond());
    if (bound.isPresent()) {
      return bound;
    }
    if (!bounds.tryAcquire()) {
      return Optional.of("wait: over the signature rate");
    }
    // On disk before the signature exists: a crash after this line cannot lead to a second content for a window.
    journal.record(entries, proposal.getDigest(), System.currentTimeMillis());
    byte[] signature = key.sign(digest);
    signedDigests.put(proposal.getDigest().toLowerCase(), signature);
    publish(proposal, digest, signature, producer);
    signedCount.incrementAndGet();
    LOG.info("signer {} signed report {} ({} feeds)", key.address(), proposal.getReportId(), entries.size());
    return Optional.empty();
  }

  private void publish(SignedReport proposal, byte[] digest, byte[] signature,
      KafkaProducer<String, SpecificRecord> producer) {
    String digestHex = Numeric.toHexString(digest);
    OracleSignature record = OracleSignature.newBuilder()
        .setSignatureId(EventIds.of("oracle-signature", digestHex, key.address()))
        .setReportId(proposal.getReportId())
        .setDigest(digestHex)
        .setSigner(key.address())
        .setSignature(Numeric.toHexString(signature))
        .setSignedAt(Instant.now())
        .build();
    producer.send(new ProducerRecord<>(config.topics().signatures(), proposal.getReportId(), record));
    producer.flush();
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }
}
