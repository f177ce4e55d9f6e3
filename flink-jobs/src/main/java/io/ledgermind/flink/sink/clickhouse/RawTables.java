package io.ledgermind.flink.sink.clickhouse;

import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.clickhouse.Enum8Values;
import io.ledgermind.clickhouse.RowBinaryWriter;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.BlockHeader;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.OracleEventKind;
import io.ledgermind.schemas.raw.OracleSource;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw records as rows of the raw tables (migration V0001): {@code meta} flattened first, amounts as their exact
 * base-10 strings, enums by name, {@code version} = ingest time in epoch millis (the ReplacingMergeTree version).
 */
public final class RawTables {
  private static final List<String> META = List.of("event_id", "chain_id", "block_number", "block_hash", "tx_hash",
      "log_index", "event_time", "ingest_time", "source");
  private static final Enum8Values STABLECOIN_KINDS = Enum8Values.numberedFromOne(StablecoinEventKind.class);
  private static final Enum8Values DEPIN_NETWORKS = Enum8Values.numberedFromOne(DepinNetwork.class);
  private static final Enum8Values DEPIN_KINDS = Enum8Values.numberedFromOne(DepinEventKind.class);
  private static final Enum8Values ORACLE_SOURCES = Enum8Values.numberedFromOne(OracleSource.class);
  private static final Enum8Values ORACLE_KINDS = Enum8Values.numberedFromOne(OracleEventKind.class);

  private RawTables() {}

  private static ClickHouseTable table(String database, String name, String... columns) {
    List<String> all = new ArrayList<>(META);
    all.addAll(List.of(columns));
    all.add("version");
    return new ClickHouseTable(database + "." + name, all);
  }

  private static RowBinaryWriter meta(EventMeta meta, RowBinaryWriter row) {
    return row.writeString(meta.getEventId())
        .writeString(meta.getChainId())
        .writeInt64(meta.getBlockNumber())
        .writeNullableString(meta.getBlockHash())
        .writeNullableString(meta.getTxHash())
        .writeNullableInt32(meta.getLogIndex())
        .writeDateTime(meta.getEventTime())
        .writeDateTime(meta.getIngestTime())
        .writeString(meta.getSource());
  }

  private static void version(EventMeta meta, RowBinaryWriter row) {
    row.writeUInt64(meta.getIngestTime().toEpochMilli());
  }

  public static ClickHouseTable stablecoin(String database) {
    return table(database, "raw_stablecoin_events", "token", "contract", "kind", "from_address", "to_address",
        "operator", "amount", "decimals", "from_class", "to_class");
  }

  public static RowEncoder<StablecoinEvent> stablecoinEncoder() {
    return (e, row) -> {
      meta(e.getMeta(), row).writeString(e.getToken()).writeString(e.getContract())
          .writeEnum8(STABLECOIN_KINDS, e.getKind().name())
          .writeNullableString(e.getFrom()).writeNullableString(e.getTo()).writeNullableString(e.getOperator())
          .writeString(e.getAmount()).writeInt32(e.getDecimals())
          .writeNullableString(e.getFromClass()).writeNullableString(e.getToClass());
      version(e.getMeta(), row);
    };
  }

  public static ClickHouseTable depin(String database) {
    return table(database, "raw_depin_events", "network", "kind", "provider", "consumer", "work_id", "provider_class",
        "amount", "denom", "decimals", "price_per_block", "resource_units", "resource_unit");
  }

  public static RowEncoder<DepinUsageEvent> depinEncoder() {
    return (e, row) -> {
      meta(e.getMeta(), row).writeEnum8(DEPIN_NETWORKS, e.getNetwork().name())
          .writeEnum8(DEPIN_KINDS, e.getKind().name())
          .writeNullableString(e.getProvider()).writeNullableString(e.getConsumer())
          .writeNullableString(e.getWorkId()).writeNullableString(e.getProviderClass())
          .writeNullableString(e.getAmount()).writeNullableString(e.getDenom()).writeNullableInt32(e.getDecimals())
          .writeNullableString(e.getPricePerBlock()).writeNullableString(e.getResourceUnits())
          .writeNullableString(e.getResourceUnit());
      version(e.getMeta(), row);
    };
  }

