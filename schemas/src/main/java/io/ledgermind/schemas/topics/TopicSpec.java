package io.ledgermind.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of Ledgermind: its name, key, size, retention, the record types its values may hold (all
 * single-object Avro, told apart by fingerprint), the schema compatibility it promises, and who writes and reads it.
 *
 * <pre>{@code
 * TopicSpec spec = TopicSpec.builder("ledgermind.raw.stablecoin")
 *     .key("chainId:contract").partitions(6).retention(Duration.ofDays(30))
 *     .values(StablecoinEvent.class, Retraction.class).compatibility(Compatibility.FULL)
 *     .producers("ingest: evm reader").consumers("flink-jobs: features").build();
 * }</pre>
 */
public record TopicSpec(
    String name,
    String key,
    int partitions,
    Cleanup cleanup,
    Duration retention,
    List<Class<? extends SpecificRecord>> valueTypes,
    Compatibility compatibility,
    List<String> producers,
    List<String> consumers,
    String description) {

  /** Kafka {@code cleanup.policy}. */
  public enum Cleanup {
    DELETE("delete"),
    COMPACT("compact");

    private final String config;

    Cleanup(String config) {
      this.config = config;
    }

    public String config() {
      return config;
    }
  }

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    // Kafka's own rule for topic names.
    if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("topic name must be 1-249 of [a-zA-Z0-9._-]: " + name);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be >= 1");
    }
    if (valueTypes.isEmpty()) {
      throw new IllegalArgumentException(name + ": at least one value type");
    }
    if (cleanup == Cleanup.DELETE && (retention == null || retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException(name + ": a delete topic needs a positive retention");
    }
    valueTypes = List.copyOf(valueTypes);
    producers = List.copyOf(producers);
    consumers = List.copyOf(consumers);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The same topic under another name prefix (tests isolate themselves this way). */
  public TopicSpec withName(String newName) {
    return new TopicSpec(newName, key, partitions, cleanup, retention, valueTypes, compatibility, producers,
        consumers, description);
  }

  /** Topic-level configs to create or enforce. Compacted topics keep records forever (retention.ms = -1). */
  public Map<String, String> configs() {
    return Map.of(
        "cleanup.policy", cleanup.config(),
        "retention.ms", cleanup == Cleanup.COMPACT ? "-1" : Long.toString(retention.toMillis()));
  }

  /** Builder for {@link TopicSpec}. */
  public static final class Builder {
    private final String name;
    private String key = "";
    private int partitions = 3;
    private Cleanup cleanup = Cleanup.DELETE;
    private Duration retention = Duration.ofDays(7);
    private List<Class<? extends SpecificRecord>> valueTypes = List.of();
    private Compatibility compatibility = Compatibility.FULL;
    private List<String> producers = List.of();
    private List<String> consumers = List.of();
    private String description = "";

    private Builder(String name) {
      this.name = name;
    }

    /** What the record key holds, e.g. {@code chainId:contract}: it decides ordering (per key, per partition). */
    public Builder key(String key) {
      this.key = key;
      return this;
    }

    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    public Builder compacted() {
      this.cleanup = Cleanup.COMPACT;
      this.retention = null;
      return this;
    }

    @SafeVarargs
    public final Builder values(Class<? extends SpecificRecord>... types) {
      this.valueTypes = List.of(types);
      return this;
    }

    public Builder compatibility(Compatibility compatibility) {
      this.compatibility = compatibility;
      return this;
    }

    public Builder producers(String... producers) {
      this.producers = List.of(producers);
      return this;
    }

    public Builder consumers(String... consumers) {
      this.consumers = List.of(consumers);
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public TopicSpec build() {
      return new TopicSpec(name, key, partitions, cleanup, retention, valueTypes, compatibility, producers,
          consumers, description);
    }
  }
}
