package io.ledgermind.ingest.simulate;

import java.time.Instant;

/**
 * A deterministic generator of raw events, one simulated block at a time. Same parameters and seed, same blocks,
 * byte for byte. Implementations are stateful and not thread-safe: one simulator per run.
 *
 * <pre>{@code
 * Simulator sim = Simulators.limit(new StablecoinSimulator(StablecoinParams.builder().seed(42).build()), 100);
 * while (sim.hasNext()) {
 *   SimulatedBlock block = sim.next();
 * }
 * }</pre>
 */
public interface Simulator {
  /** The domain in {@code source} and CLI terms: stablecoin, render, akash, depin, bittensor, all. */
  String domain();

  /** False once a configured block limit is reached; plain simulators are unbounded. */
  boolean hasNext();

  /** Time of the block {@link #next()} will return; composites merge their members by it. */
  Instant peekTime();

  /** Simulates the next block. */
  SimulatedBlock next();
}
