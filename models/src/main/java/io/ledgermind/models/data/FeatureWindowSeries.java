package io.ledgermind.models.data;

import io.ledgermind.models.SeriesFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Series built from the feature windows the pipeline computed ({@code FeatureWindow} records, the
 * {@code feature_windows} table): the data a forecaster is trained on is then exactly what it is served.
 *
 * <p>Per entity, the rows are the windows in time order with the family's input features (first = target). A
 * series must be gap-free (row t ends one step after row t − 1), so each entity keeps its longest run of
 * consecutive windows that carry every feature; a missing window (no event in it) ends a run rather than being
 * invented.
 */
public final class FeatureWindowSeries {
  private FeatureWindowSeries() {}

  /** One feature window: its entity, its end (epoch millis) and its named values. */
  public record Row(String entity, long windowEndMillis, Map<String, Double> values) {}

  /**
   * @param features the family's input features in row order (first = target)
   * @return one series per entity that has at least one complete window, in entity order
   */
  public static List<Series> of(SeriesFamily family, List<String> features, Collection<Row> rows) {
    long step = family.step().toMillis();
    Map<String, List<Row>> byEntity = new TreeMap<>();
    for (Row row : rows) {
      if (row.values().keySet().containsAll(features)) {
        byEntity.computeIfAbsent(row.entity(), e -> new ArrayList<>()).add(row);
      }
    }
    List<Series> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> entry : byEntity.entrySet()) {
      List<Row> sorted = new ArrayList<>(entry.getValue());
      sorted.sort(Comparator.comparingLong(Row::windowEndMillis));
      int bestFrom = 0;
      int bestLength = 0;
      int from = 0;
      for (int i = 1; i <= sorted.size(); i++) {
        boolean runEnds = i == sorted.size()
            || sorted.get(i).windowEndMillis() != sorted.get(i - 1).windowEndMillis() + step;
        if (runEnds) {
          if (i - from > bestLength) {
            bestFrom = from;
            bestLength = i - from;
          }
          from = i;
        }
      }
      float[][] values = new float[bestLength][features.size()];
      for (int t = 0; t < bestLength; t++) {
        Map<String, Double> v = sorted.get(bestFrom + t).values();
        for (int f = 0; f < features.size(); f++) {
          values[t][f] = v.get(features.get(f)).floatValue();
        }
      }
      long start = sorted.get(bestFrom).windowEndMillis() - step;
      out.add(new Series(entry.getKey(), family, start, values));
    }
    return out;
  }

  /** The series cut to the rows that end in {@code [fromMillis, toMillis)}, all entities alike. */
  public static List<Series> between(List<Series> series, long fromMillis, long toMillis) {
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      int first = -1;
      int last = -1;
      for (int t = 0; t < s.length(); t++) {
        long end = s.endMillis(t);
        if (end >= fromMillis && end < toMillis) {
          first = first < 0 ? t : first;
          last = t;
        }
      }
      if (first >= 0) {
        float[][] rows = java.util.Arrays.copyOfRange(s.rows(), first, last + 1);
        out.add(new Series(s.entity(), s.family(), s.startMillis() + first * s.family().step().toMillis(), rows));
      }
    }
    return out;
  }
}
