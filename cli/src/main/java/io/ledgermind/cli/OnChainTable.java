package io.ledgermind.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/** The run's table of feeds on-chain: one row per feed, as a contract reads it through the feed's proxy. */
final class OnChainTable {
  private OnChainTable() {}

  static void print(PrintStream out, OraclePublication.Result result, Path deploymentFile) {
    out.printf("      %-24s %-17s %-14s %5s  %-19s  %-19s  %-8s %-12s %9s%n", "feed", "run's request", "answer", "round",
        "window (observedAt)", "updatedAt", "consumer", "tx", "gas (tx)");
    for (OraclePublication.FeedRow row : result.feeds()) {
      FeedReadback.Reading r = row.reading();
      if (r == null) {
        out.printf("      %-24s %-17s no round on chain%n", row.feed(), row.outcome());
        continue;
      }
      out.printf("      %-24s %-17s %-14s %5d  %-19s  %-19s  %-8s %-12s %9s%n", row.feed(), row.outcome(), r.human(),
          r.roundId(),
          time(r.observedAt()), time(r.updatedAt()), r.consumerAgrees() ? "reads it" : "REFUSES",
          row.txHash() == null ? "-" : row.txHash().substring(0, 12), row.gasUsed() == null ? "-"
              : String.format("%,d", row.gasUsed()));
      if (!r.consumerAgrees()) {
        out.printf("      %-24s consumer: %s%n", "", r.consumerError());
      }
    }
    out.printf("      oracle %s; proxies (AggregatorV3Interface) in %s; check a round: ./ledgermind verify FEED%n",
        result.deployment().oracle(), deploymentFile);
  }

  private static String time(long seconds) {
    return Instant.ofEpochSecond(seconds).toString().replace("T", " ").replace("Z", "");
  }
}
