package io.ledgermind.oracle.signer;

import io.ledgermind.oracle.chain.OracleChain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signer's own reading of the oracle: the signer-set version reports must be signed for, and per allowed feed
 * the rounds published within the deviation window, handed to {@link SignerBounds#seed}. The signer reads the chain
 * itself rather than trusting the transmitter's proposal about what is on chain.
 *
 * <p>Each refresh costs one {@code feedStates} call, plus one {@code roundDetails} per round published since the
 * previous refresh (at most {@link #MAX_ROUNDS_READ} per feed).
 */
final class ChainFollower {
  /** Rounds read back per feed at most: beyond that, the deviation window keeps the newest ones. */
  static final int MAX_ROUNDS_READ = 64;

  private final OracleChain chain;
  private final List<String> feeds;
  private final Map<String, Long> knownLatest = new HashMap<>();
  private final Map<String, List<SignerBounds.Round>> recent = new HashMap<>();
  private long configVersion = -1;

  ChainFollower(OracleChain chain, Set<String> feeds) {
    this.chain = chain;
    this.feeds = List.copyOf(feeds);
  }

  /** The signer-set version of the last refresh; -1 before the first. */
  long configVersion() {
    return configVersion;
  }

  /** Reads the chain and seeds {@code bounds} with every allowed feed's state; unregistered feeds stay unseeded. */
  void refresh(SignerBounds bounds, long nowSeconds) throws IOException {
    OracleChain.FeedStates states = chain.feedStates(feeds);
    long windowStart = nowSeconds - bounds.deviationWindow().toSeconds();
    for (String feed : feeds) {
      OracleChain.FeedState s = states.feeds().get(feed);
      if (!s.registered()) {
        continue;
      }
      long known = knownLatest.getOrDefault(feed, 0L);
      List<SignerBounds.Round> rounds = new ArrayList<>(recent.getOrDefault(feed, List.of()));
      List<SignerBounds.Round> added = new ArrayList<>();
      for (long r = s.latestRound(); r > known && r > s.latestRound() - MAX_ROUNDS_READ; r--) {
        OracleChain.RoundDetails d = chain.roundDetails(feed, r).orElseThrow(
            () -> new IOException("round of " + feed + " vanished while being read"));
        added.add(0, new SignerBounds.Round(d.answer(), d.observedAt(), d.updatedAt()));
        if (known == 0 && d.updatedAt() < windowStart) {
          break; // first read: older rounds are outside the window anyway
        }
      }
      rounds.addAll(added);
      // Keep the rounds inside the window, and always the latest one.
      List<SignerBounds.Round> kept = new ArrayList<>();
      for (int i = 0; i < rounds.size(); i++) {
        if (rounds.get(i).updatedAt() >= windowStart || i == rounds.size() - 1) {
          kept.add(rounds.get(i));
        }
      }
      knownLatest.put(feed, s.latestRound());
      recent.put(feed, kept);
      bounds.seed(feed, new SignerBounds.OnChain(s.maxObservationAge(), kept));
    }
    configVersion = states.configVersion();
  }
}
