package io.slipstream.ml.nlp;

import io.slipstream.core.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of (actual, predicted) label pairs over the three {@link SentimentLabel}s; rows = actual, columns =
 * predicted, both in {@link SentimentLabel} order (positive, negative, neutral). Immutable.
 */
public final class ConfusionMatrix {
  private final long[][] counts;

  private ConfusionMatrix(long[][] counts) {
    this.counts = counts;
  }

  /**
   * Counts the pairs of two label lists.
   *
   * @param actual the true labels; not modified
   * @param predicted the predicted labels, same length; not modified
   * @return the matrix
   * @throws IllegalArgumentException naming the list when the lengths differ or a label is null
   */
  public static ConfusionMatrix of(List<SentimentLabel> actual, List<SentimentLabel> predicted) {
    Checks.notNull(actual, "actual");
    Checks.notNull(predicted, "predicted");
    Checks.sameLength(predicted.size(), actual.size(), "predicted");
    long[][] c = new long[3][3];
    for (int i = 0; i < actual.size(); i++) {
      SentimentLabel a = actual.get(i);
      SentimentLabel p = predicted.get(i);
      if (a == null || p == null) {
        throw new IllegalArgumentException("Argument '" + (a == null ? "actual" : "predicted") + "[" + i
            + "]' must not be null");
      }
      c[a.ordinal()][p.ordinal()]++;
    }
    return new ConfusionMatrix(c);
  }

  /**
   * @param actual the true label (row)
   * @param predicted the predicted label (column)
   * @return the number of items with that pair
   */
  public long count(SentimentLabel actual, SentimentLabel predicted) {
    return counts[actual.ordinal()][predicted.ordinal()];
  }

  /** @return the number of items */
  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long v : row) {
        t += v;
      }
    }
    return t;
  }

  /** @return the items whose true label is {@code actual} (the class's support) */
  public long actualTotal(SentimentLabel actual) {
    long t = 0;
    for (long v : counts[actual.ordinal()]) {
      t += v;
    }
    return t;
  }

  /** @return the items predicted as {@code predicted} */
  public long predictedTotal(SentimentLabel predicted) {
    long t = 0;
    for (long[] row : counts) {
      t += row[predicted.ordinal()];
    }
    return t;
  }

  /** @return the items on the diagonal (predicted = actual) */
  public long correct() {
    return counts[0][0] + counts[1][1] + counts[2][2];
  }

  /** @return a copy of the counts, {@code [actual][predicted]} in {@link SentimentLabel} order */
  public long[][] toArray() {
    long[][] out = new long[3][];
    for (int i = 0; i < 3; i++) {
      out[i] = counts[i].clone();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix" + Arrays.deepToString(counts);
  }
}
