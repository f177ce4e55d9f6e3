package io.ledgermind.ingest.bittensor;

import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.ingest.source.SourceUnavailableException;
import io.ledgermind.schemas.raw.SubnetSnapshot;

/**
 * Bittensor subnet state and emissions at a block, one {@link SubnetSnapshot} per netuid. Same contract as the
 * DePIN sources: bad data becomes dead letters inside the batch, {@link SourceUnavailableException} only when the
 * endpoint does not deliver (then retry the same height later), and reading a height twice gives the same records.
 *
 * <pre>{@code
 * SubnetSource subtensor = SubtensorSource.builder()
 *     .baseUri(URI.create("http://127.0.0.1:9944"))
 *     .netuids(List.of(1, 2, 3))
 *     .build();
 * long head = subtensor.latestHeight();
 * SourceBatch<SubnetSnapshot> batch = subtensor.snapshotsAt(head - head % 360); // once per tempo
 * }</pre>
 */
public interface SubnetSource {
  /** Short name for {@code meta.source} and dead letters. */
  String name();

  /** The newest block number the node serves. */
  long latestHeight() throws SourceUnavailableException, InterruptedException;

  /** Snapshots of the configured subnets at block {@code height}. */
  SourceBatch<SubnetSnapshot> snapshotsAt(long height) throws SourceUnavailableException, InterruptedException;
}
