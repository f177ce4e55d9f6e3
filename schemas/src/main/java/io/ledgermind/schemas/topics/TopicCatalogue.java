package io.ledgermind.schemas.topics;

import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.PolicyAction;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.ops.ReaderCheckpoint;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.OracleSignature;
import io.ledgermind.schemas.oracle.PublicationOutcome;
import io.ledgermind.schemas.oracle.SignedReport;
import io.ledgermind.schemas.raw.BlockHeader;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every Kafka topic of Ledgermind, in one place. {@code ledgermind topics create} makes the broker match it;
 * {@code ledgermind topics list} prints it; the schema-evolution check holds each value type to the strictest
 * compatibility of the topics that carry it.
 *
 * <p>Raw topics carry {@link Retraction}s beside their events, on the same key, so a consumer sees a reorg's
 * retractions in order with the events they withdraw.
 */
public final class TopicCatalogue {
  private static final Duration DAY = Duration.ofDays(1);
  private static final String FEATURES_JOB = "flink-jobs: intelligence job";
  private static final String CLICKHOUSE = "flink-jobs: ClickHouse sink";

  public static final TopicSpec RAW_STABLECOIN = TopicSpec.builder("ledgermind.raw.stablecoin")
      .key("chainId:contract").partitions(6).retention(DAY.multipliedBy(30))
      .values(StablecoinEvent.class, Retraction.class)
      .producers("ingest: EVM reader", "ingest: stablecoin simulator")
      .consumers(FEATURES_JOB, CLICKHOUSE, "quants")
      .description("USDC/USDT Transfer, Mint/Burn, Issue/Redeem, DestroyedBlackFunds, and their reorg retractions")
      .build();
  public static final TopicSpec RAW_DEPIN = TopicSpec.builder("ledgermind.raw.depin")
      .key("network:provider").partitions(6).retention(DAY.multipliedBy(30))
      .values(DepinUsageEvent.class, Retraction.class)
      .producers("ingest: Render and Akash adapters", "ingest: DePIN simulator")
      .consumers(FEATURES_JOB, CLICKHOUSE, "quants")
      .description("Render jobs, burns and mints; Akash orders, bids and leases")
      .build();
  public static final TopicSpec RAW_BITTENSOR = TopicSpec.builder("ledgermind.raw.bittensor")
      .key("netuid").partitions(6).retention(DAY.multipliedBy(30))
      .values(SubnetSnapshot.class, Retraction.class)
      .producers("ingest: Subtensor adapter", "ingest: Bittensor simulator")
      .consumers(FEATURES_JOB, CLICKHOUSE, "quants")
      .description("Per-subnet state and emission snapshots")
      .build();
  public static final TopicSpec RAW_ORACLE_ROUNDS = TopicSpec.builder("ledgermind.raw.oracle-rounds")
      .key("feedAddress").partitions(3).retention(DAY.multipliedBy(30))
      .values(OracleRoundEvent.class, Retraction.class)
      .producers("ingest: EVM reader")
      .consumers(FEATURES_JOB, CLICKHOUSE, "oracle-publisher: transmitter (reconciliation)")
      .description("Rounds of our oracle and of external Chainlink-style aggregators")
      .build();
  public static final TopicSpec RAW_BLOCKS = TopicSpec.builder("ledgermind.raw.blocks")
      .key("chainId").partitions(1).retention(DAY.multipliedBy(7))
      .values(BlockHeader.class)
      .producers("ingest: EVM reader")
      .consumers(CLICKHOUSE)
      .description("Block headers as read (one partition: one ordered stream per chain)")
      .build();
  public static final TopicSpec INGEST_CHECKPOINTS = TopicSpec.builder("ledgermind.ingest.checkpoints")
      .key("readerId").partitions(1).compacted()
      .values(ReaderCheckpoint.class).compatibility(Compatibility.BACKWARD)
      .producers("ingest: readers (in the transaction of their events)")
      .consumers("ingest: readers on restart")
      .description("Where each chain reader stands; compacted, latest per reader")
      .build();
  public static final TopicSpec FEATURES = TopicSpec.builder("ledgermind.features")
      .key("domain:entity").partitions(6).retention(DAY.multipliedBy(30))
      .values(FeatureWindow.class)
      .producers(FEATURES_JOB)
      .consumers(CLICKHOUSE, "quants")
      .description("Event-time feature windows per domain and entity")
      .build();
  public static final TopicSpec FORECASTS = TopicSpec.builder("ledgermind.forecasts")
      .key("domain:entity").partitions(6).retention(DAY.multipliedBy(90))
      .values(Forecast.class)
      .producers("flink-jobs: LSTM inference")
      .consumers(CLICKHOUSE, "flink-jobs: oracle requests", "quants")
      .description("Multi-horizon LSTM forecasts with prediction intervals")
      .build();
  public static final TopicSpec POLICY_ACTIONS = TopicSpec.builder("ledgermind.policy-actions")
      .key("domain:entity").partitions(3).retention(DAY.multipliedBy(90))
      .values(PolicyAction.class)
      .producers("flink-jobs: RL policy inference")
      .consumers(CLICKHOUSE, "quants")
      .description("RL policy actions with probabilities and values")
      .build();
  public static final TopicSpec ORACLE_REQUESTS = TopicSpec.builder("ledgermind.oracle.requests")
      .key("feedId").partitions(3).retention(DAY.multipliedBy(7))
      .values(OracleRequest.class)
      .producers("flink-jobs: oracle requests")
      .consumers("oracle-publisher: signers", "oracle-publisher: transmitter", CLICKHOUSE)
      .description("Values to publish on-chain, one per feed and round")
      .build();
  public static final TopicSpec ORACLE_SIGNATURES = TopicSpec.builder("ledgermind.oracle.signatures")
      .key("reportId").partitions(3).retention(DAY.multipliedBy(7))
      .values(OracleSignature.class)
      .producers("oracle-publisher: signers")
      .consumers("oracle-publisher: transmitter", CLICKHOUSE)
      .description("Each signer's signature over a report digest")
      .build();
  public static final TopicSpec ORACLE_REPORTS = TopicSpec.builder("ledgermind.oracle.reports")
      .key("reportId").partitions(3).retention(DAY.multipliedBy(30))
      .values(SignedReport.class)
      .producers("oracle-publisher: transmitter")
      .consumers(CLICKHOUSE)
      .description("Batches of feed updates with a quorum of signatures")
      .build();
  public static final TopicSpec ORACLE_OUTCOMES = TopicSpec.builder("ledgermind.oracle.outcomes")
      .key("reportId").partitions(3).retention(DAY.multipliedBy(365))
      .values(PublicationOutcome.class)
      .producers("oracle-publisher: transmitter")
      .consumers(CLICKHOUSE, "operators")
      .description("On-chain outcome of each publication: tx hash, gas, block, or why not")
      .build();
  public static final TopicSpec DEAD_LETTERS = TopicSpec.builder("ledgermind.dead-letters")
      .key("sourceTopic").partitions(3).retention(DAY.multipliedBy(30))
      .values(DeadLetter.class)
      .producers("every consumer that rejects an input")
      .consumers(CLICKHOUSE, "operators")
      .description("Inputs that could not be processed, with the reason and the original bytes")
      .build();
  public static final TopicSpec SMOKE_EVENTS = TopicSpec.builder("ledgermind.smoke.events")
      .key("eventId").partitions(2).retention(DAY)
      .values(SmokeEvent.class)
      .producers("cli: ledgermind run (platform smoke run)")
      .consumers("flink-jobs: smoke job")
      .description("Synthetic events of the platform smoke run")
      .build();

