package io.ledgermind.models;

import java.util.Objects;

/**
 * What a {@link Policy} sees: a feature vector in the order of the policy's {@link ModelInfo#inputFeatures()}, for
 * one agent or portfolio ({@code entity}). The array is not copied.
 */
public record Observation(String entity, float[] features) {
  public Observation {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(features, "features");
  }
}
