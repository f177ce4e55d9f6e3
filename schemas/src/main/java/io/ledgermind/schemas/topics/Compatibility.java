package io.ledgermind.schemas.topics;

/** What a topic promises its consumers when its schemas change (Avro schema resolution rules). */
public enum Compatibility {
  /** Consumers on the new schema read records written with every older one (add fields with defaults). */
  BACKWARD,
  /** Consumers on an older schema read records written with the new one (remove fields that had defaults). */
  FORWARD,
  /** Both: producers and consumers upgrade in any order. The default for topics quants read. */
  FULL;

  public boolean requiresBackward() {
    return this != FORWARD;
  }

  public boolean requiresForward() {
    return this != BACKWARD;
  }
}
