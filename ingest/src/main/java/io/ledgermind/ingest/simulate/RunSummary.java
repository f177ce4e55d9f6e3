package io.ledgermind.ingest.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link SimulationRunner} run published.
 *
 * @param blocks          simulated blocks consumed (all chains)
 * @param events          records published
 * @param transactions    Kafka transactions (batches) committed
 * @param eventsByTopic   records per topic
 * @param elapsed         wall-clock duration
 * @param lastBlockTime   simulated time of the last block, null when none ran
 */
public record RunSummary(long blocks, long events, long transactions, Map<String, Long> eventsByTopic,
    Duration elapsed, Instant lastBlockTime) {
  public RunSummary {
    eventsByTopic = Map.copyOf(eventsByTopic);
  }

  /** Events per wall-clock second. */
  public double eventsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? events / seconds : 0;
  }

  /** Multi-line human summary, topics sorted. */
  public String describe(String what) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(java.util.Locale.ROOT,
        "%s: %,d events from %,d blocks in %,d transactions, %.1f s (%,.0f events/s)%n",
        what, events, blocks, transactions, elapsed.toNanos() / 1e9, eventsPerSecond()));
    if (lastBlockTime != null) {
      out.append("  simulated time reached ").append(lastBlockTime).append(System.lineSeparator());
    }
    new TreeMap<>(eventsByTopic).forEach((topic, count) ->
        out.append(String.format(java.util.Locale.ROOT, "  %-40s %,d%n", topic, count)));
    return out.toString();
  }
}
