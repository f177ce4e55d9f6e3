package io.ledgermind.cli.topics;

import io.ledgermind.schemas.topics.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes the broker match the topic catalogue through the Admin API, idempotently: missing topics are created;
 * existing ones get the catalogue's cleanup policy and retention and, when they have fewer, its partition count.
 * Kafka cannot remove partitions, so a topic with more is left as it is and reported.
 */
public final class TopicAdmin {
  private static final long TIMEOUT_S = 30;

  private final Admin admin;
  private final short replicationFactor;

  public TopicAdmin(Admin admin, short replicationFactor) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
  }

  /** One thing done (or deliberately not done) to one topic. */
  public record Change(String topic, String action, String detail) {
    @Override
    public String toString() {
      return topic + ": " + action + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  /** Brings every topic in line with its spec; returns what changed (empty when all matched already). */
  public List<Change> ensure(Collection<TopicSpec> specs) throws Exception {
    Set<String> existing = get(admin.listTopics().names());
    List<Change> changes = new ArrayList<>();
    List<TopicSpec> toCreate = new ArrayList<>();
    List<TopicSpec> toCheck = new ArrayList<>();
    for (TopicSpec spec : specs) {
      (existing.contains(spec.name()) ? toCheck : toCreate).add(spec);
    }
    if (!toCreate.isEmpty()) {
      CreateTopicsResult created = admin.createTopics(toCreate.stream()
          .map(s -> new NewTopic(s.name(), s.partitions(), replicationFactor).configs(s.configs())).toList());
      for (TopicSpec spec : toCreate) {
        try {
          get(created.values().get(spec.name()));
          changes.add(new Change(spec.name(), "created",
              spec.partitions() + " partitions, " + spec.configs().get("cleanup.policy")));
        } catch (TopicExistsException e) {
          // The listing above comes from a broker's metadata cache, which trails the controller: a topic created
          // a moment ago (by us or anyone) may be missing from it. It exists, so it is checked like the others.
          toCheck.add(spec);
        }
      }
    }
    if (!toCheck.isEmpty()) {
      changes.addAll(alignPartitions(toCheck));
      changes.addAll(alignConfigs(toCheck));
    }
    return changes;
  }

  private List<Change> alignPartitions(List<TopicSpec> specs) throws Exception {
    Map<String, TopicDescription> descriptions =
        getKnown(() -> admin.describeTopics(specs.stream().map(TopicSpec::name).toList()).allTopicNames());
    List<Change> changes = new ArrayList<>();
    Map<String, NewPartitions> increases = new HashMap<>();
    for (TopicSpec spec : specs) {
      int actual = descriptions.get(spec.name()).partitions().size();
      if (actual < spec.partitions()) {
        increases.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
        changes.add(new Change(spec.name(), "partitions increased", actual + " -> " + spec.partitions()));
      } else if (actual > spec.partitions()) {
        changes.add(new Change(spec.name(), "partitions kept",
            "has " + actual + ", catalogue says " + spec.partitions() + "; Kafka cannot remove partitions"));
      }
    }
    if (!increases.isEmpty()) {
      get(admin.createPartitions(increases).all());
    }
    return changes;
  }

  private List<Change> alignConfigs(List<TopicSpec> specs) throws Exception {
    List<ConfigResource> resources = specs.stream()
        .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
    Map<ConfigResource, Config> actual = getKnown(() -> admin.describeConfigs(resources).all());
    Map<ConfigResource, Collection<AlterConfigOp>> alterations = new HashMap<>();
    List<Change> changes = new ArrayList<>();
    for (TopicSpec spec : specs) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
      List<AlterConfigOp> ops = new ArrayList<>();
      for (Map.Entry<String, String> wanted : spec.configs().entrySet()) {
        ConfigEntry entry = actual.get(resource).get(wanted.getKey());
        String current = entry == null ? null : entry.value();
        if (!wanted.getValue().equals(current)) {
          ops.add(new AlterConfigOp(new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
          changes.add(new Change(spec.name(), wanted.getKey() + " set", current + " -> " + wanted.getValue()));
        }
      }
      if (!ops.isEmpty()) {
        alterations.put(resource, ops);
      }
    }
    if (!alterations.isEmpty()) {
      get(admin.incrementalAlterConfigs(alterations).all());
    }
    return changes;
  }

  /**
   * Like {@link #get} for a read about topics that exist: a broker that has not caught up with the controller yet
   * answers "unknown topic" for a moment, so that answer is asked again until the timeout.
   */
  private static <T> T getKnown(Supplier<KafkaFuture<T>> call) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (true) {
      try {
        return get(call.get());
      } catch (UnknownTopicOrPartitionException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static <T> T get(KafkaFuture<T> future) throws Exception {
    try {
      return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("Kafka Admin call did not finish within " + TIMEOUT_S + " s");
    }
  }
}
