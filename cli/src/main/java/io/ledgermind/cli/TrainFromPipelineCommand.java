package io.ledgermind.cli;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.cli.topics.TopicAdmin;
import io.ledgermind.flink.job.IntelligenceJob;
import io.ledgermind.flink.job.JobSettings;
import io.ledgermind.ingest.simulate.RunSummary;
import io.ledgermind.ingest.simulate.SimulationParams;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.cli.CheckoutPaths;
import io.ledgermind.models.cli.ProgressBar;
import io.ledgermind.models.cli.TrainCommand;
import io.ledgermind.models.data.Dataset;
import io.ledgermind.models.data.FeatureWindowSeries;
import io.ledgermind.models.data.Series;
import io.ledgermind.models.data.Split;
import io.ledgermind.models.lstm.FamilyFeatures;
import io.ledgermind.models.lstm.LstmTrainer;
import io.ledgermind.models.lstm.LstmTrainingConfig;
import io.ledgermind.models.runtime.DjlRuntime;
import io.ledgermind.models.runtime.TrainedModel;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code models train-from-pipeline}: the forecasters learn the world the pipeline serves them. It simulates a long
 * history with ingest's simulators (the only simulation), runs the intelligence job's own feature extraction over it
 * (Kafka → Flink → ClickHouse {@code feature_windows}), and trains each family's LSTM on those feature windows; the
 * later 30 % of the history is held out, and a second, shorter history of another seed is held out entirely. Each artifact gets its dataset ({@code dataset.tsv}, hashed in the
 * manifest with the seed, span and command), so {@code models evaluate} reproduces its table offline.
 *
 * <p>The history ends at a fixed date (it starts at the simulators' default genesis), so the same seed gives the
 * same events, the same windows and, with the deterministic trainer, the same model. Topics and database are its
 * own ({@code train-<seed>.}, {@code ledgermind_train_<seed>}) and are removed afterwards unless {@code --keep-data}.
 */
@Command(name = "train-from-pipeline", mixinStandardHelpOptions = true,
    description = "Simulate a long history, run the intelligence job's feature extraction over it and train the LSTM"
        + " forecasters on the resulting feature windows (later 30 %% held out). Needs the local stack.")
final class TrainFromPipelineCommand implements Callable<Integer> {
  @Option(names = "--days", defaultValue = "120",
      description = "Days of simulated history; DePIN needs 48 daily windows before its first training sample"
          + " (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--depin-days", defaultValue = "365",
      description = "Days of simulated DePIN history, ending where the others end: DePIN windows are daily, so it"
          + " needs a longer span for as many samples (default: ${DEFAULT-VALUE}).")
  int depinDays;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation, initialisation and shuffling"
      + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--family", defaultValue = "all",
      description = "stablecoin-net-flow, depin-usage, subnet-emission-share or all (default: ${DEFAULT-VALUE}).")
  String family;

  @Option(names = "--epochs", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--intensity", defaultValue = "0.3",
      description = "Scales stablecoin transfers per block, as in `run` (default: ${DEFAULT-VALUE}).")
  double intensity;

  @Option(names = "--out", description = "Artifacts root; each model goes to <out>/<model name>. Default: the"
      + " bundled artifacts of this checkout (models/src/main/resources/artifacts).")
  Path out;

  @Option(names = "--heldout-seed", description = "Seed of a second, held-out history the models are also evaluated"
      + " on (default: --seed + 1).")
  Long heldOutSeed;

  @Option(names = "--heldout-days", defaultValue = "30",
      description = "Days of the held-out history (default: ${DEFAULT-VALUE}).")
  int heldOutDays;

  @Option(names = "--heldout-depin-days", defaultValue = "120",
      description = "Days of the held-out history's DePIN activity (default: ${DEFAULT-VALUE}).")
  int heldOutDepinDays;

  @Option(names = "--keep-data", description = "Keep the history's topics and ClickHouse database afterwards.")
  boolean keepData;

  @Option(names = "--topic-prefix", description = "Prefix of the history's topics (default: train-<seed>.).")
  String topicPrefix;

  @Option(names = "--database", description = "ClickHouse database of the history (default: ledgermind_train_<seed>).")
  String database;

  /** The stack to use; null = the checkout's (tests pass their own). */
  private final StackEnv stack;

  TrainFromPipelineCommand() {
    this(null);
  }

  TrainFromPipelineCommand(StackEnv stack) {
    this.stack = stack;
  }

  @Override
  public Integer call() throws Exception {
    if (days < 3 || depinDays < 1 || heldOutDays < 1 || heldOutDepinDays < 1 || epochs < 1 || intensity <= 0) {
      System.err.println("--days must be >= 3, --depin-days, --heldout-days and --heldout-depin-days >= 1,"
          + " --epochs >= 1 and --intensity > 0");
      return 2;
    }
    List<SeriesFamily> families = family.equals("all") ? List.of(SeriesFamily.values())
        : List.of(SeriesFamily.parse(family));
    Path root = out != null ? out : CheckoutPaths.artifactsRoot();
    StackEnv env = stack != null ? stack : StackEnv.loadDefault();
    String prefix = topicPrefix != null ? topicPrefix : "train-" + seed + ".";
    String db = database != null ? database : "ledgermind_train_" + seed;
    long otherSeed = heldOutSeed != null ? heldOutSeed : seed + 1;
    History history = new History(env, seed, days, depinDays, intensity, prefix, db);
    History heldOut = new History(env, otherSeed, heldOutDays, heldOutDepinDays, intensity, prefix + "heldout.",
        db + "_heldout");
    Map<SeriesFamily, List<Series>> trainSeries = new java.util.EnumMap<>(SeriesFamily.class);
    Map<SeriesFamily, List<Series>> heldOutSeries = new java.util.EnumMap<>(SeriesFamily.class);
    try {
      history.build();
      for (SeriesFamily f : families) {
        trainSeries.put(f, series(f, history));
      }
      System.out.printf("Held-out history: seed %d, %d days (DePIN %d) ...%n", otherSeed, heldOutDays,
          heldOutDepinDays);
      heldOut.build();
      for (SeriesFamily f : families) {
        heldOutSeries.put(f, series(f, heldOut));
      }
    } finally {
      if (!keepData) {
        history.remove();
        heldOut.remove();
      }
    }
    System.out.println(DjlRuntime.describe() + ", " + DjlRuntime.intraOpThreads() + " intra-op thread(s)");
    for (SeriesFamily f : families) {
      train(f, trainSeries.get(f), heldOutSeries.get(f), otherSeed, root);
    }
    System.out.println("Regenerate the models README table with: ./ledgermind models evaluate --write-readme");
    return 0;
  }

  private static List<String> features(SeriesFamily f) {
    return FamilyFeatures.inputs(f).stream().map(io.ledgermind.models.artifact.FeatureSpec.InputFeature::name)
        .toList();
  }

  private static List<Series> series(SeriesFamily f, History history) {
    return aligned(FeatureWindowSeries.of(f, features(f), history.windows(f)));
  }

  private void train(SeriesFamily f, List<Series> series, List<Series> heldOut, long otherSeed, Path root)
      throws Exception {
    List<String> features = features(f);
    if (series.isEmpty() || series.get(0).length() < 80) {
      throw new IllegalStateException(f.id() + ": only " + (series.isEmpty() ? 0 : series.get(0).length())
          + " consecutive windows in " + days + " days of history; give more --days");
    }
    int trainRows = Split.trainRows(series.get(0).length(), 0.7);
    Dataset dataset = new Dataset(f, features, series);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("source", "pipeline: ingest simulators -> Kafka -> intelligence job features -> ClickHouse feature_windows");
    data.put("command", "ledgermind models train-from-pipeline --days " + days + " --depin-days " + depinDays
        + " --seed " + seed + " --intensity " + intensity);
    data.put("seed", seed);
    data.put("simulatedDays", f == SeriesFamily.DEPIN_USAGE ? depinDays : days);
    data.put("genesis", SimulationParams.DEFAULT_GENESIS.toString());
    data.put("dataset", Dataset.FILE);
    data.put("datasetSha256", dataset.sha256());
    Dataset other = new Dataset(f, features, heldOut);
    boolean evaluable = !heldOut.isEmpty() && heldOut.get(0).length() > 60;
    if (evaluable) {
      data.put("heldOutSeed", otherSeed);
      data.put("heldOutSeedDays", f == SeriesFamily.DEPIN_USAGE ? heldOutDepinDays : heldOutDays);
      data.put("heldOutSeedDataset", Dataset.HELD_OUT_FILE);
      data.put("heldOutSeedSha256", other.sha256());
    }
    long start = System.nanoTime();
    TrainedModel trained = LstmTrainer.train(LstmTrainingConfig.builder(f).seed(seed).epochs(epochs)
        .progress(new ProgressBar("lstm " + f.id())).build(), series, trainRows, data);
    Path dir = root.resolve(trained.manifest().name());
    trained.writeTo(dir);
    dataset.write(dir);
    if (evaluable) {
      other.write(dir, Dataset.HELD_OUT_FILE);
    }
    LoadedArtifact artifact = TrainCommand.write(trained, root);
    System.out.printf("%s: %s in %.1f s (%d entities x %d windows, %d train)%n", trained.manifest().name(),
        trained.manifest().modelHash(), (System.nanoTime() - start) / 1e9, series.size(), series.get(0).length(),
        trainRows);
    System.out.println(TrainCommand.evaluateInto(artifact, root, 0));
  }

  /** The series cut to the time range all of them cover, so that one row index splits them all in time. */
  static List<Series> aligned(List<Series> series) {
    if (series.isEmpty()) {
      return series;
    }
    long from = series.stream().mapToLong(s -> s.endMillis(0)).max().orElseThrow();
    long to = series.stream().mapToLong(s -> s.endMillis(s.length() - 1)).min().orElseThrow() + 1;
    return FeatureWindowSeries.between(series, from, to);
  }

  /** The simulated history: its own topics and database, the job over them, and the windows it computed. */
  static final class History {
    private final StackEnv env;
    private final long seed;
    private final int days;
    private final int depinDays;
    private final double intensity;
    private final String prefix;
    private final String database;
    private final ClickHouseHttpClient clickHouse;

    History(StackEnv env, long seed, int days, int depinDays, double intensity, String prefix, String database) {
      this.env = env;
      this.seed = seed;
      this.days = days;
      this.depinDays = depinDays;
      this.intensity = intensity;
      this.prefix = prefix;
      this.database = database;
      this.clickHouse = ClickHouseHttpClient.builder().url(env.clickHouseUrl())
          .user(env.get("LEDGERMIND_CLICKHOUSE_USER", "default"))
          .password(env.get("LEDGERMIND_CLICKHOUSE_PASSWORD", "")).build();
    }

    void build() throws Exception {
      remove(); // a rerun starts from nothing: same seed, same events, same windows
      try (Admin admin = admin()) {
        new TopicAdmin(admin, (short) 1).ensure(TopicCatalogue.ALL.stream().map(s -> s.withName(prefix + s.name()))
            .toList());
        io.ledgermind.schemas.topics.RoleAcls.ensure(admin, prefix);
      }
      io.ledgermind.clickhouse.migrate.MigrationRunner.builder().client(clickHouse).database(database).build()
          .migrate();
      Instant genesis = SimulationParams.DEFAULT_GENESIS;
      Duration span = Duration.ofDays(days);
      Instant end = genesis.plus(span);
      Instant depinGenesis = end.minus(Duration.ofDays(depinDays));
      System.out.printf("[1/3] Simulating %d days from %s (DePIN: %d days from %s; seed %d) into %s* ...%n", days,
          genesis, depinDays, depinGenesis, seed, prefix);
      long t0 = System.nanoTime();
      RunSummary produced = PipelineRun.produce(env, prefix, seed,
          PipelineRun.simulators(seed, end, span, span, Duration.ofDays(depinDays), intensity),
          System.out);
      System.out.printf("      %,d events in %,d ms%n", produced.events(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      // Two jobs: DePIN's history starts long before the others, and one job over all topics would hold every
      // hourly window of the others in state until DePIN's watermark caught up (it ran several times slower).
      long t1 = System.nanoTime();
      runFeatures(List.of(prefix + TopicCatalogue.RAW_STABLECOIN.name(), prefix + TopicCatalogue.RAW_BITTENSOR.name()),
          "stablecoins and subnets");
      runFeatures(List.of(prefix + TopicCatalogue.RAW_DEPIN.name()), "DePIN");
      System.out.printf("      %s feature windows in %,d ms%n", clickHouse.query("SELECT count() FROM " + database
          + ".feature_windows FINAL").strip(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
      System.out.println("[3/3] Training on the feature windows ...");
    }

    /** The intelligence job, features only, over {@code topics} from their beginning to their end now. */
    private void runFeatures(List<String> topics, String label) throws Exception {
      System.out.printf("[2/3] Intelligence job over %s, features only (Flink MiniCluster, parallelism 2) into"
          + " ClickHouse %s ...%n", label, database);
      Path checkpoints = Files.createTempDirectory("ledgermind-train-checkpoints");
      StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.builder()
          .checkpointDirectory(checkpoints).checkpointInterval(Duration.ofSeconds(2)).restartAttempts(0)
          .parallelism(2).build().toConfiguration());
      IntelligenceJob.builder()
          .kafka(env.kafka("job"))
          .topicPrefix(prefix)
          .rawTopics(topics)
          .groupId(prefix + "ledgermind-train")
          .startingOffsets(OffsetsInitializer.earliest())
          .bounded(true)
          .clickHouse(clickHouse, database)
          .forecastModels(List.of())
          .policy(null)
          .transactionalIdPrefix(prefix + "ledgermind-train-" + Long.toString(System.nanoTime(), 36))
          .build()
          .addTo(flink);
      flink.execute("ledgermind-train-features");
    }

    /** The newest revision of every window of {@code family}'s domain, with its values. */
    List<FeatureWindowSeries.Row> windows(SeriesFamily family) {
      String tsv = clickHouse.query("SELECT entity, toUnixTimestamp(window_end), name, value FROM " + database
          + ".feature_windows FINAL ARRAY JOIN value_names AS name, value_values AS value WHERE domain = '"
          + family.domain() + "' ORDER BY entity, window_end");
      Map<String, FeatureWindowSeries.Row> rows = new LinkedHashMap<>();
      for (String line : tsv.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        long end = Long.parseLong(f[1]) * 1000;
        rows.computeIfAbsent(f[0] + "|" + end, k -> new FeatureWindowSeries.Row(f[0], end, new HashMap<>()))
            .values().put(f[2], Double.parseDouble(f[3]));
      }
      return new ArrayList<>(rows.values());
    }

    void remove() throws Exception {
      clickHouse.execute("DROP DATABASE IF EXISTS " + database);
      try (Admin admin = admin()) {
        List<String> ours = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
            .filter(n -> n.startsWith(prefix)).toList();
        if (!ours.isEmpty()) {
          admin.deleteTopics(ours).all().get(60, TimeUnit.SECONDS);
          // Deletion is asynchronous: wait until the names are gone before they are created again.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(n -> n.startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException("topics " + prefix + "* still exist 60 s after their deletion");
            }
            Thread.sleep(200);
          }
        }
      }
    }

    private Admin admin() {
      return Admin.create(env.kafka("admin").toProperties());
    }
  }
}
