package io.ledgermind.ingest.kafka;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the transaction coordinator has finished our previous transaction (written its commit or abort markers
 * to every partition), so the next transaction of the same transactional id does not start while it is completing.
 *
 * <p>Why: {@code commitTransaction()} returns once the coordinator has logged PREPARE_COMMIT; the markers are written
 * afterwards. With transaction protocol version 2 (the default of Kafka 4 clusters, KIP-890) a partition joins a
 * transaction through the produce request itself, and while the previous transaction is still in PREPARE_COMMIT the
 * broker answers {@code CONCURRENT_TRANSACTIONS}. The broker retries that on its own for up to
 * {@code add.partitions.to.txn.retry.backoff.max.ms} (100 ms); when marker writing takes longer (many partitions
 * in the previous transaction, a loaded machine) the error reaches the producer, which logs one WARN per batch and
 * retries, and every further in-flight batch of the same partition then fails with
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (another WARN, another retry). Nothing is lost or duplicated, but a run prints
 * bursts of warnings. Waiting for COMPLETE_COMMIT/COMPLETE_ABORT before the next transaction removes the cause.
 *
 * <p>Needs DESCRIBE on the transactional id, which the WRITE a transactional producer needs already implies.
 */
final class TransactionCompletion implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionCompletion.class);
  /** States in which the coordinator is still completing a transaction (markers not yet all written). */
  static final Set<TransactionState> COMPLETING =
      EnumSet.of(TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);
  private static final long FIRST_BACKOFF_MS = 2;
  private static final long MAX_BACKOFF_MS = 50;

  /** The coordinator's state of one transactional id. */
  @FunctionalInterface
  interface StateLookup {
    TransactionState state() throws Exception;
  }

  private final StateLookup lookup;
  private final AutoCloseable resource;
  private final Duration timeout;
  private final String transactionalId;
  private boolean disabled;

  TransactionCompletion(StateLookup lookup, AutoCloseable resource, Duration timeout, String transactionalId) {
    this.lookup = lookup;
    this.resource = resource;
    this.timeout = timeout;
    this.transactionalId = transactionalId;
  }

  /** Looks the state up with an Admin client on the producer's cluster and connection settings. */
  static TransactionCompletion forCluster(Properties adminProps, String transactionalId, Duration timeout) {
    Admin admin = Admin.create(adminProps);
    StateLookup lookup = () -> admin.describeTransactions(List.of(transactionalId)).description(transactionalId)
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).state();
    return new TransactionCompletion(lookup, admin, timeout, transactionalId);
  }

  /**
   * Returns once the previous transaction is complete, or after the timeout (then the producer's own retries take
   * over: correct, only noisy). Returns whether completion was seen.
   */
  boolean awaitCompleted() throws InterruptedException {
    if (disabled) {
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long backoff = FIRST_BACKOFF_MS;
    while (true) {
      TransactionState state;
      try {
        state = lookup.state();
      } catch (InterruptedException e) {
        throw e;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        // E.g. no DESCRIBE permission: publishing stays correct without the wait, so go on without it.
        disabled = true;
        LOG.warn("Cannot read the state of transaction {} ({}); later transactions start without waiting for the"
            + " previous one to complete", transactionalId, e.toString());
        return false;
      } catch (Exception e) {
        throw new IllegalStateException("cannot read the state of transaction " + transactionalId, e);
      }
      if (!COMPLETING.contains(state)) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        LOG.debug("Transaction {} still {} after {}", transactionalId, state, timeout);
        return false;
      }
      Thread.sleep(backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.debug("closing the transaction state lookup of {}", transactionalId, e);
    }
  }
}
