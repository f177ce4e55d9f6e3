package io.ledgermind.flink.features;

import java.util.Objects;

/**
 * One raw event's contribution to the feature window of its entity, or the withdrawal of such a contribution after
 * a reorg. A Flink POJO (public fields, no-arg constructor): it travels between the extractor, the retraction
 * resolver and the window operator without Kryo. The contribution itself is an encoded {@link Accumulator}.
 */
public class FeatureInput {
  /** Kafka topic and key the raw record came from: a retraction arrives on the same topic and key. */
  public String sourceKey;
  /** Where the raw record was read: a late event's dead letter points back at it. */
  public String sourceTopic;
  public int sourcePartition;
  public long sourceOffset;
  /** The raw event's id, or for a retraction the id of the event it withdraws. */
  public String eventId;
  /** {@code Domain} symbol. */
  public String domain;
  /** Entity the features describe, e.g. USDC, render, akash:gpu, netuid:3. Empty for an unresolved retraction. */
  public String entity;
  /** Event time of the contributing event (for a resolved retraction: of the withdrawn event). */
  public long eventTime;
  /** True when this withdraws the contribution of {@link #eventId}. */
  public boolean retraction;
  /** Encoded {@link Accumulator}; empty for an unresolved retraction. */
  public byte[] contribution;

  public FeatureInput() {}

  /** A raw event's contribution. */
  public static FeatureInput event(String sourceKey, String eventId, String domain, String entity, long eventTime,
      Accumulator contribution) {
    FeatureInput input = new FeatureInput();
    input.sourceKey = sourceKey;
    input.eventId = eventId;
    input.domain = domain;
    input.entity = entity;
    input.eventTime = eventTime;
    input.contribution = contribution.toBytes();
    return input;
  }

  /** Records where the raw record was read. */
  public FeatureInput from(String topic, int partition, long offset) {
    this.sourceTopic = topic;
    this.sourcePartition = partition;
    this.sourceOffset = offset;
    return this;
  }

  /** A retraction as read from Kafka: it names the withdrawn event only; the resolver fills in the rest. */
  public static FeatureInput retraction(String sourceKey, String retractedEventId, long eventTime) {
    FeatureInput input = new FeatureInput();
    input.sourceKey = sourceKey;
    input.eventId = retractedEventId;
    input.domain = "";
    input.entity = "";
    input.eventTime = eventTime;
    input.retraction = true;
    input.contribution = new byte[0];
    return input;
  }

  /** The withdrawal of this event's contribution, in this event's window. */
  public FeatureInput withdrawn() {
    FeatureInput input = event(sourceKey, eventId, domain, entity, eventTime, Accumulator.fromBytes(contribution));
    input.retraction = true;
    return input.from(sourceTopic, sourcePartition, sourceOffset);
  }

  /** A field-by-field copy (the contribution bytes are never modified, so they are shared). */
  public FeatureInput copy() {
    FeatureInput copy = new FeatureInput();
    copy.sourceKey = sourceKey;
    copy.sourceTopic = sourceTopic;
    copy.sourcePartition = sourcePartition;
    copy.sourceOffset = sourceOffset;
    copy.eventId = eventId;
    copy.domain = domain;
    copy.entity = entity;
    copy.eventTime = eventTime;
    copy.retraction = retraction;
    copy.contribution = contribution;
    return copy;
  }

  public Accumulator accumulator() {
    return Accumulator.fromBytes(contribution);
  }

  /** Key of the window operator: one feature series per domain and entity. */
  public String seriesKey() {
    return domain + '|' + entity;
  }

  @Override
  public String toString() {
    return (retraction ? "retraction of " : "event ") + eventId + " " + domain + "/" + entity + " @" + eventTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureInput other && retraction == other.retraction && eventTime == other.eventTime
        && Objects.equals(eventId, other.eventId) && Objects.equals(seriesKey(), other.seriesKey());
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, retraction);
  }
}
