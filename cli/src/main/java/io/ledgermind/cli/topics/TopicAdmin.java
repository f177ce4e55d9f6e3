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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

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
    List<NewTopic> toCreate = new ArrayList<>();
    List<TopicSpec> toCheck = new ArrayList<>();
    for (TopicSpec spec : specs) {
      if (existing.contains(spec.name())) {
        toCheck.add(spec);
      } else {
        toCreate.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()));
        changes.add(new Change(spec.name(), "created",
            spec.partitions() + " partitions, " + spec.configs().get("cleanup.policy")));
      }
    }
    if (!toCreate.isEmpty()) {
      get(admin.createTopics(toCreate).all());
    }
    if (!toCheck.isEmpty()) {
      changes.addAll(alignPartitions(toCheck));
      changes.addAll(alignConfigs(toCheck));
    }
    return changes;
  }

  private List<Change> alignPartitions(List<TopicSpec> specs) throws Exception {
    Map<String, TopicDescription> descriptions =
        get(admin.describeTopics(specs.stream().map(TopicSpec::name).toList()).allTopicNames());
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
    Map<ConfigResource, Config> actual = get(admin.describeConfigs(resources).all());
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

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws Exception {
    try {
      return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("Kafka Admin call did not finish within " + TIMEOUT_S + " s");
    }
  }
}
