package io.ledgermind.flink.smoke;

import io.ledgermind.flink.serde.DecodeRecords;
import io.ledgermind.flink.source.RawKafkaRecord;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.smoke.SmokeEvent;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The platform smoke job: raw Kafka records → decode (bad ones to dead letters) → ClickHouse. Source and sinks come
 * in through the constructor so tests can plug in bounded sources and collecting sinks.
 */
public final class SmokeJob {
  private final Source<RawKafkaRecord, ?, ?> source;
  private final Sink<SmokeEvent> rows;
  private final Sink<DeadLetter> deadLetters;

  public SmokeJob(Source<RawKafkaRecord, ?, ?> source, Sink<SmokeEvent> rows, Sink<DeadLetter> deadLetters) {
    this.source = source;
    this.rows = rows;
    this.deadLetters = deadLetters;
  }

  /** Wires the job into {@code env} and runs it to completion (the smoke source is bounded). */
  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    SingleOutputStreamOperator<SmokeEvent> decoded =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka: smoke events")
            .uid("smoke-source")
            .process(new DecodeRecords<>(SmokeEvent.class, "smoke-job"))
            .name("decode smoke events")
            .uid("decode-smoke-events");
    decoded.sinkTo(rows).name("clickhouse: smoke_events").uid("smoke-rows-sink");
    decoded
        .getSideOutput(DecodeRecords.DEAD_LETTERS)
        .sinkTo(deadLetters)
        .name("clickhouse: smoke_dead_letters")
        .uid("smoke-dead-letters-sink");
    return env.execute("ledgermind-smoke");
  }
}