  public static ClickHouseTable subnet(String database) {
    return table(database, "raw_subnet_snapshots", "netuid", "tempo", "tao_reserve", "alpha_reserve",
        "alpha_outstanding", "price", "moving_price", "tao_emission", "alpha_emission", "emission_share",
        "tao_staked", "tao_unstaked", "net_tao_flow", "miner_burned_fraction", "block_emission", "total_issuance",
        "emission_rule", "blocks_covered");
  }

  public static RowEncoder<SubnetSnapshot> subnetEncoder() {
    return (s, row) -> {
      meta(s.getMeta(), row).writeInt32(s.getNetuid()).writeInt32(s.getTempo())
          .writeString(s.getTaoReserve()).writeString(s.getAlphaReserve())
          .writeNullableString(s.getAlphaOutstanding())
          .writeFloat64(s.getPrice()).writeNullableFloat64(s.getMovingPrice())
          .writeString(s.getTaoEmission()).writeString(s.getAlphaEmission()).writeFloat64(s.getEmissionShare())
          .writeString(s.getTaoStaked()).writeString(s.getTaoUnstaked()).writeString(s.getNetTaoFlow())
          .writeNullableFloat64(s.getMinerBurnedFraction())
          .writeString(s.getBlockEmission()).writeString(s.getTotalIssuance()).writeString(s.getEmissionRule())
          .writeNullableInt32(s.getBlocksCovered());
      version(s.getMeta(), row);
    };
  }

  public static ClickHouseTable oracleRounds(String database) {
    return table(database, "raw_oracle_rounds", "feed_address", "feed_id", "oracle_source", "kind", "round_id",
        "answer", "decimals", "updated_at", "started_by", "transmitter", "model_hash", "inputs_commitment");
  }

  public static RowEncoder<OracleRoundEvent> oracleRoundEncoder() {
    return (e, row) -> {
      meta(e.getMeta(), row).writeString(e.getFeedAddress()).writeNullableString(e.getFeedId())
          .writeEnum8(ORACLE_SOURCES, e.getSource().name()).writeEnum8(ORACLE_KINDS, e.getKind().name())
          .writeString(e.getRoundId()).writeNullableString(e.getAnswer()).writeNullableInt32(e.getDecimals())
          .writeNullableDateTime(e.getUpdatedAt()).writeNullableString(e.getStartedBy())
          .writeNullableString(e.getTransmitter()).writeNullableString(e.getModelHash())
          .writeNullableString(e.getInputsCommitment());
      version(e.getMeta(), row);
    };
  }

  public static ClickHouseTable blockHeaders(String database) {
    return table(database, "raw_block_headers", "parent_hash", "base_fee_per_gas", "transaction_count");
  }

  public static RowEncoder<BlockHeader> blockHeaderEncoder() {
    return (h, row) -> {
      meta(h.getMeta(), row).writeString(h.getParentHash()).writeNullableString(h.getBaseFeePerGas())
          .writeNullableInt32(h.getTransactionCount());
      version(h.getMeta(), row);
    };
  }

  public static ClickHouseTable retractions(String database) {
    return table(database, "retractions", "retracted_event_id", "orphaned_block_number", "orphaned_block_hash",
        "canonical_block_hash", "reorg_depth", "reason");
  }

  public static RowEncoder<Retraction> retractionEncoder() {
    return (r, row) -> {
      meta(r.getMeta(), row).writeString(r.getRetractedEventId()).writeInt64(r.getOrphanedBlockNumber())
          .writeString(r.getOrphanedBlockHash()).writeNullableString(r.getCanonicalBlockHash())
          .writeInt32(r.getReorgDepth()).writeString(r.getReason());
      version(r.getMeta(), row);
    };
  }
}
