package io.ledgermind.ingest.depin;

import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.ingest.source.SourceUnavailableException;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A DePIN network's usage and token-flow events, read block by block (height for Akash, slot for Solana-based
 * Render). Implementations hide the chain behind this interface, so a network that migrates (Akash plans a move to
 * Solana or an EVM L2 by 2026-12-31, AEP-79) changes only its adapter.
 *
 * <p>Contract: {@link #read(long)} never throws for bad data (those become dead letters in the batch); it throws
 * {@link SourceUnavailableException} only when the endpoint does not deliver, and then nothing of that height was
 * consumed. Reading the same height twice gives the same records (deterministic ids).
 *
 * <pre>{@code
 * DepinSource akash = AkashSource.builder().baseUri(URI.create("http://127.0.0.1:26657")).build();
 * long head = akash.latestHeight();
 * SourceBatch<DepinUsageEvent> batch = akash.read(head - 10, head);
 * }</pre>
 */
public interface DepinSource {
  /** Short name used in {@code meta.source} and dead letters, e.g. {@code akash}, {@code render}. */
  String name();

  /** The newest height (block or slot) the endpoint can serve. */
  long latestHeight() throws SourceUnavailableException, InterruptedException;

  /** Events of one height. */
  SourceBatch<DepinUsageEvent> read(long height) throws SourceUnavailableException, InterruptedException;

  /** Events of heights {@code from..to} inclusive, in chain order. */
  default SourceBatch<DepinUsageEvent> read(long from, long to)
      throws SourceUnavailableException, InterruptedException {
    List<DepinUsageEvent> events = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (long height = from; height <= to; height++) {
      SourceBatch<DepinUsageEvent> batch = read(height);
      events.addAll(batch.events());
      deadLetters.addAll(batch.deadLetters());
    }
    return new SourceBatch<>(events, deadLetters);
  }
}