  public static final List<TopicSpec> ALL = List.of(RAW_STABLECOIN, RAW_DEPIN, RAW_BITTENSOR, RAW_ORACLE_ROUNDS,
      RAW_BLOCKS, INGEST_CHECKPOINTS, FEATURES, FORECASTS, POLICY_ACTIONS, ORACLE_REQUESTS, ORACLE_SIGNATURES,
      ORACLE_REPORTS, ORACLE_OUTCOMES, DEAD_LETTERS, SMOKE_EVENTS);

  private TopicCatalogue() {}

  public static Optional<TopicSpec> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The compatibility a record type must keep: the strictest of the topics that carry it (FULL if any topic
   * promises FULL or if they disagree).
   */
  public static Compatibility compatibilityOf(Class<? extends SpecificRecord> type) {
    List<Compatibility> promised = ALL.stream().filter(t -> t.valueTypes().contains(type))
        .map(TopicSpec::compatibility).distinct().collect(Collectors.toList());
    if (promised.isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " is carried by no topic in the catalogue");
    }
    return promised.size() == 1 ? promised.get(0) : Compatibility.FULL;
  }

  /** Markdown table of the catalogue (docs are generated from this, never typed). */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| topic | key | partitions | cleanup / retention | value types | compatibility | producers | consumers |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (TopicSpec t : ALL) {
      out.append("| `").append(t.name()).append("` | ").append(t.key()).append(" | ").append(t.partitions())
          .append(" | ").append(t.cleanup() == TopicSpec.Cleanup.COMPACT ? "compact" : "delete, " + t.retention().toDays() + " d")
          .append(" | ").append(t.valueTypes().stream().map(c -> SpecificData.get().getSchema(c).getName())
              .collect(Collectors.joining(", ")))
          .append(" | ").append(t.compatibility())
          .append(" | ").append(String.join("; ", t.producers()))
          .append(" | ").append(String.join("; ", t.consumers())).append(" |\n");
    }
    return out.toString();
  }
}
