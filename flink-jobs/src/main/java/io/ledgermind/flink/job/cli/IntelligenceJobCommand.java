package io.ledgermind.flink.job.cli;

import io.ledgermind.clickhouse.ClickHouseInserter;
import io.ledgermind.clickhouse.ClickHouseInserters;
import io.ledgermind.flink.forecast.ForecastModels;
import io.ledgermind.flink.inference.MicroBatchConfig;
import io.ledgermind.flink.job.BoundedRun;
import io.ledgermind.flink.job.IntelligenceJob;
import io.ledgermind.flink.job.JobSettings;
import io.ledgermind.flink.job.KafkaCatchUp;
import io.ledgermind.flink.job.RetainedCheckpoints;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.schemas.stack.StackEnvFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the intelligence job. Locally (a plain JVM, {@code ledgermind job}) Flink starts a MiniCluster; submitted
 * with {@code flink run ledgermind-flink-jobs-*-job.jar ...} the same main runs on the cluster.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = {
        "Run the intelligence job: raw topics -> feature windows -> LSTM forecasts -> oracle requests,",
        "exactly once to Kafka and idempotently to ClickHouse. Runs until stopped (Ctrl-C) unless --bounded.",
        "Endpoints default to the local stack's env file (.stack/stack.env)."},
    footer = {"", "Examples:",
        "  ledgermind job                                  # run on the local stack, resume from the last checkpoint",
        "  ledgermind job --bounded --parallelism 1        # process what is in Kafka now, stop at a savepoint",
        "  ledgermind job --bounded --parallelism 1        # again later: resumes from that savepoint",
        "  flink run target/ledgermind-flink-jobs-0.1.0-SNAPSHOT-job.jar --bootstrap-server k:9092 \\",
        "      --clickhouse-url http://ch:8123 --checkpoint-dir /shared/checkpoints"})
