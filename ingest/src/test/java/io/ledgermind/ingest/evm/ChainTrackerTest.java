package io.ledgermind.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.schemas.ops.EmittedEvent;
import io.ledgermind.schemas.ops.ReaderCheckpoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTrackerTest {
  @Test
  void keepsABoundedWindowAndRoundTripsThroughTheCheckpoint() {
    ChainTracker tracker = new ChainTracker(3);
    for (long n = 10; n < 15; n++) {
      tracker.append(n, "0x" + n, List.of(event(n, "e" + n)));
    }
    assertThat(tracker.oldestNumber()).isEqualTo(12);
    ReaderCheckpoint checkpoint = tracker.checkpoint("r", "eip155:1", Instant.EPOCH);
    assertThat(checkpoint.getLastBlockNumber()).isEqualTo(14);
    assertThat(checkpoint.getRecentEvents()).extracting(EmittedEvent::getEventId).containsExactly("e12", "e13", "e14");

    ChainTracker restored = ChainTracker.from(checkpoint, 3);
    assertThat(restored.newestFirst()).extracting(ChainTracker.TrackedBlock::number).containsExactly(14L, 13L, 12L);
    assertThat(restored.newestFirst().get(0).events()).extracting(EmittedEvent::getEventId).containsExactly("e14");
  }

  @Test
  void removesOrphansNewestFirstAndRefusesGaps() {
    ChainTracker tracker = new ChainTracker(10);
    for (long n = 1; n <= 5; n++) {
      tracker.append(n, "0x" + n, List.of());
    }
    ChainTracker copy = tracker.copy();
    assertThat(copy.removeAbove(2)).extracting(ChainTracker.TrackedBlock::number).containsExactly(5L, 4L, 3L);
    assertThat(copy.tip()).get().extracting(ChainTracker.TrackedBlock::number).isEqualTo(2L);
    assertThat(tracker.tip()).get().extracting(ChainTracker.TrackedBlock::number).as("original untouched").isEqualTo(5L);
    assertThatThrownBy(() -> copy.append(4, "0x4", List.of())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void recognisesProviderRangeErrors() {
    assertThat(RpcClient.isRangeTooLarge("query returned more than 10000 results")).isTrue();
    assertThat(RpcClient.isRangeTooLarge("Log response size exceeded. You can make eth_getLogs requests with up to a 2K"
        + " block range")).isTrue();
    assertThat(RpcClient.isRangeTooLarge("execution reverted")).isFalse();
  }

  @Test
  void backoffStaysWithinItsCap() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    for (int attempt = 1; attempt < 40; attempt++) {
      assertThat(policy.delay(attempt)).isLessThanOrEqualTo(policy.maxDelay());
    }
  }

  private static EmittedEvent event(long block, String id) {
    return EmittedEvent.newBuilder().setBlockNumber(block).setBlockHash("0x" + block).setEventId(id)
        .setTopic("t").setKey("k").build();
  }
}
