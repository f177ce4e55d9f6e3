package io.ledgermind.models.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The hashed part of a manifest: the network architecture, and either the forecaster's feature spec (with
 * normalisation statistics) or the policy's observation and action names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(Architecture architecture, FeatureSpec features, List<String> observation,
    List<String> actions) {

  public static ModelSpec forecaster(Architecture architecture, FeatureSpec features) {
    return new ModelSpec(architecture, features, null, null);
  }

  public static ModelSpec policy(Architecture architecture, List<String> observation, List<String> actions) {
    return new ModelSpec(architecture, null, List.copyOf(observation), List.copyOf(actions));
  }
}
