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
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (int t = 0; t < n; t++) {
      double v = switch (feature.transform()) {
        case ZSCORE -> rows[t][f];
        case DIFF -> t == 0 ? Double.NaN : rows[t][f] - rows[t - 1][f];
        case LOG_DIFF -> t == 0 ? Double.NaN : Math.log(rows[t][f]) - Math.log(rows[t - 1][f]);
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
