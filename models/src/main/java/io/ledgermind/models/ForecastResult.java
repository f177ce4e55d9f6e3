package io.ledgermind.models;

import java.util.List;

/**
 * The forecast for one {@link ForecastInput}, in the units of the input series.
 *
 * @param issuedAt the input's window end
 * @param intervalLevel nominal coverage of {@code [lower, upper]}, e.g. 0.8 for the 10 %/90 % quantiles
 * @param modelHash SHA-256 of the model (hex) that computed it: the key for {@link ModelRegistry#describe}
 * @param outOfDistribution the input lay outside what the model saw in training (a normalised input beyond the
 *     training windows' range): the numbers are an extrapolation, to be flagged and not published
 */
public record ForecastResult(
    String entity,
    SeriesFamily family,
    long issuedAt,
    List<ForecastPoint> points,
    double intervalLevel,
    String modelName,
    String modelHash,
    boolean outOfDistribution) {

  public ForecastResult {
    points = List.copyOf(points);
  }

  /** A result whose input was within the training range. */
  public ForecastResult(String entity, SeriesFamily family, long issuedAt, List<ForecastPoint> points,
      double intervalLevel, String modelName, String modelHash) {
    this(entity, family, issuedAt, points, intervalLevel, modelName, modelHash, false);
  }
}
