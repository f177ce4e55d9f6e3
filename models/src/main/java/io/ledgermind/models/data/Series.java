package io.ledgermind.models.data;

import io.ledgermind.models.SeriesFamily;

/**
 * A generated (or loaded) multivariate series of one entity: {@code rows[t][feature]}, the first feature being the
 * target. Row {@code t} covers {@code [startMillis + t * step, startMillis + (t + 1) * step)} and is labelled by its
 * end, the same convention as {@link io.ledgermind.models.ForecastInput#windowEndMillis()}.
 */
public record Series(String entity, SeriesFamily family, long startMillis, float[][] rows) {

  public int length() {
    return rows.length;
  }

  /** End instant of row {@code t}. */
  public long endMillis(int t) {
    return startMillis + (t + 1) * family.step().toMillis();
  }
}
