package io.ledgermind.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

class TransactionCompletionTest {
  @Test
  void waitsWhileTheCoordinatorStillWritesMarkersAndReturnsOnceComplete() throws Exception {
    ArrayDeque<TransactionState> states = new ArrayDeque<>(List.of(TransactionState.PREPARE_COMMIT,
        TransactionState.PREPARE_COMMIT, TransactionState.COMPLETE_COMMIT));
    AtomicInteger lookups = new AtomicInteger();
    TransactionCompletion completion = new TransactionCompletion(() -> {
      lookups.incrementAndGet();
      return states.poll();
    }, () -> { }, Duration.ofSeconds(5), "tx");

    assertThat(completion.awaitCompleted()).isTrue();
    assertThat(lookups).hasValue(3);
  }

  @Test
  void everyPrepareStateIsWaitedForAndEveryOtherStateIsNot() {
    assertThat(TransactionCompletion.COMPLETING).containsExactlyInAnyOrder(TransactionState.PREPARE_COMMIT,
        TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);
  }

  @Test
  void givesUpAfterTheTimeoutSoTheProducersOwnRetriesTakeOver() throws Exception {
    TransactionCompletion completion = new TransactionCompletion(() -> TransactionState.PREPARE_ABORT, () -> { },
        Duration.ofMillis(60), "tx");
    long started = System.nanoTime();

    assertThat(completion.awaitCompleted()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(60), Duration.ofSeconds(5));
  }

  @Test
  void aStateThatCannotBeReadStopsTheWaitingForGood() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    TransactionCompletion completion = new TransactionCompletion(() -> {
      lookups.incrementAndGet();
      throw new ExecutionException(new TransactionalIdAuthorizationException("no DESCRIBE"));
    }, () -> { }, Duration.ofSeconds(5), "tx");

    assertThat(completion.awaitCompleted()).isFalse();
    assertThat(completion.awaitCompleted()).isFalse();
    assertThat(lookups).hasValue(1);
  }
}
