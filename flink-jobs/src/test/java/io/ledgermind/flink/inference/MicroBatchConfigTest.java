package io.ledgermind.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicroBatchConfigTest {

  @Test
  void defaultsToBatchesOf64Within20msAndFourBatchesInFlight() {
    MicroBatchConfig config = MicroBatchConfig.defaults();
    assertThat(config.maxBatchSize()).isEqualTo(64);
    assertThat(config.maxWait()).isEqualTo(Duration.ofMillis(20));
    assertThat(config.capacity()).isEqualTo(256);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void defaultCapacityFollowsTheBatchSize() {
    assertThat(MicroBatchConfig.builder().maxBatchSize(100).build().capacity()).isEqualTo(400);
  }

  @Test
  void rejectsCapacityBelowTheBatchSize() {
    assertThatThrownBy(() -> MicroBatchConfig.builder().maxBatchSize(64).capacity(32).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity (32)")
        .hasMessageContaining("maxBatchSize (64)");
  }

  @Test
  void rejectsTimeoutNotLongerThanMaxWait() {
    assertThatThrownBy(() -> MicroBatchConfig.builder().maxWait(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(1))
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }

  @Test
  void rejectsNonPositiveSizesAndNegativeDurations() {
    assertThatThrownBy(() -> MicroBatchConfig.builder().maxBatchSize(0)).hasMessageContaining("maxBatchSize");
    assertThatThrownBy(() -> MicroBatchConfig.builder().capacity(0)).hasMessageContaining("capacity");
    assertThatThrownBy(() -> MicroBatchConfig.builder().maxWait(Duration.ofMillis(-1)))
        .hasMessageContaining("maxWait");
    assertThatThrownBy(() -> MicroBatchConfig.builder().timeout(Duration.ZERO)).hasMessageContaining("timeout");
  }
}
