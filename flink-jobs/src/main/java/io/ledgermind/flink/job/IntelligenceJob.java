package io.ledgermind.flink.job;

import io.ledgermind.clickhouse.ClickHouseInserter;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.flink.features.ExtractFeatures;
import io.ledgermind.flink.features.FeatureInput;
import io.ledgermind.flink.features.FeatureSpec;
import io.ledgermind.flink.features.FeatureWindows;
import io.ledgermind.flink.features.ResolveRetractions;
import io.ledgermind.flink.forecast.AssembleForecastInputs;
import io.ledgermind.flink.forecast.ForecastModelSpec;
import io.ledgermind.flink.forecast.ForecastOutcome;
import io.ledgermind.flink.forecast.ForecastPredictors;
import io.ledgermind.flink.forecast.ForecastRequest;
import io.ledgermind.flink.forecast.PublishForecasts;
import io.ledgermind.flink.inference.ForecasterPredictor;
import io.ledgermind.flink.inference.MicroBatchConfig;
import io.ledgermind.flink.inference.MicroBatchInference;
import io.ledgermind.flink.sink.clickhouse.ClickHouseSink;
import io.ledgermind.flink.sink.clickhouse.DeadLetterRows;
import io.ledgermind.flink.sink.clickhouse.DerivedTables;
import io.ledgermind.flink.sink.clickhouse.RawTables;
import io.ledgermind.flink.sink.clickhouse.RowEncoder;
import io.ledgermind.flink.sink.kafka.AvroKafkaSinks;
import io.ledgermind.flink.policy.PolicyFactory;
import io.ledgermind.flink.policy.StakingPolicy;
import io.ledgermind.flink.source.RawEventTime;
import io.ledgermind.flink.source.RawKafkaRecord;
import io.ledgermind.flink.source.RawKafkaSources;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.PolicyAction;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The intelligence job: raw topics in; feature windows, forecasts, staking-policy actions and oracle requests out, to
 * Kafka (exactly once) and ClickHouse (idempotent), every raw record and dead letter included.
 *
 * <pre>
 * kafka raw topics ─▶ extract features ─▶ resolve retractions ─▶ feature windows ─▶ assemble inputs
 *        │  (raw records, dead letters)        (topic+key)        (domain|entity)        │
 *        ▼                                                              │               ▼
 *   ClickHouse raw_* / retractions / dead_letters          features ◀───┘     micro-batched LSTM (async)
 *                                                                                      │
 *                      forecasts, oracle requests, dead letters ◀── flags + oracle requests (domain|entity)
 *   feature windows (Bittensor) ─▶ staking policy (one batched call per tempo over all portfolios) ─▶ actions
 * </pre>
 *
 * Every operator has an explicit uid, so savepoints and checkpoints survive changes to the graph; change a uid only
 * with a migration plan for its state. Operational settings (checkpointing, restarts, state backend) are
 * {@link JobSettings}'s business, not this class's.
 */
public final class IntelligenceJob {
  static final String PROCESSOR = "intelligence-job";

  private final Builder config;

