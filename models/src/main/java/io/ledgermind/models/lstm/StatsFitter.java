package io.ledgermind.models.lstm;

import io.ledgermind.models.artifact.FeatureSpec.InputFeature;
import io.ledgermind.models.artifact.FeatureSpec.Stat;
import io.ledgermind.models.data.Series;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Normalisation statistics per entity and feature, from the training rows only (no peeking at held-out data). */
final class StatsFitter {
  private static final double MIN_SCALE = 1e-9;

  private StatsFitter() {}

  /**
   * Per entity and feature; with {@code pooled}, one statistic per feature over all entities' training rows, given
   * to each entity (for families whose entity names carry no stable identity, see
   * {@link FamilyFeatures#pooledStatistics}).
   */
  static Map<String, Map<String, Stat>> fit(List<Series> series, List<InputFeature> inputs, int trainRows,
      boolean pooled) {
    if (!pooled) {
      return fit(series, inputs, trainRows);
    }
    Map<String, Stat> perFeature = new TreeMap<>();
    for (int f = 0; f < inputs.size(); f++) {
      List<float[]> rows = new java.util.ArrayList<>();
      List<Integer> starts = new java.util.ArrayList<>();
      for (Series s : series) {
        starts.add(rows.size());
        rows.addAll(java.util.Arrays.asList(s.rows()).subList(0, Math.min(trainRows, s.length())));
      }
      perFeature.put(inputs.get(f).name(), fit(rows.toArray(float[][]::new), f, inputs.get(f), rows.size(),
          new java.util.HashSet<>(starts)));
    }
    Map<String, Map<String, Stat>> out = new TreeMap<>();
    for (Series s : series) {
      out.put(s.entity(), perFeature);
    }
    return out;
  }

  static Map<String, Map<String, Stat>> fit(List<Series> series, List<InputFeature> inputs, int trainRows) {
    Map<String, Map<String, Stat>> out = new TreeMap<>();
    for (Series s : series) {
      Map<String, Stat> perFeature = new TreeMap<>();
      for (int f = 0; f < inputs.size(); f++) {
        perFeature.put(inputs.get(f).name(), fit(s.rows(), f, inputs.get(f), Math.min(trainRows, s.length())));
      }
      out.put(s.entity(), perFeature);
    }
    return out;
  }

  private static Stat fit(float[][] rows, int f, InputFeature feature, int n) {
    return fit(rows, f, feature, n, java.util.Set.of(0));
  }

  /** {@code seriesStarts}: rows that begin a series (no difference is taken across two series). */
  private static Stat fit(float[][] rows, int f, InputFeature feature, int n, java.util.Set<Integer> seriesStarts) {
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (int t = 0; t < n; t++) {
      double v = switch (feature.transform()) {
        case ZSCORE -> rows[t][f];
        case DIFF -> seriesStarts.contains(t) ? Double.NaN : rows[t][f] - rows[t - 1][f];
        case LOG_DIFF -> seriesStarts.contains(t) ? Double.NaN : Math.log(rows[t][f]) - Math.log(rows[t - 1][f]);
      };
      if (!Double.isNaN(v)) {
        sum += v;
        sumSq += v * v;
        count++;
      }
    }
    double mean = sum / count;
    double std = Math.sqrt(Math.max(sumSq / count - mean * mean, 0));
    double center = feature.transform() == io.ledgermind.models.artifact.FeatureSpec.Transform.ZSCORE ? mean : 0;
    return new Stat(center, Math.max(std, MIN_SCALE));
  }
}
