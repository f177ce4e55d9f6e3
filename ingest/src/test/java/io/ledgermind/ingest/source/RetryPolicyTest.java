package io.ledgermind.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Backoff growth, caps, Retry-After and which statuses are transient. */
class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

  @Test
  void backoffDoublesWithAtMostTwentyPercentJitterAndIsCapped() {
    for (int i = 0; i < 50; i++) {
      assertThat(policy.backoff(1, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(120));
      assertThat(policy.backoff(3, null)).isBetween(Duration.ofMillis(400), Duration.ofMillis(480));
      assertThat(policy.backoff(10, null)).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void retryAfterWinsButStaysUnderTheCap() {
    assertThat(policy.backoff(1, Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(700));
    assertThat(policy.backoff(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(1));
    assertThat(JsonHttpClient.retryAfter(Optional.of(" 3 "))).isEqualTo(Duration.ofSeconds(3));
    assertThat(JsonHttpClient.retryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isNull();
    assertThat(JsonHttpClient.retryAfter(Optional.empty())).isNull();
  }

  @Test
  void onlyRateLimitsAndServerFailuresAreTransient() {
    assertThat(JsonHttpClient.isTransient(429)).isTrue();
    assertThat(JsonHttpClient.isTransient(503)).isTrue();
    assertThat(JsonHttpClient.isTransient(504)).isTrue();
    assertThat(JsonHttpClient.isTransient(400)).isFalse();
    assertThat(JsonHttpClient.isTransient(404)).isFalse();
    assertThat(JsonHttpClient.isTransient(501)).isFalse();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2)).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