public final class IntelligenceJobCommand implements Callable<Integer> {
  /** Savepoints of bounded runs kept in the checkpoint folder: the newest is resumed, one more to fall back to. */
  static final int KEPT_SAVEPOINTS = 2;

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: LEDGERMIND_KAFKA_BOOTSTRAP from the stack env file).")
  String bootstrap;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, sasl.*, ssl.*, bootstrap.servers) for every source"
          + " and sink of the job (default: the local stack's job credentials).")
  java.nio.file.Path kafkaConfig;

  @Option(names = "--clickhouse-url", paramLabel = "URL",
      description = "http(s):// (any server) or jdbc:clickhouse:// (20.7+) ClickHouse URL; 'none' writes no rows "
          + "(default: LEDGERMIND_CLICKHOUSE_URL from the stack env file).")
  String clickHouseUrl;

  @Option(names = "--clickhouse-database", defaultValue = "ledgermind",
      description = "Database with the migrated tables (default: ${DEFAULT-VALUE}; run 'clickhouse migrate' first).")
  String database;

  @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every topic name (default: none).")
  String topicPrefix;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR|URI",
      description = "Durable checkpoint folder, a local path or a URI such as s3://bucket/path"
          + " (default: .stack/checkpoints/intelligence).")
  String checkpointDir;

  @Option(names = "--group-id", description = "Kafka consumer group (default: <topic prefix>ledgermind-intelligence).")
  String groupId;

  @Option(names = "--transactional-id-prefix",
      description = "Prefix of the Kafka transactional ids, unique per job on a broker: two jobs sharing one abort each"
          + " other's transactions (default: <topic prefix>ledgermind-intelligence).")
  String transactionalIdPrefix;

  @Option(names = "--checkpoint-interval", defaultValue = "PT10S",
      description = "ISO-8601 duration between checkpoints; Kafka outputs become visible at each (default: 10 s).")
  Duration checkpointInterval;

  @Option(names = "--restore", defaultValue = "latest", paramLabel = "latest|none|PATH",
      description = "State to resume from: the newest retained checkpoint in --checkpoint-dir (default), none, or "
          + "a checkpoint/savepoint path.")
  String restore;

  @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--restart-attempts", defaultValue = "5",
      description = "Restarts after failures before the job gives up (default: ${DEFAULT-VALUE}).")
  int restartAttempts;

  @Option(names = "--max-batch", defaultValue = "64", description = "Inference batch size (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--max-wait", defaultValue = "PT0.02S",
      description = "Longest a request waits for its batch to fill (default: 20 ms).")
  Duration maxWait;

  @Option(names = "--bounded", description = {
      "Stop once the records that are in Kafka when the job starts are processed, with a savepoint in",
      "<checkpoint dir>/savepoints that the next run resumes (--restore latest). Windows still open at the end",
      "stay open in it and close in a later run, as in one uninterrupted run."})
  boolean bounded;

  @Option(names = "--drain", description = {
      "With --bounded: fire every open window at the end too (the input is final). An event that a later run",
      "reads for one of those windows is dead-lettered as late."})
  boolean drain;

  @Override
  public Integer call() throws Exception {
    Map<String, String> stack = stackEnv();
    KafkaClientConfig kafka;
    try {
      kafka = KafkaClientConfig.resolve(kafkaConfig, bootstrap, stack, "job");
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    String clickHouse = clickHouseUrl != null ? clickHouseUrl
        : required(stack, "LEDGERMIND_CLICKHOUSE_URL", "--clickhouse-url");
    JobSettings.Builder settings = JobSettings.builder().checkpointInterval(checkpointInterval)
        .parallelism(parallelism).restartAttempts(restartAttempts);
    if (drain && !bounded) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--drain needs --bounded (a running job is"
          + " drained by stopping it: flink stop --drain)");
    }
    String checkpoints;
    String savepoints;
    Path localCheckpoints = null;
    String restoreFrom;
    if (checkpointDir != null && checkpointDir.contains("://")) {
      checkpoints = checkpointDir;
      savepoints = checkpointDir.replaceAll("/+$", "") + "/savepoints";
      settings.checkpointUri(checkpointDir);
      if ("latest".equals(restore)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--restore latest looks into local folders"
            + " only; with a " + checkpointDir + " checkpoint URI give --restore PATH (or none)");
      }
      restoreFrom = "none".equals(restore) ? null : restore;
    } else {
      Path folder = checkpointDir != null ? Path.of(checkpointDir)
          : Path.of(System.getProperty(StackEnvFile.HOME_PROPERTY, ".")).resolve(".stack/checkpoints/intelligence");
      Files.createDirectories(folder);
      checkpoints = folder.toString();
      savepoints = RetainedCheckpoints.savepoints(folder.toAbsolutePath()).toUri().toString();
      localCheckpoints = folder;
      settings.checkpointDirectory(folder);
      restoreFrom = restorePath(folder);
    }
    if (restoreFrom != null) {
      settings.restoreFrom(restoreFrom);
    }
    IntelligenceJob.Builder job = IntelligenceJob.builder()
        .kafka(kafka)
        .topicPrefix(topicPrefix)
        .groupId(groupId != null ? groupId : topicPrefix + "ledgermind-intelligence")
        .transactionalIdPrefix(transactionalIdPrefix != null ? transactionalIdPrefix
            : topicPrefix + "ledgermind-intelligence")
        .forecastModels(ForecastModels.bundled())
        .microBatch(MicroBatchConfig.builder().maxBatchSize(maxBatch).maxWait(maxWait).build());
    if (!"none".equals(clickHouse)) {
      ClickHouseInserter inserter = ClickHouseInserters.builder().url(clickHouse).build();
      inserter.ping();
      job.clickHouse(inserter, database);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        settings.build().toConfiguration());
    IntelligenceJob built = job.build();
    built.addTo(env);
    System.out.printf("intelligence job: kafka %s, clickhouse %s/%s, checkpoints %s%s%n", kafka.bootstrap(), clickHouse, database,
        checkpoints, restoreFrom == null ? "" : ", resuming from " + restoreFrom);
    if (!bounded) {
      env.execute("ledgermind-intelligence");
      return 0;
    }
    try (KafkaCatchUp catchUp = KafkaCatchUp.start(kafka, built.rawTopics(), built.groupId())) {
      BoundedRun.Outcome outcome = BoundedRun.builder().catchUp(catchUp).savepointDirectory(savepoints).drain(drain)
          .build().execute(env, "ledgermind-intelligence");
      if (outcome.savepoint() == null) {
        System.err.println("intelligence job: ended before it caught up with its input (cancelled from outside?)");
        return 1;
      }
      System.out.printf("intelligence job: %s raw records decoded in this run%n",
          (Object) outcome.result().getAccumulatorResult("rawRecordsDecoded"));
    }
    if (localCheckpoints != null) {
      RetainedCheckpoints.pruneSavepoints(localCheckpoints, KEPT_SAVEPOINTS);
    }
    return 0;
  }

  private String restorePath(Path checkpoints) {
    return switch (restore) {
      case "none" -> null;
      case "latest" -> RetainedCheckpoints.latest(checkpoints).map(Path::toString).orElse(null);
      default -> restore;
    };
  }

  private static Map<String, String> stackEnv() {
    Path file = StackEnvFile.defaultPath();
    return Files.isRegularFile(file) ? StackEnvFile.read(file) : Map.of();
  }

  private static String required(Map<String, String> stack, String key, String option) {
    String value = stack.get(key);
    if (value == null || value.isBlank()) {
      throw new CommandLine.ParameterException(new CommandLine(new IntelligenceJobCommand()),
          "no " + option + " given and no " + key + " in " + StackEnvFile.defaultPath()
              + " (start the local stack with ./ledgermind stack up)");
    }
    return value;
  }

  /** Entry point of the job jar ({@code flink run}). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new IntelligenceJobCommand()).execute(args));
  }
}
