package io.ledgermind.oracle.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignerBoundsTest {
  /** An update of {@code feed} for window number {@code window} (an hour each). */
  static FeedUpdateEntry e(String feed, long window, long answer) {
    long observedAt = 1_700_000_000L + 3_600 * window;
    return new FeedUpdateEntry(feed, BigInteger.valueOf(answer), observedAt, observedAt + 3_600, new byte[32],
        new byte[32]);
  }

  final SignerBounds bounds = new SignerBounds(Set.of("A", "B"), 1_000, BigInteger.valueOf(50), 2);

  @Test
  void onlyAllowedFeeds() {
    assertThat(bounds.check(List.of(e("A", 1, 10), e("C", 1, 10)))).hasValueSatisfying(r -> assertThat(r)
        .contains("not allowed: C"));
    assertThat(bounds.check(List.of(e("A", 1, 10), e("B", 1, 10)))).isEmpty();
  }

  @Test
  void deviationIsBoundedWithAnAbsoluteFloor() {
    bounds.signed(List.of(e("A", 1, 10_000)));
    assertThat(bounds.check(List.of(e("A", 2, 11_000)))).isEmpty(); // 10%
    assertThat(bounds.check(List.of(e("A", 2, 11_001)))).isPresent();
    assertThat(bounds.check(List.of(e("A", 2, 8_999)))).isPresent();
    bounds.signed(List.of(e("B", 1, 0)));
    assertThat(bounds.check(List.of(e("B", 2, -50)))).isEmpty(); // floor near zero
    assertThat(bounds.check(List.of(e("B", 2, 51)))).isPresent();
  }

  @Test
  void windowsNeverGoBackAndOneWindowHasOneContent() {
    bounds.signed(List.of(e("A", 5, 100)));
    assertThat(bounds.check(List.of(e("A", 4, 100)))).hasValueSatisfying(r -> assertThat(r).contains("before"));
    assertThat(bounds.check(List.of(e("A", 5, 100)))).as("re-signing identical content").isEmpty();
    assertThat(bounds.check(List.of(e("A", 5, 101)))).hasValueSatisfying(r -> assertThat(r).contains("other content"));
  }

  @Test
  void rateIsLimited() {
    assertThat(bounds.tryAcquire()).isTrue();
    assertThat(bounds.tryAcquire()).isTrue();
    assertThat(bounds.tryAcquire()).isFalse();
  }

  @Test
  void keysNeverShowUp() {
    String hex = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    SignerKey key = SignerKey.fromHex(hex);
    assertThat(key.toString()).doesNotContain(hex.substring(2)).contains(key.address());
    String broken = hex.substring(0, 60) + "xyz1";
    assertThatThrownBy(() -> SignerKey.fromHex(broken)).hasMessageNotContaining(hex.substring(2, 60)).hasNoCause();
  }
}
