package io.ledgermind.testing.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.ClickHouseExtension;
import io.ledgermind.testing.KafkaExtension;
import io.ledgermind.testing.guard.DefaultStackGuard.ClickHouse;
import io.ledgermind.testing.guard.DefaultStackGuard.Scope;
import io.ledgermind.testing.guard.DefaultStackGuard.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test guard on the real stack, pointed at scopes of this class's own (it must not write to the defaults it
 * guards): a record produced, a topic config changed and a row inserted are seen and named, and a scope that does not
 * exist compares as absent.
 */
class DefaultStackGuardITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  private static ClickHouse clickHouse() {
    return new ClickHouse(CLICKHOUSE.url(), CLICKHOUSE.user(), CLICKHOUSE.password());
  }

  @Test
  void aRecordProducedAndARowInsertedAreSeenAndNamed() throws Exception {
    String prefix = KAFKA.uniquePrefix();
    String topic = KAFKA.createTopicNamed(prefix + "forecasts", 2);
    String db = CLICKHOUSE.database();
    CLICKHOUSE.execute("CREATE TABLE " + db + ".forecasts (id String, v Float64) ENGINE = ReplacingMergeTree()"
        + " PARTITION BY tuple() ORDER BY (id)");
    CLICKHOUSE.execute("CREATE VIEW " + db + ".latest AS SELECT id, v FROM " + db + ".forecasts");
    CLICKHOUSE.execute("INSERT INTO " + db + ".forecasts VALUES ('a', 1)");
    Scope scope = new Scope(prefix, db);
    Snapshot before = DefaultStackGuard.take(KAFKA.admin(), clickHouse(), scope);
    assertThat(before.summary()).isEqualTo("1 topics under " + prefix + " (2 partitions), database " + db
        + " with 2 tables");
    assertThat(DefaultStackGuard.changes(before, DefaultStackGuard.take(KAFKA.admin(), clickHouse(), scope)))
        .as("nothing written yet").isEmpty();

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
      producer.send(new ProducerRecord<>(topic, 1, null, "x".getBytes(StandardCharsets.UTF_8))).get();
    }
    CLICKHOUSE.execute("INSERT INTO " + db + ".forecasts VALUES ('b', 2)");
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    KAFKA.admin().incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
        new ConfigEntry("retention.ms", "86400000"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    // KRaft applies a config change asynchronously: wait until the broker reports it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Snapshot after = DefaultStackGuard.take(KAFKA.admin(), clickHouse(), scope);
    while (after.topics().get(topic).configs().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      after = DefaultStackGuard.take(KAFKA.admin(), clickHouse(), scope);
    }

    assertThat(DefaultStackGuard.changes(before, after)).containsExactly(
        "topic " + topic + ": config retention.ms (default) -> 86400000",
        "topic " + topic + " partition 1: end offset 0 -> 1",
        "table " + db + ".forecasts: written (last insert block 1 -> 2, rows 1 -> 2)");
  }

  @Test
  void aScopeThatDoesNotExistComparesAsAbsentAndItsCreationIsSeen() throws Exception {
    String db = CLICKHOUSE.database() + "_absent";
    Scope scope = new Scope(KAFKA.uniquePrefix() + "absent.", db);
    Snapshot before = DefaultStackGuard.take(KAFKA.admin(), clickHouse(), scope);
    assertThat(before.topics()).isEmpty();
    assertThat(before.tables()).isEmpty();
    assertThat(DefaultStackGuard.changes(before, DefaultStackGuard.take(KAFKA.admin(), clickHouse(), scope)))
        .isEmpty();

    try {
      CLICKHOUSE.execute("CREATE DATABASE " + db);
      KAFKA.createTopicNamed(scope.topicPrefix() + "raw", 1);
      assertThat(DefaultStackGuard.changes(before, DefaultStackGuard.take(KAFKA.admin(), clickHouse(), scope)))
          .containsExactly("topic " + scope.topicPrefix() + "raw: created (end offsets {0=0})",
              "database " + db + ": created (tables [])");
    } finally {
      CLICKHOUSE.execute("DROP DATABASE IF EXISTS " + db);
    }
  }

  @Test
  void theDefaultStackCanBeRecordedWhateverIsThere() throws Exception {
    // Read-only: what the guard of deploy/test.sh does before and after the run.
    Snapshot defaults = DefaultStackGuard.take(KAFKA.admin(), clickHouse(), Scope.DEFAULTS);
    assertThat(defaults.topics().keySet()).allMatch(name -> name.startsWith("ledgermind."));
    assertThat(Snapshot.parse(defaults.serialize())).isEqualTo(defaults);
  }
}
