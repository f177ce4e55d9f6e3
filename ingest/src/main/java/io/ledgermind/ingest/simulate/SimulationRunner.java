package io.ledgermind.ingest.simulate;

import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.ingest.kafka.EventSink;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a simulator's events through {@link EventRouting} (catalogue topic and key per record type) into an
 * {@link EventSink}, in batches: each batch is one Kafka transaction, so a {@code read_committed} consumer sees
 * whole batches or nothing. Optional wall-clock rate limit; under a rate limit a batch is also closed once it is
 * {@code maxBatchDelay} old, so a slow rate still trickles out instead of waiting for a full batch. Prints a
 * progress line to {@code progress} (stderr in the CLI) every {@code progressInterval}.
 *
 * <pre>{@code
 * try (EventSink sink = KafkaEventSink.create("127.0.0.1:19092", "ingest-simulate-42")) {
 *   RunSummary summary = SimulationRunner.builder()
 *       .simulator(SimulationDomain.ALL.create(42, 1.0, OptionalLong.of(1_000)))
 *       .sink(sink)
 *       .routing(EventRouting.catalogue())
 *       .batchSize(1_000)
 *       .eventsPerSecond(5_000)
 *       .progress(System.err)
 *       .build()
 *       .run();
 * }
 * }</pre>
 *
 * <p>The runner does not close the sink: whoever opened it does.
 */
public final class SimulationRunner {
  private final Simulator simulator;
  private final EventSink sink;
  private final EventRouting routing;
  private final int batchSize;
  private final long maxEvents;
  private final RateLimiter rateLimiter;
  private final long maxBatchDelayNanos;
  private final PrintStream progress;
  private final long progressIntervalNanos;
  private final LongSupplier ticker;

  private SimulationRunner(Builder b) {
    this.simulator = b.simulator;
    this.sink = b.sink;
    this.routing = b.routing;
    this.batchSize = b.batchSize;
    this.maxEvents = b.maxEvents;
    this.ticker = b.ticker;
    this.rateLimiter = b.eventsPerSecond > 0 ? new RateLimiter(b.eventsPerSecond, b.ticker, b.sleeper) : null;
    this.maxBatchDelayNanos = b.maxBatchDelay.toNanos();
    this.progress = b.progress;
    this.progressIntervalNanos = b.progressInterval.toNanos();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs until the simulator has no more blocks or {@code maxEvents} were published (the last block may then be
   * cut short: events are independent records).
   *
   * @throws InterruptedException when interrupted while rate limiting; batches committed so far stay committed
   */
  public RunSummary run() throws InterruptedException {
    long startNanos = ticker.getAsLong();
    long lastProgress = startNanos;
    long blocks = 0;
    long events = 0;
    long transactions = 0;
    Map<String, Long> byTopic = new HashMap<>();
    List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(Math.min(batchSize, 10_000));
    long batchStarted = 0;
    SimulatedBlock block = null;
    outer:
    while (events < maxEvents && simulator.hasNext()) {
      block = simulator.next();
      blocks++;
      for (SpecificRecord event : block.events()) {
        if (events >= maxEvents) {
          break outer;
        }
        if (rateLimiter != null) {
          rateLimiter.acquire();
        }
        ProducerRecord<byte[], byte[]> record = routing.route(event);
        if (batch.isEmpty()) {
          batchStarted = ticker.getAsLong();
        }
        batch.add(record);
        byTopic.merge(record.topic(), 1L, Long::sum);
        events++;
        if (batch.size() >= batchSize
            || rateLimiter != null && ticker.getAsLong() - batchStarted >= maxBatchDelayNanos) {
          sink.publish(batch);
          transactions++;
          batch = new ArrayList<>(Math.min(batchSize, 10_000));
        }
      }
      long now = ticker.getAsLong();
      if (progress != null && now - lastProgress >= progressIntervalNanos) {
        lastProgress = now;
        progress.println(progressLine(events, blocks, transactions, now - startNanos, block));
      }
    }
    if (!batch.isEmpty()) {
      sink.publish(batch);
      transactions++;
    }
    Duration elapsed = Duration.ofNanos(ticker.getAsLong() - startNanos);
    return new RunSummary(blocks, events, transactions, byTopic, elapsed, block == null ? null : block.time());
  }

  private String progressLine(long events, long blocks, long transactions, long elapsedNanos, SimulatedBlock block) {
    double seconds = elapsedNanos / 1e9;
    return String.format(Locale.ROOT, "simulate %s: %,d events, %,d blocks, %,d transactions, %,.0f events/s, at %s",
        simulator.domain(), events, blocks, transactions, seconds > 0 ? events / seconds : 0, block.time());
  }

  /** Builder for {@link SimulationRunner}. */
  public static final class Builder {
    private Simulator simulator;
    private EventSink sink;
    private EventRouting routing = EventRouting.catalogue();
    private int batchSize = 1_000;
    private long maxEvents = Long.MAX_VALUE;
    private double eventsPerSecond;
    private Duration maxBatchDelay = Duration.ofMillis(500);
    private PrintStream progress;
    private Duration progressInterval = Duration.ofSeconds(5);
    private LongSupplier ticker = System::nanoTime;
    private RateLimiter.Sleeper sleeper = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

    private Builder() {}

    public Builder simulator(Simulator simulator) {
      this.simulator = simulator;
      return this;
    }

    public Builder sink(EventSink sink) {
      this.sink = sink;
      return this;
    }

    /** Topic names and keys; default: the catalogue's production names. */
    public Builder routing(EventRouting routing) {
      this.routing = routing;
      return this;
    }

    /** Events per Kafka transaction. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Stop after this many events (default: when the simulator ends). */
    public Builder maxEvents(long maxEvents) {
      this.maxEvents = maxEvents;
      return this;
    }

    /** Wall-clock rate limit; 0 (default) = as fast as the sink takes them. */
    public Builder eventsPerSecond(double eventsPerSecond) {
      this.eventsPerSecond = eventsPerSecond;
      return this;
    }

    /** Under a rate limit, the longest a started batch waits before it is committed. */
    public Builder maxBatchDelay(Duration maxBatchDelay) {
      this.maxBatchDelay = maxBatchDelay;
      return this;
    }

    /** Where progress lines go (null = none). */
    public Builder progress(PrintStream progress) {
      this.progress = progress;
      return this;
    }

    public Builder progressInterval(Duration progressInterval) {
      this.progressInterval = progressInterval;
      return this;
    }

    /** Time source and sleep, for tests of the rate limit. */
    public Builder clock(LongSupplier ticker, RateLimiter.Sleeper sleeper) {
      this.ticker = ticker;
      this.sleeper = sleeper;
      return this;
    }

    public SimulationRunner build() {
      Objects.requireNonNull(simulator, "simulator");
      Objects.requireNonNull(sink, "sink");
      Objects.requireNonNull(routing, "routing");
      if (batchSize <= 0 || maxEvents < 0 || eventsPerSecond < 0) {
        throw new IllegalArgumentException("batchSize > 0, maxEvents >= 0, eventsPerSecond >= 0 required");
      }
      return new SimulationRunner(this);
    }
  }
}
