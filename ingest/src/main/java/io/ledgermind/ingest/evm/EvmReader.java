package io.ledgermind.ingest.evm;

import io.ledgermind.ingest.kafka.KafkaEventSink;
import io.ledgermind.ingest.kafka.EventSink;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.ops.EmittedEvent;
import io.ledgermind.schemas.ops.ReaderCheckpoint;
import io.ledgermind.schemas.raw.BlockHeader;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DeadLetters;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads logs of watched contracts block range by block range and publishes them with reorg safety.
 *
 * <p>Each {@link #step()} is one Kafka transaction holding: retractions for the events of blocks a reorg orphaned
 * (found by comparing the remembered block hashes with the chain), the decoded events of the next confirmed blocks,
 * their block headers, dead letters for malformed logs, and the reader's checkpoint. Because the checkpoint
 * commits atomically with the events, a restart resumes exactly after the last committed block: no gap and no
 * duplicate. ethereum-etl's reader, by contrast, streams with a fixed lag and never handles reorgs (its issue #375).
 */
public final class EvmReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EvmReader.class);
  private static final String DEAD_LETTER_SOURCE = "rpc:eth_getLogs";

  private final EvmReaderConfig config;
  private final RpcClient rpc;
  private final EventSink sink;
  private final EvmEventDecoder decoder;
  private final AvroCodec codec = AvroCodec.standard();
  private final Clock clock;
  private final List<String> addresses;
  private ChainTracker tracker;
  private long nextBlock;

  EvmReader(EvmReaderConfig config, RpcClient rpc, EventSink sink, Optional<ReaderCheckpoint> checkpoint, Clock clock) {
    this.config = config;
    this.rpc = rpc;
    this.sink = sink;
    this.clock = clock;
    Map<String, WatchedContract> byAddress = new LinkedHashMap<>();
    config.contracts().forEach(c -> byAddress.put(c.address(), c));
    this.addresses = List.copyOf(byAddress.keySet());
    this.decoder = new EvmEventDecoder(config.caipChainId(), "evm-reader:" + config.readerId(), byAddress);
    if (checkpoint.isPresent()) {
      this.tracker = ChainTracker.from(checkpoint.get(), config.reorgWindow());
      this.nextBlock = checkpoint.get().getLastBlockNumber() + 1;
    } else {
      this.tracker = new ChainTracker(config.reorgWindow());
      this.nextBlock = config.startBlock();
    }
  }

  /** The next block this reader will read. */
  public long nextBlock() {
    return nextBlock;
  }

  public long rpcRetries() {
    return rpc.retriesSoFar();
  }

  /**
   * Handles any reorg, then reads up to {@code maxBlocksPerStep} confirmed blocks, at most up to {@code lastBlock}.
   * Publishes nothing when a reorg races with the step (the next step sees it).
   */
  public StepResult step(long lastBlock) throws RpcException, ReorgTooDeepException {
    long head = rpc.blockNumber();
    ChainTracker next = tracker.copy();
    List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
    Instant now = clock.instant();

    int reorgDepth = 0;
    int retractions = 0;
    long from = nextBlock;
    if (next.tip().isEmpty() && nextBlock > 0 && nextBlock - 1 <= head) {
      // First start: remember the block below the first one read, as the anchor a reorg of the very first
      // blocks is resolved against. It carries no events.
      BlockInfo anchor = rpc.header(nextBlock - 1);
      next.append(anchor.number(), anchor.hash(), List.of());
    }
    Optional<ChainTracker.TrackedBlock> tip = next.tip();
    if (tip.isPresent()) {
      // Canonical hashes of the heights compared on the way down: the retractions name the replacing blocks.
      Map<Long, String> canonical = new HashMap<>();
      long ancestor = forkPoint(next, Math.min(head, tip.get().number()), canonical);
      if (ancestor < tip.get().number()) {
        reorgDepth = (int) (tip.get().number() - ancestor);
        for (ChainTracker.TrackedBlock orphan : next.removeAbove(ancestor)) {
          for (EmittedEvent event : orphan.events()) {
            batch.add(retraction(event, orphan, canonical.get(orphan.number()), reorgDepth, now));
            retractions++;
          }
        }
        from = ancestor + 1;
        LOG.info("{}: reorg of depth {} above block {}: {} events retracted", config.readerId(), reorgDepth,
            ancestor, retractions);
      }
    }

    long to = Math.min(Math.min(head - config.confirmations(), lastBlock), from + config.maxBlocksPerStep() - 1);
    int events = 0;
    int deadLetters = 0;
    if (from <= to) {
      List<BlockInfo> headers = rpc.headers(from, to);
      if (!linksTo(next, headers)) {
        LOG.info("{}: chain changed while reading {}..{}; retrying", config.readerId(), from, to);
        return new StepResult(-1, nextBlock - 1, 0, 0, 0, 0, head);
      }
      Map<Long, BlockInfo> byNumber = new HashMap<>();
      headers.forEach(h -> byNumber.put(h.number(), h));
      Map<Long, List<EmittedEvent>> emitted = new HashMap<>();
      for (Log log : logs(from, to)) {
        BlockInfo block = byNumber.get(log.getBlockNumber().longValueExact());
        if (block == null || !block.hash().equals(EvmEventDecoder.lower(log.getBlockHash())) || log.isRemoved()) {
          LOG.info("{}: log of block {} is not on the chain just read; retrying", config.readerId(),
              log.getBlockNumber());
          return new StepResult(-1, nextBlock - 1, 0, 0, 0, 0, head);
        }
        try {
          Optional<SpecificRecord> event = decoder.decode(log, block, now);
          if (event.isPresent()) {
            ProducerRecord<byte[], byte[]> record = config.routing().route(event.get());
            batch.add(record);
            EventMeta meta = (EventMeta) event.get().get(0);
            emitted.computeIfAbsent(block.number(), n -> new ArrayList<>()).add(EmittedEvent.newBuilder()
                .setBlockNumber(block.number()).setBlockHash(block.hash()).setEventId(meta.getEventId())
                .setTopic(record.topic()).setKey(new String(record.key(), StandardCharsets.UTF_8)).build());
            events++;
          }
        } catch (MalformedLogException e) {
          batch.add(deadLetter(log, e, now));
          deadLetters++;
        }
      }
      for (BlockInfo header : headers) {
        batch.add(config.routing().route(blockHeader(header, now)));
        next.append(header.number(), header.hash(), emitted.getOrDefault(header.number(), List.of()));
      }
    }
    if (batch.isEmpty()) {
      return new StepResult(-1, nextBlock - 1, 0, 0, 0, 0, head);
    }
    ReaderCheckpoint checkpoint = next.checkpoint(config.readerId(), config.caipChainId(), now);
    batch.add(new ProducerRecord<>(config.routing().topic(TopicCatalogue.INGEST_CHECKPOINTS),
        config.readerId().getBytes(StandardCharsets.UTF_8), codec.encode(checkpoint)));
    sink.publish(batch);
    tracker = next;
    nextBlock = checkpoint.getLastBlockNumber() + 1;
    return new StepResult(from <= to ? from : -1, checkpoint.getLastBlockNumber(), events, retractions, deadLetters,
        reorgDepth, head);
  }

  /**
   * Highest tracked block still canonical, comparing newest first and recording each canonical hash seen in
   * {@code canonical}; the whole window orphaned is fatal.
   */
  private long forkPoint(ChainTracker tracker, long highestComparable, Map<Long, String> canonical)
      throws RpcException, ReorgTooDeepException {
    for (ChainTracker.TrackedBlock block : tracker.newestFirst()) {
      if (block.number() > highestComparable) {
        continue; // the chain got shorter than our tip: this block is gone for sure
      }
      String hash = rpc.header(block.number()).hash();
      canonical.put(block.number(), hash);
      if (hash.equals(block.hash())) {
        return block.number();
      }
    }
    throw new ReorgTooDeepException(config.readerId() + ": every remembered block back to "
        + tracker.oldestNumber() + " was reorganised away; raise reorgWindow or re-ingest the range");
  }

  /** The new headers must continue the tracked tip and each other; otherwise the chain moved under us. */
  private static boolean linksTo(ChainTracker tracker, List<BlockInfo> headers) {
    Optional<ChainTracker.TrackedBlock> tip = tracker.tip();
    String expectedParent = tip.filter(t -> t.number() == headers.get(0).number() - 1)
        .map(ChainTracker.TrackedBlock::hash).orElse(null);
    for (BlockInfo header : headers) {
      if (expectedParent != null && !expectedParent.equals(header.parentHash())) {
        return false;
      }
      expectedParent = header.hash();
    }
    return true;
  }

  /** eth_getLogs over {@code from..to}, halving the range whenever the node refuses it as too large. */
  private List<Log> logs(long from, long to) throws RpcException {
    try {
      return rpc.logs(from, to, addresses);
    } catch (RpcException e) {
      if (!e.isRangeTooLarge() || from == to) {
        throw e;
      }
      long mid = from + (to - from) / 2;
      LOG.debug("{}: range {}..{} refused, splitting", config.readerId(), from, to);
      List<Log> logs = new ArrayList<>(logs(from, mid));
      logs.addAll(logs(mid + 1, to));
      return logs;
    }
  }

  private ProducerRecord<byte[], byte[]> retraction(EmittedEvent event, ChainTracker.TrackedBlock orphan,
      String canonicalHash, int depth, Instant now) {
    Retraction retraction = Retraction.newBuilder()
        .setMeta(EventMeta.newBuilder().setEventId(EventIds.of("retraction", event.getEventId()))
            .setChainId(config.caipChainId()).setBlockNumber(orphan.number()).setBlockHash(orphan.hash())
            .setEventTime(now).setIngestTime(now).setSource("evm-reader:" + config.readerId()).build())
        .setRetractedEventId(event.getEventId()).setOrphanedBlockNumber(orphan.number())
        .setOrphanedBlockHash(orphan.hash()).setCanonicalBlockHash(canonicalHash).setReorgDepth(depth)
        .setReason("block " + orphan.number() + " " + orphan.hash() + " is no longer canonical")
        .build();
    // Same topic and key as the retracted event: same partition, so consumers see it after the event.
    return new ProducerRecord<>(event.getTopic(), event.getKey().getBytes(StandardCharsets.UTF_8),
        codec.encode(retraction));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(Log log, MalformedLogException e, Instant now) {
    long block = log.getBlockNumber().longValueExact();
    String original = "{\"address\":\"" + log.getAddress() + "\",\"topics\":" + log.getTopics().stream()
        .map(t -> "\"" + t + "\"").toList() + ",\"data\":\"" + log.getData() + "\",\"blockHash\":\""
        + log.getBlockHash() + "\",\"transactionHash\":\"" + log.getTransactionHash() + "\",\"logIndex\":"
        + log.getLogIndex() + "}";
    // Source coordinates of an RPC input: the pseudo-topic names the call, the offset is the block number.
    DeadLetter letter = DeadLetters.of(e.getMessage() + " (log " + log.getLogIndex() + " of tx "
            + log.getTransactionHash() + ")", "MALFORMED_LOG", DEAD_LETTER_SOURCE,
        log.getLogIndex().intValueExact(), block, null, original.getBytes(StandardCharsets.UTF_8),
        "evm-reader:" + config.readerId(), now);
    return new ProducerRecord<>(config.routing().topic(TopicCatalogue.DEAD_LETTERS),
        DEAD_LETTER_SOURCE.getBytes(StandardCharsets.UTF_8), codec.encode(letter));
  }

  private BlockHeader blockHeader(BlockInfo block, Instant now) {
    return BlockHeader.newBuilder()
        .setMeta(EventMeta.newBuilder().setEventId(EventIds.of("block", config.caipChainId(), block.hash()))
            .setChainId(config.caipChainId()).setBlockNumber(block.number()).setBlockHash(block.hash())
            .setEventTime(block.timestamp()).setIngestTime(now).setSource("evm-reader:" + config.readerId()).build())
        .setParentHash(block.parentHash())
        .setBaseFeePerGas(block.baseFeePerGas() == null ? null : block.baseFeePerGas().toString())
        .setTransactionCount(block.transactionCount())
        .build();
  }

  /**
   * A reader on {@code web3j} publishing transactionally to Kafka, resumed from its last committed checkpoint.
   * The transactional id is derived from the reader id, so a second instance of the same reader fences the first.
   */
  public static EvmReader open(EvmReaderConfig config, Web3j web3j,
      io.ledgermind.schemas.kafka.KafkaClientConfig kafka) throws Exception {
    Optional<ReaderCheckpoint> checkpoint = CheckpointStore.load(kafka,
        config.routing().topic(TopicCatalogue.INGEST_CHECKPOINTS), config.readerId());
    EventSink sink = KafkaEventSink.create(kafka, "ingest-evm-" + config.readerId());
    return new EvmReader(config, new RpcClient(web3j, config.retry()), sink, checkpoint, Clock.systemUTC());
  }

  /** Releases the Kafka producer (the Web3j client belongs to the caller). */
  @Override
  public void close() {
    sink.close();
  }
}