  private IntelligenceJob(Builder builder) {
    this.config = builder;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The raw topics the job reads. */
  public List<String> rawTopics() {
    return config.rawTopics;
  }

  /** The consumer group its Kafka source commits its positions to (at each completed checkpoint). */
  public String groupId() {
    return config.groupId;
  }

  /** Adds the job's operators to {@code env}. */
  public void addTo(StreamExecutionEnvironment env) {
    KafkaSource<RawKafkaRecord> source = config.bounded
        ? RawKafkaSources.bounded(config.kafka, config.rawTopics, config.groupId, config.startingOffsets)
        : RawKafkaSources.unbounded(config.kafka, config.rawTopics, config.groupId,
            config.startingOffsets);
    WatermarkStrategy<RawKafkaRecord> watermarks = WatermarkStrategy
        .<RawKafkaRecord>forBoundedOutOfOrderness(config.outOfOrderness)
        .withTimestampAssigner(new RawEventTime())
        .withIdleness(config.idleness);

    SingleOutputStreamOperator<FeatureInput> extracted = env.fromSource(source, watermarks, "kafka: raw topics")
        .uid("raw-source")
        .process(new ExtractFeatures(config.featureSpec, PROCESSOR))
        .name("extract features")
        .uid("extract-features");

    SingleOutputStreamOperator<FeatureWindow> windows = extracted
        .keyBy(input -> input.sourceKey)
        .process(new ResolveRetractions(config.reorgHorizon))
        .name("resolve retractions")
        .uid("resolve-retractions")
        .keyBy(FeatureInput::seriesKey)
        .process(new FeatureWindows(config.featureSpec, config.allowedLateness, PROCESSOR))
        .returns(TypeInformation.of(FeatureWindow.class))
        .name("feature windows")
        .uid("feature-windows");

    SingleOutputStreamOperator<ForecastRequest> requests = windows
        .keyBy(IntelligenceJob::seriesKey)
        .process(new AssembleForecastInputs(config.forecastModels))
        .name("assemble forecast inputs")
        .uid("assemble-forecast-inputs");

    ForecasterPredictor<ForecastRequest, ForecastOutcome> predictor = ForecastPredictors.of(config.forecasters);
    SingleOutputStreamOperator<ForecastOutcome> outcomes = MicroBatchInference.apply(requests, predictor,
        config.microBatch, TypeInformation.of(ForecastOutcome.class), "lstm-inference");

    SingleOutputStreamOperator<Forecast> forecasts = outcomes
        .keyBy(outcome -> outcome.request.domain + '|' + outcome.request.entity)
        .process(new PublishForecasts(config.answerDecimals, PROCESSOR, config.publishHorizon))
        .returns(TypeInformation.of(Forecast.class))
        .name("flag forecasts and request oracle rounds")
        .uid("publish-forecasts");
    DataStream<OracleRequest> oracleRequests = forecasts.getSideOutput(PublishForecasts.ORACLE_REQUESTS);

    DataStream<PolicyAction> actions = null;
    if (config.policy != null) {
      actions = windows
          .filter(w -> w.getDomain() == Domain.BITTENSOR)
          .name("subnet windows")
          .uid("subnet-windows")
          .keyBy(w -> StakingPolicy.KEY)
          .process(StakingPolicy.defaults(config.policy))
          .returns(TypeInformation.of(PolicyAction.class))
          .name("staking policy (batched over portfolios)")
          .uid("staking-policy");
      kafka(actions, TopicCatalogue.POLICY_ACTIONS, a -> a.getDomain() + ":" + a.getEntity(), "policy-actions");
    }

    DataStream<DeadLetter> deadLetters = extracted.getSideOutput(ExtractFeatures.DEAD_LETTERS)
        .union(windows.getSideOutput(FeatureWindows.LATE), forecasts.getSideOutput(PublishForecasts.DEAD_LETTERS));

    // Kafka: exactly once, visible to read_committed consumers when a checkpoint completes.
    kafka(windows, TopicCatalogue.FEATURES, w -> w.getDomain() + ":" + w.getEntity(), "features");
    kafka(forecasts, TopicCatalogue.FORECASTS, f -> f.getDomain() + ":" + f.getEntity(), "forecasts");
    kafka(oracleRequests, TopicCatalogue.ORACLE_REQUESTS, OracleRequest::getFeedId, "oracle-requests");
    kafka(deadLetters, TopicCatalogue.DEAD_LETTERS, DeadLetter::getSourceTopic, "dead-letters");

    // ClickHouse: at-least-once writes of deterministic ids into ReplacingMergeTree tables = idempotent.
    if (config.clickHouse != null) {
      String db = config.database;
      clickHouse(extracted.getSideOutput(ExtractFeatures.STABLECOIN), RawTables.stablecoin(db),
          RawTables.stablecoinEncoder());
      clickHouse(extracted.getSideOutput(ExtractFeatures.DEPIN), RawTables.depin(db), RawTables.depinEncoder());
      clickHouse(extracted.getSideOutput(ExtractFeatures.SUBNET), RawTables.subnet(db), RawTables.subnetEncoder());
      clickHouse(extracted.getSideOutput(ExtractFeatures.ORACLE_ROUNDS), RawTables.oracleRounds(db),
          RawTables.oracleRoundEncoder());
      clickHouse(extracted.getSideOutput(ExtractFeatures.BLOCK_HEADERS), RawTables.blockHeaders(db),
          RawTables.blockHeaderEncoder());
      clickHouse(extracted.getSideOutput(ExtractFeatures.RETRACTIONS), RawTables.retractions(db),
          RawTables.retractionEncoder());
      clickHouse(windows, DerivedTables.featureWindows(db), DerivedTables.featureWindowEncoder());
      clickHouse(forecasts, DerivedTables.forecasts(db), DerivedTables.forecastEncoder());
      clickHouse(oracleRequests, DerivedTables.oracleRequests(db), DerivedTables.oracleRequestEncoder());
      if (actions != null) {
        clickHouse(actions, DerivedTables.policyActions(db), DerivedTables.policyActionEncoder());
      }
      clickHouse(deadLetters, DeadLetterRows.table(db), DeadLetterRows.encoder());
    }
  }

  private static String seriesKey(FeatureWindow window) {
    return window.getDomain().name() + '|' + window.getEntity();
  }

  private <T extends SpecificRecord> void kafka(DataStream<T> stream, TopicSpec spec,
      AvroKafkaSinks.KeyFunction<T> key, String name) {
    String topic = config.topic(spec);
    stream.sinkTo(AvroKafkaSinks.exactlyOnce(config.kafka, topic, key,
            config.transactionalIdPrefix + "-" + name))
        .name("kafka: " + topic)
        .uid("kafka-sink-" + name);
  }

  private <T> void clickHouse(DataStream<T> stream, ClickHouseTable table, RowEncoder<T> encoder) {
    stream.sinkTo(ClickHouseSink.<T>builder()
            .client(config.clickHouse)
            .table(table)
            .encoder(encoder)
            .maxBatchRows(config.clickHouseBatchRows)
            .build())
        .name("clickhouse: " + table.qualifiedName())
        .uid("clickhouse-sink-" + table.qualifiedName().substring(table.qualifiedName().indexOf('.') + 1));
  }

  /** Builder of {@link IntelligenceJob}; defaults are the production settings. */
  public static final class Builder {
    private KafkaClientConfig kafka;
    private String topicPrefix = "";
    private List<String> rawTopics;
    private String groupId = "ledgermind-intelligence";
    private OffsetsInitializer startingOffsets = OffsetsInitializer.earliest();
    private boolean bounded;
    private ClickHouseInserter clickHouse;
    private String database = "ledgermind";
    private int clickHouseBatchRows = 10_000;
    private FeatureSpec featureSpec = FeatureSpec.defaults();
    private Duration outOfOrderness = Duration.ofSeconds(30);
    private Duration idleness = Duration.ofSeconds(10);
    private Duration allowedLateness = Duration.ofMinutes(10);
    private Duration reorgHorizon = Duration.ofMinutes(15);
    private List<ForecastModelSpec> forecastModels;
    private ForecasterPredictor.ForecasterFactory forecasters = ForecasterPredictor.ForecasterFactory.bundled();
    private MicroBatchConfig microBatch = MicroBatchConfig.defaults();
    private PolicyFactory policy = PolicyFactory.bundled();
    private int answerDecimals = 8;
    private Instant publishHorizon = Instant.MAX;
    private String transactionalIdPrefix = "ledgermind-intelligence";

    private Builder() {}

    /** Bootstrap servers and security settings of the Kafka cluster the job reads from and writes to. */
    public Builder kafka(KafkaClientConfig kafka) {
      this.kafka = kafka;
      return this;
    }

    /** Prefix of every topic the job reads and writes, e.g. a test's or an environment's (default: none). */
    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
      return this;
    }

    /** Raw topics to read (default: stablecoin, DePIN and Bittensor from the catalogue, with the prefix). */
    public Builder rawTopics(List<String> rawTopics) {
      this.rawTopics = List.copyOf(rawTopics);
      return this;
    }

    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    public Builder startingOffsets(OffsetsInitializer startingOffsets) {
      this.startingOffsets = startingOffsets;
      return this;
    }

    /**
     * Read with a bounded source that stops at the offsets that are latest at start, then fire every open window
     * (default false: run forever). A job that is restored never finishes with it (FLINK-31006): runs that resume use
     * the unbounded source and {@link BoundedRun}.
     */
    public Builder bounded(boolean bounded) {
      this.bounded = bounded;
      return this;
    }

    /** Where rows go; null (the default) writes no ClickHouse rows. */
    public Builder clickHouse(ClickHouseInserter clickHouse, String database) {
      this.clickHouse = clickHouse;
      this.database = Objects.requireNonNull(database, "database");
      return this;
    }

    public Builder clickHouseBatchRows(int rows) {
      this.clickHouseBatchRows = rows;
      return this;
    }

    public Builder featureSpec(FeatureSpec featureSpec) {
      this.featureSpec = featureSpec;
      return this;
    }

    /** How far event time may go backwards within one partition before events count as late. */
    public Builder outOfOrderness(Duration outOfOrderness) {
      this.outOfOrderness = outOfOrderness;
      return this;
    }

    /** After this long without records a partition stops holding the watermark back. */
    public Builder idleness(Duration idleness) {
      this.idleness = idleness;
      return this;
    }

    /** How long after its end a window still accepts late events and corrections. */
    public Builder allowedLateness(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
      return this;
    }

    /** How long (event time) contributions are kept for retractions: the chains' reorg depth. */
    public Builder reorgHorizon(Duration reorgHorizon) {
      this.reorgHorizon = reorgHorizon;
      return this;
    }

    /** The forecasters to feed, one per domain (from the artifacts' manifests). */
    public Builder forecastModels(List<ForecastModelSpec> forecastModels) {
      this.forecastModels = List.copyOf(forecastModels);
      return this;
    }

    public Builder forecasters(ForecasterPredictor.ForecasterFactory forecasters) {
      this.forecasters = forecasters;
      return this;
    }

    /** The staking policy over Bittensor subnets; null runs no policy. */
    public Builder policy(PolicyFactory policy) {
      this.policy = policy;
      return this;
    }

    public Builder microBatch(MicroBatchConfig microBatch) {
      this.microBatch = microBatch;
      return this;
    }

    /** Decimals of the oracle answers (AggregatorV3 feeds commonly use 8). */
    /**
     * The end of the input's event time for a bounded run: windows ending after it are cut short by the end of the
     * input and are never published on-chain (their forecasts carry {@code INCOMPLETE_WINDOW}). Default
     * {@link Instant#MAX}: a streaming job's windows fire only once complete.
     */
    public Builder publishHorizon(Instant publishHorizon) {
      this.publishHorizon = Objects.requireNonNull(publishHorizon, "publishHorizon");
      return this;
    }

    public Builder answerDecimals(int answerDecimals) {
      this.answerDecimals = answerDecimals;
      return this;
    }

    /** Prefix of the Kafka transactional ids: unique per job deployment sharing a broker. */
    public Builder transactionalIdPrefix(String transactionalIdPrefix) {
      this.transactionalIdPrefix = transactionalIdPrefix;
      return this;
    }

    String topic(TopicSpec spec) {
      return topicPrefix + spec.name();
    }

    public IntelligenceJob build() {
      Objects.requireNonNull(kafka, "kafka");
      Objects.requireNonNull(forecastModels, "forecastModels (ForecastModels.bundled())");
      if (rawTopics == null) {
        rawTopics = List.of(topic(TopicCatalogue.RAW_STABLECOIN), topic(TopicCatalogue.RAW_DEPIN),
            topic(TopicCatalogue.RAW_BITTENSOR));
      }
      if (rawTopics.isEmpty()) {
        throw new IllegalArgumentException("at least one raw topic is needed");
      }
      return new IntelligenceJob(this);
    }
  }
}
