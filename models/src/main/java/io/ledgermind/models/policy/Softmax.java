package io.ledgermind.models.policy;

/** Softmax of the logit part of a network output row, in double precision, identical for training and serving. */
final class Softmax {
  private Softmax() {}

  static double[] of(float[] output, int offset, int actions) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actions; a++) {
      max = Math.max(max, output[offset + a]);
    }
    double[] p = new double[actions];
    double sum = 0;
    for (int a = 0; a < actions; a++) {
      p[a] = Math.exp(output[offset + a] - max);
      sum += p[a];
    }
    for (int a = 0; a < actions; a++) {
      p[a] /= sum;
    }
    return p;
  }

  /** Index of the largest probability; ties go to the lowest index (hold), so the choice is reproducible. */
  static int argmax(double[] p) {
    int best = 0;
    for (int a = 1; a < p.length; a++) {
      if (p[a] > p[best]) {
        best = a;
      }
    }
    return best;
  }
}
