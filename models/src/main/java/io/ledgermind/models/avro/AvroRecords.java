package io.ledgermind.models.avro;

import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.Allocation;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.ForecastPoint;
import io.ledgermind.schemas.derived.PolicyAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adapters from the plain-Java model outputs to the Avro records of {@code ledgermind.forecasts} and
 * {@code ledgermind.policy-actions}. Ids are deterministic (model hash + feature id), so a replay overwrites
 * rather than duplicates.
 */
public final class AvroRecords {
  /** Flag of a forecast whose input lay outside the model's training range ({@link ForecastResult#outOfDistribution}). */
  public static final String OUT_OF_DISTRIBUTION = "OUT_OF_DISTRIBUTION";

  private AvroRecords() {}

  /** The {@code Forecast} record of a result computed from the feature window {@code featureId}. */
  public static Forecast forecast(ForecastResult result, String featureId, Instant computedAt) {
    List<ForecastPoint> points = new ArrayList<>();
    for (io.ledgermind.models.ForecastPoint p : result.points()) {
      points.add(ForecastPoint.newBuilder().setHorizonMillis(p.horizonMillis())
          .setTargetTime(Instant.ofEpochMilli(p.targetTime())).setValue(p.value()).setLower(p.lower())
          .setUpper(p.upper()).build());
    }
    return Forecast.newBuilder()
        .setForecastId(EventIds.of(result.modelHash(), featureId))
        .setDomain(Domain.valueOf(result.family().domain()))
        .setEntity(result.entity())
        .setTarget(result.family().target())
        .setFeatureId(featureId)
        .setIssuedAt(Instant.ofEpochMilli(result.issuedAt()))
        .setPoints(points)
        .setIntervalLevel(result.intervalLevel())
        .setModelName(result.modelName())
        .setModelHash(result.modelHash())
        .setComputedAt(computedAt)
        .setFlags(result.outOfDistribution() ? List.of(OUT_OF_DISTRIBUTION) : List.of())
        .build();
  }

  /**
   * The {@code PolicyAction} record of a decision.
   *
   * @param allocations resulting weight per target (e.g. netuid), in the caller's order; may be empty
   */
  public static PolicyAction policyAction(PolicyDecision decision, String featureId, Domain domain,
      Map<String, Double> allocations, Instant computedAt) {
    List<Allocation> weights = new ArrayList<>();
    allocations.forEach((target, weight) -> weights.add(Allocation.newBuilder().setTarget(target)
        .setWeight(weight).build()));
    return PolicyAction.newBuilder()
        .setActionId(EventIds.of(decision.modelHash(), featureId))
        .setDomain(domain)
        .setEntity(decision.entity())
        .setFeatureId(featureId)
        .setActionIndex(decision.actionIndex())
        .setActionName(decision.actionName())
        .setProbabilities(decision.probabilities())
        .setStateValue(decision.value())
        .setAllocations(weights)
        .setModelName(decision.modelName())
        .setModelHash(decision.modelHash())
        .setComputedAt(computedAt)
        .build();
  }
}
