package io.ledgermind.models.lstm;

import io.ledgermind.models.data.Series;
import java.util.Arrays;
import java.util.List;

/**
 * Normalised training windows in flat arrays ready to become tensors: inputs {@code [count, rows, channels]} and
 * targets {@code [count, horizons]}. Only windows whose targets lie inside the training rows are taken.
 */
final class WindowSet {
  final int count;
  final int rows;
  final int channels;
  final int horizons;
  final float[] inputs;
  final float[] targets;

  private WindowSet(int count, int rows, int channels, int horizons) {
    this.count = count;
    this.rows = rows;
    this.channels = channels;
    this.horizons = horizons;
    this.inputs = new float[count * rows * channels];
    this.targets = new float[count * horizons];
  }

  static WindowSet training(List<Series> series, Normaliser normaliser, int rows, int horizons, int trainRows) {
    int count = 0;
    for (Series s : series) {
      count += Math.max(0, Math.min(trainRows, s.length()) - horizons - rows + 1);
    }
    WindowSet set = new WindowSet(count, rows, normaliser.channels(), horizons);
    int n = 0;
    for (Series s : series) {
      int last = Math.min(trainRows, s.length()) - 1 - horizons;
      for (int t = rows - 1; t <= last; t++, n++) {
        float[][] window = Arrays.copyOfRange(s.rows(), t - rows + 1, t + 1);
        normaliser.writeInput(s.entity(), window, s.endMillis(t), set.inputs, n * rows * set.channels);
        float lastTarget = s.rows()[t][0];
        for (int h = 1; h <= horizons; h++) {
          set.targets[n * horizons + h - 1] = (float) normaliser.normaliseTarget(s.entity(), s.rows()[t + h][0],
              lastTarget);
        }
      }
    }
    return set;
  }

  /** Copies the samples {@code order[from..to)} into batch buffers. */
  void gather(int[] order, int from, int to, float[] batchInputs, float[] batchTargets) {
    int inputSize = rows * channels;
    for (int i = from; i < to; i++) {
      System.arraycopy(inputs, order[i] * inputSize, batchInputs, (i - from) * inputSize, inputSize);
      System.arraycopy(targets, order[i] * horizons, batchTargets, (i - from) * horizons, horizons);
    }
  }
}
