package io.ledgermind.models.data;

/**
 * Chronological train / held-out split: the first {@code fraction} of every series trains (and gives the
 * normalisation statistics), forecasts are evaluated only at origins whose targets all lie after it.
 */
public final class Split {
  private Split() {}

  public static int trainRows(int length, double fraction) {
    return (int) Math.floor(length * fraction);
  }
}
