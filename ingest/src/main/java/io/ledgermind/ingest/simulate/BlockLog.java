package io.ledgermind.ingest.simulate;

import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Collects the events of one simulated block and numbers them like a chain would: transactions in order, and each
 * event's position either in its block (EVM log index) or in its transaction (Cosmos event index).
 *
 * <pre>{@code
 * BlockLog log = new BlockLog(chain, 17, BlockLog.Indexing.BLOCK);
 * log.newTransaction();
 * log.add(StablecoinEvent.newBuilder().setMeta(log.nextMeta())...build());
 * SimulatedBlock block = log.build();
 * }</pre>
 */
public final class BlockLog {
  /** Where an event's {@code logIndex} counts from. */
  public enum Indexing {
    /** Position in the block, as EVM log indexes. */
    BLOCK,
    /** Position in the transaction, as Cosmos events. */
    TRANSACTION
  }

  private final SyntheticChain chain;
  private final long number;
  private final Indexing indexing;
  private final List<SpecificRecord> events = new ArrayList<>();
  private int txCount;
  private String txHash;
  private int blockLogIndex;
  private int txLogIndex;

  public BlockLog(SyntheticChain chain, long number, Indexing indexing) {
    this.chain = chain;
    this.number = number;
    this.indexing = indexing;
  }

  public long number() {
    return number;
  }

  /** Starts the next transaction; the events that follow belong to it. Returns its hash. */
  public String newTransaction() {
    txHash = chain.txHash(number, txCount++);
    txLogIndex = 0;
    return txHash;
  }

  /** Provenance of the next event of the current transaction, with a deterministic log-style id. */
  public EventMeta nextMeta() {
    if (txHash == null) {
      throw new IllegalStateException("call newTransaction() before the first event of a transaction");
    }
    int index = indexing == Indexing.BLOCK ? blockLogIndex : txLogIndex;
    blockLogIndex++;
    txLogIndex++;
    String blockHash = chain.blockHash(number);
    return chain.meta(number, txHash, index, EventIds.ofLog(chain.chainId(), blockHash, txHash, index));
  }

  public void add(SpecificRecord event) {
    events.add(event);
  }

  public int size() {
    return events.size();
  }

  public SimulatedBlock build() {
    return new SimulatedBlock(chain.chainId(), number, chain.blockTime(number), events);
  }
}
