package io.ledgermind.oracle.transmit;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.ClickHouseTable;
import io.ledgermind.schemas.oracle.FeedRound;
import io.ledgermind.schemas.oracle.PublicationOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each publication outcome to Kafka ({@code ledgermind.oracle.outcomes}, keyed by reportId) and, when
 * configured, to ClickHouse {@code publication_outcomes} (RowBinary over HTTP). A ClickHouse failure is logged and
 * does not stop publishing: Kafka holds every outcome and can be replayed into the table.
 */
public final class OutcomeRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
  static final List<String> COLUMNS = List.of("outcome_id", "report_id", "status", "chain_id", "tx_hash", "nonce",
      "gas_used", "effective_gas_price", "block_number", "block_hash", "rounds_feed_id", "rounds_round_id",
      "revert_reason", "detail", "attempts", "recorded_at", "version");
  static final List<String> REQUEST_COLUMNS = List.of("outcome_id", "request_id", "feed_id", "observed_at", "outcome",
      "round_id", "report_id", "tx_hash", "gas_used", "block_number", "reason", "recorded_at", "version");

  private final KafkaProducer<String, SpecificRecord> producer;
  private final String topic;
  private final ClickHouseHttpClient clickHouse;
  private final ClickHouseTable table;
  private final ClickHouseTable requestTable;

  /**
   * @param clickHouse null to record to Kafka only
   * @param database ClickHouse database holding {@code publication_outcomes}
   */
  public OutcomeRecorder(KafkaProducer<String, SpecificRecord> producer, String topic, ClickHouseHttpClient clickHouse,
      String database) {
    this.producer = producer;
    this.topic = topic;
    this.clickHouse = clickHouse;
    this.table = clickHouse == null ? null : new ClickHouseTable(database + ".publication_outcomes", COLUMNS);
    this.requestTable = clickHouse == null ? null
        : new ClickHouseTable(database + ".oracle_request_outcomes", REQUEST_COLUMNS);
  }

  /** Builds the recorder once the transmitter has its Kafka producer. */
  @FunctionalInterface
  public interface Factory {
    OutcomeRecorder create(KafkaProducer<String, SpecificRecord> producer);

    /** Kafka topic plus, when {@code clickHouse} is not null, ClickHouse table {@code database.publication_outcomes}. */
    static Factory of(String topic, ClickHouseHttpClient clickHouse, String database) {
      return producer -> new OutcomeRecorder(producer, topic, clickHouse, database);
    }
  }

  public void record(PublicationOutcome outcome) {
    producer.send(new ProducerRecord<>(topic, outcome.getReportId(), outcome));
    producer.flush();
    if (clickHouse != null) {
      try {
        clickHouse.insert(table, rowBinary(outcome));
        byte[] requests = requestRows(outcome);
        if (requests.length > 0) {
          clickHouse.insert(requestTable, requests);
        }
      } catch (RuntimeException e) {
        LOG.warn("outcome {} not written to ClickHouse ({}); it is in Kafka topic {}", outcome.getOutcomeId(),
            e.getMessage(), topic);
      }
    }
  }

  /** One RowBinary row in {@link #COLUMNS} order. Enum8 values are the Avro symbol index + 1. */
  static byte[] rowBinary(PublicationOutcome o) {
    Row row = new Row();
    row.string(o.getOutcomeId()).string(o.getReportId()).int8(o.getStatus().ordinal() + 1).string(o.getChainId())
        .nullableString(o.getTxHash()).nullableInt64(o.getNonce()).nullableInt64(o.getGasUsed())
        .nullableString(o.getEffectiveGasPrice()).nullableInt64(o.getBlockNumber()).nullableString(o.getBlockHash());
    row.varUInt(o.getRounds().size());
    for (FeedRound r : o.getRounds()) {
      row.string(r.getFeedId());
    }
    row.varUInt(o.getRounds().size());
    for (FeedRound r : o.getRounds()) {
      row.string(r.getRoundId());
    }
    row.nullableString(o.getRevertReason()).nullableString(o.getDetail()).int32(o.getAttempts())
        .uint32(o.getRecordedAt().getEpochSecond()).int64(o.getRecordedAt().toEpochMilli());
    return row.out.toByteArray();
  }

  /** One {@code oracle_request_outcomes} row per round of the outcome that names its request. */
  static byte[] requestRows(PublicationOutcome o) {
    Row row = new Row();
    for (FeedRound r : o.getRounds()) {
      if (r.getRequestId() == null || r.getOutcome() == null) {
        continue;
      }
      String reason = r.getOutcome().equals("PUBLISHED") ? null
          : o.getRevertReason() != null ? o.getRevertReason() : o.getDetail();
      row.string(io.ledgermind.schemas.EventIds.of("request-outcome", o.getOutcomeId(), r.getRequestId()))
          .string(r.getRequestId()).string(r.getFeedId())
          .uint32(r.getObservedAt().getEpochSecond()).string(r.getOutcome())
          .string(r.getRoundId()).string(o.getReportId()).nullableString(o.getTxHash())
          .nullableInt64(o.getGasUsed()).nullableInt64(o.getBlockNumber()).nullableString(reason)
          .uint32(o.getRecordedAt().getEpochSecond()).int64(o.getRecordedAt().toEpochMilli());
    }
    return row.out.toByteArray();
  }

  /** Just the RowBinary pieces this table needs. */
  private static final class Row {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Row varUInt(long v) {
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v == 0 ? b : b | 0x80);
      } while (v != 0);
      return this;
    }

    Row string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varUInt(b.length);
      out.writeBytes(b);
      return this;
    }

    Row nullableString(String s) {
      if (s == null) {
        out.write(1);
        return this;
      }
      out.write(0);
      return string(s);
    }

    Row nullableInt64(Long v) {
      if (v == null) {
        out.write(1);
        return this;
      }
      out.write(0);
      return int64(v);
    }

    Row int8(int v) {
      out.write(v);
      return this;
    }

    Row int32(int v) {
      return le(v, 4);
    }

    Row uint32(long v) {
      return le(v, 4);
    }

    Row int64(long v) {
      return le(v, 8);
    }

    private Row le(long v, int bytes) {
      for (int i = 0; i < bytes; i++) {
        out.write((int) (v >>> (8 * i)) & 0xFF);
      }
      return this;
    }
  }
}
