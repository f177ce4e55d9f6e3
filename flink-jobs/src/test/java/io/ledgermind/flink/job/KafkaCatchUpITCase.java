package io.ledgermind.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.KafkaExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end of a bounded run against a real broker: transaction markers, stale group offsets, records still unread. */
class KafkaCatchUpITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @Test
  void aCommittedOffsetThatStopsAtTheLastTransactionMarkerIsCaughtUpAndOneBeforeARecordIsNot() throws Exception {
    String topic = KAFKA.createTopic("input", 1);
    TopicPartition partition = new TopicPartition(topic, 0);
    String group = topic + "-group";
    writeTransaction(topic, 3); // offsets 0..2, commit marker at 3
    commit(group, partition, 3); // a stale offset from an earlier run: deleted by start()

    try (KafkaCatchUp catchUp = KafkaCatchUp.start(KAFKA.clientConfig(), List.of(topic), group)) {
      assertThat(catchUp.endOffsets()).containsEntry(partition, 4L);
      KafkaCatchUp.Progress fresh = catchUp.progress();
      assertThat(fresh.behind()).as("no offset of this run yet").containsEntry(partition, -1L);
      assertThat(catchUp.caughtUp(fresh)).isFalse();

      commit(group, partition, 2); // the job read offsets 0 and 1
      assertThat(catchUp.caughtUp(catchUp.progress())).isFalse();

      commit(group, partition, 3); // the job read the last record; only the commit marker is left
      KafkaCatchUp.Progress atMarker = catchUp.progress();
      assertThat(atMarker.behind()).containsEntry(partition, 3L);
      assertThat(catchUp.caughtUp(atMarker)).isTrue();

      // Records written after start() are not part of this run.
      writeTransaction(topic, 2);
      assertThat(catchUp.caughtUp(catchUp.progress())).isTrue();
    }
  }

  @Test
  void aPartitionWithoutRecordsIsCaughtUpThoughItsOffsetWasNeverCommitted() {
    String topic = KAFKA.createTopic("empty", 2);
    try (KafkaCatchUp catchUp = KafkaCatchUp.start(KAFKA.clientConfig(), List.of(topic), topic + "-group")) {
      assertThat(catchUp.caughtUp(catchUp.progress())).isTrue();
    }
  }

  private static void writeTransaction(String topic, int records) {
    Properties props = KAFKA.producerProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, 0, null, ("r" + i).getBytes()));
      }
      producer.commitTransaction();
    }
  }

  private static void commit(String group, TopicPartition partition, long offset) throws Exception {
    Properties props = KAFKA.clientConfig().toProperties();
    try (Admin admin = Admin.create(props)) {
      admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset)))
          .all().get(30, TimeUnit.SECONDS);
    }
  }
}
