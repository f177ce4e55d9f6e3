package io.ledgermind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import io.ledgermind.testing.StackConfig;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The main command's smoke run end to end on the local stack (what {@code ./ledgermind run} does after
 * {@code stack up}), into a topic and database of this test's own.
 */
class SmokeRunITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @Test
  void everyProducedRecordIsWrittenOrDeadLetteredAndOneTransactionLands() throws Exception {
    assertThat(Files.isRegularFile(StackConfig.envFile()))
        .as("the smoke run reads the local stack's env file %s", StackConfig.envFile()).isTrue();
    StackEnv env = StackEnv.load(StackConfig.envFile());
    String topic = KAFKA.createTopic("smoke", 2);

    SmokeRun.Summary first = new SmokeRun(env, topic, CLICKHOUSE.database()).run(500, 3);
    // A second run on the same topic counts only its own records.
    SmokeRun.Summary second = new SmokeRun(env, topic, CLICKHOUSE.database()).run(200, 1);

    assertThat(first.recordsIn()).isEqualTo(503);
    assertThat(first.rowsOut()).isEqualTo(500);
    assertThat(first.deadLettered()).isEqualTo(3);
    assertThat(first.reconciles()).isTrue();
    assertThat(second.rowsOut()).isEqualTo(200);
    assertThat(second.deadLettered()).isEqualTo(1);
    assertThat(first.txHash()).matches("0x[0-9a-f]{64}");
    assertThat(second.txHash()).isNotEqualTo(first.txHash());
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + CLICKHOUSE.database() + ".smoke_events FINAL"))
        .isEqualTo("700");
  }
}
