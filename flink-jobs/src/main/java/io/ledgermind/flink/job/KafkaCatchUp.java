package io.ledgermind.flink.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Tells when a job has read every committed record that was in its input topics when it started: the end of a
 * bounded run.
 *
 * <p>The job's Kafka source commits its position to the consumer group when a checkpoint completes, so a committed
 * offset means "read, and everything derived from it is in a completed checkpoint". The group's offsets are deleted
 * at {@link #start}: a job that starts afresh (or from an older checkpoint) reads from elsewhere than the group's
 * stale offsets, and only offsets this run committed may end it. A committed offset can stay below the end offset
 * for good when the last thing in a partition is a transaction marker (ingest writes transactionally and the source
 * commits the offset after its last record, not after the marker); {@link #caughtUp} therefore reads such a gap with
 * a {@code read_committed} consumer and accepts it when it holds no record.
 */
public final class KafkaCatchUp implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> probe;
  private final String groupId;
  private final Map<TopicPartition, Long> endOffsets;

  private KafkaCatchUp(Admin admin, KafkaConsumer<byte[], byte[]> probe, String groupId,
      Map<TopicPartition, Long> endOffsets) {
    this.admin = admin;
    this.probe = probe;
    this.groupId = groupId;
    this.endOffsets = endOffsets;
  }

  /**
   * Records the end offsets ({@code read_committed}: the last stable offsets) of every partition of {@code topics} and
   * deletes {@code groupId}'s committed offsets for them. Call it before the job starts.
   */
  public static KafkaCatchUp start(io.ledgermind.schemas.kafka.KafkaClientConfig kafka, List<String> topics,
      String groupId) {
    Properties common = kafka.toProperties();
    Admin admin = Admin.create(common);
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .forEach((name, description) -> description.partitions()
              .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      deleteGroupOffsets(admin, groupId, end.keySet());
      Properties consumer = new Properties();
      consumer.putAll(common);
      consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      return new KafkaCatchUp(admin, new KafkaConsumer<>(consumer), groupId, Map.copyOf(end));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admin.close();
      throw new IllegalStateException("interrupted while reading the end offsets of " + topics, e);
    } catch (Exception e) {
      admin.close();
      throw new IllegalStateException("cannot read the end offsets of " + topics + " at " + kafka.bootstrap() + ": "
          + e.getMessage(), e);
    }
  }

  private static void deleteGroupOffsets(Admin admin, String groupId, Set<TopicPartition> partitions)
      throws InterruptedException, java.util.concurrent.TimeoutException, ExecutionException {
    try {
      admin.deleteConsumerGroupOffsets(groupId, partitions).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
  }

  /** The end offsets the run must reach, per partition. */
  public Map<TopicPartition, Long> endOffsets() {
    return endOffsets;
  }

  /** Where the group stands against the end offsets now. */
  public Progress progress() {
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the offsets of group " + groupId, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the offsets of group " + groupId + ": " + e.getMessage(), e);
    }
    Map<TopicPartition, Long> behind = new HashMap<>();
    endOffsets.forEach((partition, end) -> {
      OffsetAndMetadata offset = committed.get(partition);
      long position = offset == null ? -1 : offset.offset();
      if (position < end) {
        behind.put(partition, position);
      }
    });
    return new Progress(behind);
  }

  /**
   * True once every partition's committed offset reached its end offset, or is separated from it by transaction
   * markers and aborted records only.
   */
  public boolean caughtUp(Progress progress) {
    if (progress.behind.isEmpty()) {
      return true;
    }
    List<TopicPartition> partitions = new ArrayList<>(progress.behind.keySet());
    probe.assign(partitions);
    for (TopicPartition partition : partitions) {
      long position = progress.behind.get(partition);
      if (position < 0) {
        probe.seekToBeginning(List.of(partition));
      } else {
        probe.seek(partition, position);
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : probe.poll(Duration.ofMillis(200))) {
        if (record.offset() < endOffsets.get(new TopicPartition(record.topic(), record.partition()))) {
          return false;
        }
      }
      if (partitions.stream().allMatch(p -> probe.position(p) >= endOffsets.get(p))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    probe.close();
    admin.close();
  }

  /** The partitions whose committed offset (-1: none yet) is below the end offset. */
  public record Progress(Map<TopicPartition, Long> behind) {
    /** Records between the committed offsets and the end offsets, markers included (an upper bound). */
    public long remaining(Map<TopicPartition, Long> endOffsets) {
      return behind.entrySet().stream().mapToLong(e -> endOffsets.get(e.getKey()) - Math.max(0, e.getValue())).sum();
    }
  }
}
