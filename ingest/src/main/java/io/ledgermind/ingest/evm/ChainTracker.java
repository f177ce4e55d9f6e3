package io.ledgermind.ingest.evm;

import io.ledgermind.schemas.ops.BlockRef;
import io.ledgermind.schemas.ops.EmittedEvent;
import io.ledgermind.schemas.ops.ReaderCheckpoint;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The recent canonical blocks the reader has published, with the events of each, for a bounded window. A reorg is
 * a tracked block whose hash is no longer canonical; everything above the common ancestor is then retracted.
 * Mutations happen on a {@link #copy()} that replaces the original only after its batch committed.
 */
final class ChainTracker {
  /** A published block and the events published for it. */
  record TrackedBlock(long number, String hash, List<EmittedEvent> events) {}

  private final int window;
  private final Deque<TrackedBlock> blocks;

  ChainTracker(int window) {
    this(window, new ArrayDeque<>());
  }

  private ChainTracker(int window, Deque<TrackedBlock> blocks) {
    if (window < 1) {
      throw new IllegalArgumentException("reorg window must be >= 1 block");
    }
    this.window = window;
    this.blocks = blocks;
  }

  /** Rebuilds the window from a checkpoint written by {@link #checkpoint}. */
  static ChainTracker from(ReaderCheckpoint checkpoint, int window) {
    ChainTracker tracker = new ChainTracker(window);
    for (BlockRef ref : checkpoint.getRecentBlocks()) {
      List<EmittedEvent> events = checkpoint.getRecentEvents().stream()
          .filter(e -> e.getBlockNumber() == ref.getNumber() && e.getBlockHash().equals(ref.getHash())).toList();
      tracker.append(ref.getNumber(), ref.getHash(), events);
    }
    return tracker;
  }

  ChainTracker copy() {
    return new ChainTracker(window, new ArrayDeque<>(blocks));
  }

  Optional<TrackedBlock> tip() {
    return Optional.ofNullable(blocks.peekLast());
  }

  /** Tracked blocks, newest first (the order to compare against the chain when looking for the fork point). */
  List<TrackedBlock> newestFirst() {
    List<TrackedBlock> list = new ArrayList<>(blocks);
    java.util.Collections.reverse(list);
    return list;
  }

  void append(long number, String hash, List<EmittedEvent> events) {
    TrackedBlock tip = blocks.peekLast();
    if (tip != null && number != tip.number() + 1) {
      throw new IllegalStateException("block " + number + " does not follow tracked tip " + tip.number());
    }
    blocks.addLast(new TrackedBlock(number, hash, List.copyOf(events)));
    while (blocks.size() > window) {
      blocks.removeFirst();
    }
  }

  /** Removes and returns the blocks above {@code ancestor}, newest first. */
  List<TrackedBlock> removeAbove(long ancestor) {
    List<TrackedBlock> removed = new ArrayList<>();
    Iterator<TrackedBlock> newest = blocks.descendingIterator();
    while (newest.hasNext()) {
      TrackedBlock block = newest.next();
      if (block.number() <= ancestor) {
        break;
      }
      removed.add(block);
      newest.remove();
    }
    return removed;
  }

  /** Oldest tracked block number; a reorg deeper than this cannot be resolved from the window. */
  long oldestNumber() {
    return blocks.isEmpty() ? -1 : blocks.peekFirst().number();
  }

  ReaderCheckpoint checkpoint(String readerId, String chainId, Instant now) {
    TrackedBlock tip = blocks.peekLast();
    if (tip == null) {
      throw new IllegalStateException("nothing to checkpoint yet");
    }
    List<BlockRef> refs = new ArrayList<>();
    List<EmittedEvent> events = new ArrayList<>();
    for (TrackedBlock block : blocks) {
      refs.add(BlockRef.newBuilder().setNumber(block.number()).setHash(block.hash()).build());
      events.addAll(block.events());
    }
    return ReaderCheckpoint.newBuilder().setReaderId(readerId).setChainId(chainId).setLastBlockNumber(tip.number())
        .setLastBlockHash(tip.hash()).setRecentBlocks(refs).setRecentEvents(events).setUpdatedAt(now).build();
  }
}
