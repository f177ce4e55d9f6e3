package io.ledgermind.flink.features;

import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.derived.FeatureWindow;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The feature definitions a job computes, with the version written into every {@code FeatureWindow}: a change to
 * any definition must bump {@link #version()}, so consumers can tell windows computed under different rules apart.
 */
public final class FeatureSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Current definitions: {@link StablecoinFeatures}, {@link DepinFeatures}, {@link SubnetFeatures} (defaults). */
  public static final String CURRENT_VERSION = "features/v1";

  private final String version;
  private final List<FeatureDefinition> definitions;

  public FeatureSpec(String version, List<FeatureDefinition> definitions) {
    this.version = Objects.requireNonNull(version, "version");
    this.definitions = List.copyOf(definitions);
  }

  /** All three domains with their default protocol parameters. */
  public static FeatureSpec defaults() {
    return new FeatureSpec(CURRENT_VERSION,
        List.of(StablecoinFeatures.defaults(), DepinFeatures.defaults(), SubnetFeatures.defaults()));
  }

  public String version() {
    return version;
  }

  public List<FeatureDefinition> definitions() {
    return definitions;
  }

  /** The definition of a {@code Domain} symbol. */
  public FeatureDefinition definition(String domain) {
    for (FeatureDefinition definition : definitions) {
      if (definition.domain().name().equals(domain)) {
        return definition;
      }
    }
    throw new IllegalArgumentException("no feature definition for domain " + domain);
  }

  /** Contributions of one raw record to every domain's features (usually zero or one). */
  public List<FeatureInput> extract(SpecificRecord record, String sourceKey) {
    List<FeatureInput> inputs = new ArrayList<>(1);
    for (FeatureDefinition definition : definitions) {
      Optional<FeatureDefinition.Contribution> contribution = definition.extract(record);
      contribution.ifPresent(c -> inputs.add(FeatureInput.event(sourceKey, c.eventId(),
          definition.domain().name(), c.entity(), c.eventTime(), c.accumulator())));
    }
    return inputs;
  }

  /** Start of the window of {@code definition} holding {@code eventTime} (windows align to the epoch). */
  public static long windowStart(FeatureDefinition definition, long eventTime) {
    long size = definition.window().toMillis();
    return eventTime - Math.floorMod(eventTime, size);
  }

  /** The {@code FeatureWindow} record of an accumulated window. */
  public FeatureWindow window(FeatureDefinition definition, String entity, long windowStart, Accumulator acc,
      int revision, Instant computedAt) {
    long windowEnd = windowStart + definition.window().toMillis();
    String domain = definition.domain().name();
    return FeatureWindow.newBuilder()
        .setFeatureId(EventIds.of("feature", version, domain, entity, Long.toString(windowStart),
            Long.toString(windowEnd), Integer.toString(revision)))
        .setDomain(definition.domain())
        .setEntity(entity)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setValues(new java.util.LinkedHashMap<>(definition.values(acc)))
        .setExactValues(new java.util.LinkedHashMap<>(definition.exactValues(acc)))
        .setEventCount(acc.events())
        .setRetractedCount(acc.retracted())
        .setRevision(revision)
        .setFeatureSpec(version)
        .setComputedAt(computedAt)
        .build();
  }
}
