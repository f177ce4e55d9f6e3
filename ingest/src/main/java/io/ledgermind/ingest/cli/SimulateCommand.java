package io.ledgermind.ingest.cli;

import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.schemas.stack.StackEnvFile;
import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.ingest.kafka.EventSink;
import io.ledgermind.ingest.kafka.KafkaEventSink;
import io.ledgermind.ingest.simulate.RunSummary;
import io.ledgermind.ingest.simulate.SimulationDomain;
import io.ledgermind.ingest.simulate.SimulationRunner;
import io.ledgermind.ingest.simulate.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ingest simulate}: runs the deterministic simulators and publishes their raw events to Kafka, one
 * transaction per batch, then prints what went where.
 *
 * <pre>
 * ingest simulate --domain bittensor --seed 7 --blocks 7200
 * ingest simulate --domain all --events 100000 --rate 5000 --topic-prefix demo.
 * </pre>
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Publish simulated raw events (stablecoin flows, Render/Akash usage, Bittensor subnet snapshots) to Kafka.",
        "Same seed, same stream, byte for byte. Each batch is one Kafka transaction."},
    footer = {"", "Without --blocks or --events: 100 blocks of each simulated chain."})
public final class SimulateCommand implements Callable<Integer> {
  private static final String KAFKA_BOOTSTRAP = "LEDGERMIND_KAFKA_BOOTSTRAP";
  /** Opens the sink the events go to; the default writes to Kafka. */
  @FunctionalInterface
  interface SinkFactory {
    EventSink open(KafkaClientConfig kafka, String transactionalId);
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--domain", defaultValue = "all", converter = DomainConverter.class,
      description = "stablecoin, depin, bittensor or all (default: ${DEFAULT-VALUE}).")
  SimulationDomain domain;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Length length;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
      description = "Wall-clock rate limit in events per second; 0 = as fast as possible (default).")
  double rate;

  @Option(names = "--intensity", defaultValue = "1.0",
      description = "Scales events per simulated block: transfers, jobs, deployments, stakes (default: 1.0).")
  double intensity;

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: LEDGERMIND_KAFKA_BOOTSTRAP from the stack env file).")
  String bootstrapServer;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, sasl.*, ssl.*, bootstrap.servers) (default: the"
          + " local stack's ingest credentials).")
  Path kafkaConfig;

  @Option(names = "--topic-prefix", defaultValue = "",
      description = "Prefix for every catalogue topic name, e.g. 'demo.' (default: none).")
  String topicPrefix;

  @Option(names = "--batch-size", defaultValue = "1000", description = "Events per Kafka transaction (default: 1000).")
  int batchSize;

  @Option(names = "--transactional-id",
      description = "Kafka transactional id (default: ledgermind-simulate-<domain>-<seed>).")
  String transactionalId;

  @Option(names = "--dry-run", description = "Simulate and count, publish nothing (no Kafka needed).")
  boolean dryRun;

  private final SinkFactory sinkFactory;

  /** Mutually exclusive run lengths. */
  static final class Length {
    @Option(names = "--blocks", description = "Blocks to simulate on each chain.")
    Long blocks;

    @Option(names = "--events", description = "Events to publish in total.")
    Long events;
  }

  public SimulateCommand() {
    this(KafkaEventSink::create);
  }

  SimulateCommand(SinkFactory sinkFactory) {
    this.sinkFactory = sinkFactory;
  }

  @Override
  public Integer call() throws InterruptedException {
    validate();
    OptionalLong blocks = length != null && length.events != null ? OptionalLong.empty()
        : OptionalLong.of(length != null && length.blocks != null ? length.blocks : 100);
    Simulator simulator = domain.create(seed, intensity, blocks);
    EventRouting routing = topicPrefix.isEmpty() ? EventRouting.catalogue()
        : EventRouting.withTopicNames(name -> topicPrefix + name);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String what = "simulate " + name(domain) + " seed=" + seed + (dryRun ? " (dry run)" : "");
    try (EventSink sink = dryRun ? new DiscardingSink() : sinkFactory.open(kafka(), transactionalId())) {
      RunSummary summary = SimulationRunner.builder()
          .simulator(simulator)
          .sink(sink)
          .routing(routing)
          .batchSize(batchSize)
          .maxEvents(length != null && length.events != null ? length.events : Long.MAX_VALUE)
          .eventsPerSecond(rate)
          .progress(new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8))
          .build()
          .run();
      out.print(summary.describe(what));
      out.flush();
      return 0;
    } catch (KafkaException e) {
      err.println(what + " failed: " + e.getMessage()
          + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
      err.println("Batches committed before the failure stay committed; a rerun with the same seed republishes "
          + "them with the same event ids.");
      return 1;
    }
  }

  private void validate() {
    CommandLine cli = spec.commandLine();
    if (rate < 0 || intensity < 0 || batchSize <= 0) {
      throw new CommandLine.ParameterException(cli, "--rate and --intensity must be >= 0, --batch-size > 0");
    }
    if (length != null && (length.blocks != null && length.blocks < 0 || length.events != null && length.events < 0)) {
      throw new CommandLine.ParameterException(cli, "--blocks and --events must be >= 0");
    }
  }

  private KafkaClientConfig kafka() {
    Path file = StackEnvFile.defaultPath();
    try {
      return KafkaClientConfig.resolve(kafkaConfig, bootstrapServer, StackEnvFile.read(file), "ingest");
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " (no " + KAFKA_BOOTSTRAP
          + " in " + file + ")");
    }
  }

  private String transactionalId() {
    return transactionalId != null ? transactionalId : "ledgermind-simulate-" + name(domain) + "-" + seed;
  }

  private static String name(SimulationDomain domain) {
    return domain.name().toLowerCase(Locale.ROOT);
  }

  /** Accepts domain names in any case. */
  static final class DomainConverter implements CommandLine.ITypeConverter<SimulationDomain> {
    @Override
    public SimulationDomain convert(String value) {
      try {
        return SimulationDomain.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not one of stablecoin, depin, bittensor, all");
      }
    }
  }

  /** --dry-run: counts through the runner, sends nothing. */
  private static final class DiscardingSink implements EventSink {
    @Override
    public void publish(List<ProducerRecord<byte[], byte[]>> batch) {}

    @Override
    public void close() {}
  }

  /** Progress lines go to picocli's err writer, so tests and the root CLI can capture them. */
  private static final class WriterOutputStream extends OutputStream {
    private final PrintWriter writer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    WriterOutputStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public void flush() {
      writer.print(line.toString(StandardCharsets.UTF_8));
      writer.flush();
      line.reset();
    }
  }
}
