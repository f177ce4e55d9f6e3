package io.ledgermind.oracle.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerBoundsTest {
  static final long T0 = 1_700_000_000L;

  /** An update of {@code feed} for window number {@code window} (an hour each). */
  static FeedUpdateEntry e(String feed, long window, long answer) {
    long observedAt = T0 + 3_600 * window;
    return new FeedUpdateEntry(feed, BigInteger.valueOf(answer), observedAt, observedAt + 3_600, new byte[32],
        new byte[32]);
  }

  /** Now, seconds: shortly after the end of window {@code window}. */
  static long at(long window) {
    return T0 + 3_600 * window + 10;
  }

  static SignerBounds.Round round(long window, long answer) {
    return new SignerBounds.Round(BigInteger.valueOf(answer), T0 + 3_600 * window, T0 + 3_600 * window + 5);
  }

  @TempDir Path dir;
  SignerJournal journal;
  final SignerBounds bounds = SignerBounds.builder(Set.of("A", "B")).maxDeviationBps(1_000)
      .deviationFloor(BigInteger.valueOf(50)).maxSignaturesPerSecond(2).maxRoundsPerHour(3)
      .maxFutureDrift(Duration.ofSeconds(15)).build();

  @BeforeEach
  void open() throws IOException {
    journal = SignerJournal.open(dir.resolve("signer.journal"));
  }

  void seedEmpty() {
    bounds.seed("A", new SignerBounds.OnChain(7_200, List.of()));
    bounds.seed("B", new SignerBounds.OnChain(7_200, List.of()));
  }

  @Test
  void nothingIsSignedBeforeTheChainWasRead() {
    assertThat(bounds.check(List.of(e("A", 1, 10)), journal, at(1)))
        .hasValueSatisfying(r -> assertThat(r).startsWith("wait:").contains("not seeded"));
    seedEmpty();
    assertThat(bounds.check(List.of(e("A", 1, 10)), journal, at(1))).isEmpty();
  }

  @Test
  void onlyAllowedFeeds() {
    seedEmpty();
    assertThat(bounds.check(List.of(e("A", 1, 10), e("C", 1, 10)), journal, at(1)))
        .hasValueSatisfying(r -> assertThat(r).contains("not allowed: C"));
    assertThat(bounds.check(List.of(e("A", 1, 10), e("B", 1, 10)), journal, at(1))).isEmpty();
  }

  @Test
  void deviationIsBoundedByEveryOnChainAnswerOfTheWindowWithAnAbsoluteFloor() {
    bounds.seed("A", new SignerBounds.OnChain(7_200, List.of(round(1, 10_000))));
    assertThat(bounds.check(List.of(e("A", 2, 11_000)), journal, at(2))).isEmpty(); // 10 %
    assertThat(bounds.check(List.of(e("A", 2, 11_001)), journal, at(2))).isPresent();
    assertThat(bounds.check(List.of(e("A", 2, 8_999)), journal, at(2))).isPresent();
    // Two on-chain rounds in the window: the new answer must be within the bound of both, so a second round of
    // +10 % cannot add up to +21 % within the window.
    bounds.seed("A", new SignerBounds.OnChain(7_200, List.of(round(1, 10_000), round(2, 11_000))));
    assertThat(bounds.check(List.of(e("A", 3, 12_100)), journal, at(3))).hasValueSatisfying(r ->
        assertThat(r).contains("from the on-chain answer 10000"));
    assertThat(bounds.check(List.of(e("A", 3, 11_000)), journal, at(3))).isEmpty();
    bounds.seed("B", new SignerBounds.OnChain(7_200, List.of(round(1, 0))));
    assertThat(bounds.check(List.of(e("B", 2, -50)), journal, at(2))).isEmpty(); // floor near zero
    assertThat(bounds.check(List.of(e("B", 2, 51)), journal, at(2))).isPresent();
  }

  @Test
  void staleAndFutureWindowsAreRefused() {
    seedEmpty();
    long now = at(5);
    FeedUpdateEntry future = new FeedUpdateEntry("A", BigInteger.ONE, now + 16, now + 3_600, new byte[32],
        new byte[32]);
    assertThat(bounds.check(List.of(future), journal, now)).hasValueSatisfying(r -> assertThat(r).contains("ahead"));
    FeedUpdateEntry drift = new FeedUpdateEntry("A", BigInteger.ONE, now + 15, now + 3_600, new byte[32],
        new byte[32]);
    assertThat(bounds.check(List.of(drift), journal, now)).isEmpty();
    assertThat(bounds.check(List.of(e("A", 2, 1)), journal, at(5)))
        .hasValueSatisfying(r -> assertThat(r).contains("max observation age"));
  }

  @Test
  void windowsNeverGoBackAndOneWindowHasOneContentAcrossRestarts() throws IOException {
    seedEmpty();
    journal.record(List.of(e("A", 5, 100)), "0xd1", 1_000);
    journal.close();
    SignerJournal reopened = SignerJournal.open(dir.resolve("signer.journal"));
    assertThat(bounds.check(List.of(e("A", 4, 100)), reopened, at(5)))
        .hasValueSatisfying(r -> assertThat(r).contains("before"));
    assertThat(bounds.check(List.of(e("A", 5, 100)), reopened, at(5))).as("re-signing identical content").isEmpty();
    assertThat(bounds.check(List.of(e("A", 5, 101)), reopened, at(5)))
        .hasValueSatisfying(r -> assertThat(r).contains("other content"));
    reopened.close();
  }

  @Test
  void roundsPerFeedAndHourAreLimited() {
    seedEmpty();
    long now = at(1);
    for (int i = 0; i < 3; i++) {
      FeedUpdateEntry e = new FeedUpdateEntry("A", BigInteger.ONE, now - 100 + i, now, new byte[32], new byte[32]);
      assertThat(bounds.check(List.of(e), journal, now)).isEmpty();
      journal.record(List.of(e), "0x" + i, now * 1_000);
    }
    FeedUpdateEntry fourth = new FeedUpdateEntry("A", BigInteger.ONE, now - 50, now, new byte[32], new byte[32]);
    assertThat(bounds.check(List.of(fourth), journal, now)).hasValueSatisfying(r -> assertThat(r).contains("last hour"));
    assertThat(bounds.check(List.of(e("B", 1, 1)), journal, now)).as("another feed has its own count").isEmpty();
    assertThat(bounds.check(List.of(fourth), journal, now + 3_601)).as("an hour later").isEmpty();
  }

  @Test
  void aTornLastLineOfTheJournalIsIgnored() throws IOException {
    journal.record(List.of(e("A", 1, 1)), "0xd1", 1_000);
    journal.close();
    Files.writeString(dir.resolve("signer.journal"), "A\t99", java.nio.file.StandardOpenOption.APPEND);
    SignerJournal reopened = SignerJournal.open(dir.resolve("signer.journal"));
    assertThat(reopened.signed("A", e("A", 1, 1).observedAtSeconds())).isPresent();
    assertThat(reopened.latest("A")).hasValueSatisfying(s -> assertThat(s.observedAt()).isEqualTo(T0 + 3_600));
    reopened.close();
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
