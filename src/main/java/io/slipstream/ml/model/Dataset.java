package io.slipstream.ml.model;

import io.slipstream.core.Checks;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A design matrix with its labels, ready for a classifier: rows = samples in time order, columns = features.
 *
 * <p>Shape: {@code xRowMajor[r * cols + f]} is feature {@code f} of sample {@code r}, with
 * {@code cols = featureNames.size()}; {@code y[r]} is the label of sample {@code r} (for the classifiers of this
 * package 0 or 1, checked by them), {@code timesMs[r]} its decision time in epoch milliseconds (UTC), the close
 * time of the bar whose features it carries. Rows are in time order ({@code timesMs} non-decreasing; equal times
 * are allowed so that panels of several coins can be stacked).
 *
 * <p>NaN policy: a dataset holds no NaN and no infinity, neither in {@code x} nor in {@code y}: warm-up rows and
 * unknown labels (the last {@code h} rows of {@link Labels#nextDirection}) must be removed explicitly first, with
 * {@link #dropIncomplete(List, double[], int, double[], long[])}, which reports how many rows it dropped. They are
 * never zero-filled.
 *
 * <p>Immutable: the arrays are copied in and out (the accessors {@link #xRowMajor()}, {@link #y()} and
 * {@link #timesMs()} return copies; use {@link #x(int, int)}, {@link #y(int)}, {@link #timeMs(int)} for single
 * values). {@code equals} compares contents.
 *
 * @param featureNames the feature (column) names, unique, non-blank, in column order
 * @param xRowMajor the features, row-major, length {@code rows * featureNames.size()}, all finite
 * @param rows the number of samples, {@code >= 1}
 * @param y the labels, length {@code rows}, all finite
 * @param timesMs the sample times in epoch milliseconds (UTC), length {@code rows}, non-decreasing
 */
public record Dataset(List<String> featureNames, double[] xRowMajor, int rows, double[] y, long[] timesMs) {

  /**
   * Validates and copies every field.
   *
   * @throws IllegalArgumentException for null arrays, a blank or duplicate feature name, no features, no rows, a
   *     length that does not match {@code rows} (naming both), a non-finite value
   *     ({@code "NaN features must be dropped before training: row r, feature f"}, likewise for labels), or
   *     times out of order (naming the row and both times)
   */
  public Dataset {
    Checks.notNull(featureNames, "featureNames");
    Checks.notNull(xRowMajor, "xRowMajor");
    Checks.notNull(y, "y");
    Checks.notNull(timesMs, "timesMs");
    for (int i = 0; i < featureNames.size(); i++) {
      Checks.notNull(featureNames.get(i), "featureNames[" + i + "]");
    }
    featureNames = List.copyOf(featureNames);
    checkNames(featureNames);
    int cols = checkShape(featureNames.size(), xRowMajor, rows, y, timesMs);
    xRowMajor = xRowMajor.clone();
    y = y.clone();
    timesMs = timesMs.clone();
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < cols; f++) {
        double v = xRowMajor[r * cols + f];
        if (Double.isNaN(v)) {
          throw new IllegalArgumentException("NaN features must be dropped before training: row " + r + ", feature "
              + f + " ('" + featureNames.get(f) + "'); use Dataset.dropIncomplete");
        }
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException("Features must be finite: row " + r + ", feature " + f + " ('"
              + featureNames.get(f) + "') is " + v);
        }
      }
      if (Double.isNaN(y[r])) {
        throw new IllegalArgumentException("NaN labels must be dropped before training: row " + r
            + "; use Dataset.dropIncomplete");
      }
      if (Double.isInfinite(y[r])) {
        throw new IllegalArgumentException("Labels must be finite: row " + r + " is " + y[r]);
      }
      if (r > 0 && timesMs[r] < timesMs[r - 1]) {
        throw new IllegalArgumentException("Argument 'timesMs' must be non-decreasing (rows in time order): row "
            + r + " has " + timesMs[r] + " < row " + (r - 1) + " " + timesMs[r - 1]);
      }
    }
  }

  /**
   * Builds a dataset from a row array.
   *
   * @param featureNames the feature names, in column order
   * @param x rows = samples in time order, columns = features; every row of length {@code featureNames.size()}.
   *     Not modified.
   * @param y labels, one per row. Not modified.
   * @param timesMs sample times in epoch ms (UTC), one per row. Not modified.
   * @return the dataset
   * @throws IllegalArgumentException as the canonical constructor, or for a ragged {@code x} (naming the row)
   */
  public static Dataset of(List<String> featureNames, double[][] x, double[] y, long[] timesMs) {
    Checks.notNull(featureNames, "featureNames");
    return new Dataset(featureNames, flatten(x, featureNames.size()), x.length, y, timesMs);
  }

  /**
   * The result of {@link #dropIncomplete}: the complete rows as a dataset, the number of rows removed and the
   * original index of every row kept (to map predictions back to bars).
   *
   * @param dataset the rows without any NaN, in their original order
   * @param droppedRows how many input rows had a NaN in {@code x} or {@code y} and were removed, {@code >= 0}
   * @param keptRows for row {@code i} of {@code dataset}, its index in the input (increasing); copied in and out
   */
  public record DropResult(Dataset dataset, int droppedRows, int[] keptRows) {
    /**
     * @throws IllegalArgumentException if an argument is null, {@code droppedRows < 0} or {@code keptRows} does
     *     not have one entry per dataset row
     */
    public DropResult {
      Checks.notNull(dataset, "dataset");
      Checks.notNull(keptRows, "keptRows");
      if (droppedRows < 0) {
        throw new IllegalArgumentException("Argument 'droppedRows' must be >= 0, was " + droppedRows);
      }
      Checks.sameLength(keptRows.length, dataset.rows(), "keptRows");
      keptRows = keptRows.clone();
    }

    /** @return a copy of the original row indices kept */
    @Override
    public int[] keptRows() {
      return keptRows.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DropResult d && d.dataset.equals(dataset) && d.droppedRows == droppedRows
          && Arrays.equals(d.keptRows, keptRows);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * dataset.hashCode() + droppedRows) + Arrays.hashCode(keptRows);
    }

    @Override
    public String toString() {
      return "DropResult[rows=" + dataset.rows() + ", droppedRows=" + droppedRows + "]";
    }
  }

  /**
   * Removes, explicitly, every row that has a NaN in any feature or in its label (feature warm-up, the unknown
   * labels at the end, a threshold label's ignored moves), and reports how many were removed. Rows are never
   * zero-filled. Infinite values are not "incomplete": they are rejected by the dataset constructor.
   *
   * @param featureNames the feature names, in column order
   * @param xRowMajor features, row-major, length {@code rows * featureNames.size()}, NaN = not available. Not
   *     modified.
   * @param rows the number of input rows, {@code >= 1}
   * @param y labels, length {@code rows}, NaN = unknown or ignored. Not modified.
   * @param timesMs times in epoch ms (UTC), length {@code rows}, non-decreasing. Not modified.
   * @return the complete rows, the count dropped and the kept indices
   * @throws IllegalArgumentException for mismatched lengths, or when no row is complete (naming how many rows
   *     there were), or as the dataset constructor
   */
  public static DropResult dropIncomplete(List<String> featureNames, double[] xRowMajor, int rows, double[] y,
      long[] timesMs) {
    Checks.notNull(featureNames, "featureNames");
    Checks.notNull(xRowMajor, "xRowMajor");
    Checks.notNull(y, "y");
    Checks.notNull(timesMs, "timesMs");
    int cols = checkShape(featureNames.size(), xRowMajor, rows, y, timesMs);
    int[] kept = new int[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      boolean complete = !Double.isNaN(y[r]);
      for (int f = 0; f < cols && complete; f++) {
        complete = !Double.isNaN(xRowMajor[r * cols + f]);
      }
      if (complete) {
        kept[n++] = r;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("Every one of the " + rows
          + " rows has a NaN feature or label: nothing left to train on");
    }
    kept = Arrays.copyOf(kept, n);
    double[] xs = new double[n * cols];
    double[] ys = new double[n];
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      int r = kept[i];
      System.arraycopy(xRowMajor, r * cols, xs, i * cols, cols);
      ys[i] = y[r];
      ts[i] = timesMs[r];
    }
    return new DropResult(new Dataset(featureNames, xs, n, ys, ts), rows - n, kept);
  }

  /**
   * {@link #dropIncomplete(List, double[], int, double[], long[])} over a row array.
   *
   * @param featureNames the feature names, in column order
   * @param x rows = samples in time order, columns = features, NaN = not available. Not modified.
   * @param y labels, NaN = unknown or ignored. Not modified.
   * @param timesMs times in epoch ms (UTC). Not modified.
   * @return the complete rows, the count dropped and the kept indices
   * @throws IllegalArgumentException as the array form, or for a ragged {@code x}
   */
  public static DropResult dropIncomplete(List<String> featureNames, double[][] x, double[] y, long[] timesMs) {
    Checks.notNull(featureNames, "featureNames");
    Checks.notNull(x, "x");
    return dropIncomplete(featureNames, flatten(x, featureNames.size()), x.length, y, timesMs);
  }

  /** @return the number of features (columns) */
  public int cols() {
    return featureNames.size();
  }

  /**
   * @param row sample index in {@code [0, rows)}
   * @param feature feature index in {@code [0, cols)}
   * @return the feature value
   * @throws IndexOutOfBoundsException for an index out of range
   */
  public double x(int row, int feature) {
    java.util.Objects.checkIndex(row, rows);
    java.util.Objects.checkIndex(feature, featureNames.size());
    return xRowMajor[row * featureNames.size() + feature];
  }

  /**
   * @param row sample index in {@code [0, rows)}
   * @return the label of that sample
   * @throws IndexOutOfBoundsException for an index out of range
   */
  public double y(int row) {
    return y[row];
  }

  /**
   * @param row sample index in {@code [0, rows)}
   * @return the time of that sample in epoch ms (UTC)
   * @throws IndexOutOfBoundsException for an index out of range
   */
  public long timeMs(int row) {
    return timesMs[row];
  }

  /** @return a copy of the features, row-major */
  @Override
  public double[] xRowMajor() {
    return xRowMajor.clone();
  }

  /** @return a copy of the labels */
  @Override
  public double[] y() {
    return y.clone();
  }

  /** @return a copy of the times in epoch ms (UTC) */
  @Override
  public long[] timesMs() {
    return timesMs.clone();
  }

  /** @return the features as rows = samples, columns = features (a fresh copy) */
  public double[][] toRows() {
    int cols = featureNames.size();
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = Arrays.copyOfRange(xRowMajor, r * cols, (r + 1) * cols);
    }
    return out;
  }

  /**
   * The rows at the given indices, in the given order (for the index sets of {@link Splits}).
   *
   * @param rowIndices indices in {@code [0, rows)}, giving non-decreasing times (e.g. increasing indices), at
   *     least one. Not modified.
   * @return the sub-dataset
   * @throws IllegalArgumentException if {@code rowIndices} is empty or its rows are out of time order
   * @throws IndexOutOfBoundsException for an index out of range
   */
  public Dataset select(int[] rowIndices) {
    Checks.notNull(rowIndices, "rowIndices");
    if (rowIndices.length == 0) {
      throw new IllegalArgumentException("Argument 'rowIndices' must not be empty");
    }
    int cols = featureNames.size();
    double[] xs = new double[rowIndices.length * cols];
    double[] ys = new double[rowIndices.length];
    long[] ts = new long[rowIndices.length];
    for (int i = 0; i < rowIndices.length; i++) {
      int r = java.util.Objects.checkIndex(rowIndices[i], rows);
      System.arraycopy(xRowMajor, r * cols, xs, i * cols, cols);
      ys[i] = y[r];
      ts[i] = timesMs[r];
    }
    return new Dataset(featureNames, xs, rowIndices.length, ys, ts);
  }

  /**
   * The rows {@code [from, to)}.
   *
   * @param from first row, inclusive
   * @param to last row, exclusive; {@code from < to <= rows}
   * @return the sub-dataset
   * @throws IndexOutOfBoundsException if the range is not inside {@code [0, rows)} or is empty
   */
  public Dataset range(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, rows);
    if (from == to) {
      throw new IndexOutOfBoundsException("Range [" + from + ", " + to + ") is empty");
    }
    int cols = featureNames.size();
    return new Dataset(featureNames, Arrays.copyOfRange(xRowMajor, from * cols, to * cols), to - from,
        Arrays.copyOfRange(y, from, to), Arrays.copyOfRange(timesMs, from, to));
  }

  /**
   * Checks that every label is 0 or 1 (binary classification).
   *
   * @param name the name of the dataset in the message (e.g. {@code "train"})
   * @return the number of labels equal to 1
   * @throws IllegalArgumentException naming the dataset, the row and the value of the first other label
   */
  public int requireBinaryLabels(String name) {
    int positives = 0;
    for (int r = 0; r < rows; r++) {
      if (y[r] == 1.0) {
        positives++;
      } else if (y[r] != 0.0) {
        throw new IllegalArgumentException("Labels of '" + name + "' must be 0 or 1: row " + r + " is " + y[r]);
      }
    }
    return positives;
  }

  /** Package view of the features without a copy (callers must not modify it). */
  double[] xView() {
    return xRowMajor;
  }

  /** Package view of the labels without a copy (callers must not modify it). */
  double[] yView() {
    return y;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dataset d && d.rows == rows && d.featureNames.equals(featureNames)
        && Arrays.equals(d.xRowMajor, xRowMajor) && Arrays.equals(d.y, y) && Arrays.equals(d.timesMs, timesMs);
  }

  @Override
  public int hashCode() {
    int h = featureNames.hashCode();
    h = 31 * h + rows;
    h = 31 * h + Arrays.hashCode(xRowMajor);
    h = 31 * h + Arrays.hashCode(y);
    return 31 * h + Arrays.hashCode(timesMs);
  }

  @Override
  public String toString() {
    return "Dataset[rows=" + rows + ", features=" + featureNames + ", times=[" + timesMs[0] + ", "
        + timesMs[rows - 1] + "]]";
  }

  private static void checkNames(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("Argument 'featureNames' must not be empty");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.isBlank()) {
        throw new IllegalArgumentException("Argument 'featureNames' must not hold a blank name: index " + i);
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("Argument 'featureNames' must be unique: '" + n + "' appears twice");
      }
    }
  }

  private static double[] flatten(double[][] x, int cols) {
    Checks.notNull(x, "x");
    double[] out = new double[x.length * cols];
    for (int r = 0; r < x.length; r++) {
      double[] row = Checks.notNull(x[r], "x[" + r + "]");
      if (row.length != cols) {
        throw new IllegalArgumentException("Argument 'x' row " + r + " must have " + cols + " features, had "
            + row.length);
      }
      System.arraycopy(row, 0, out, r * cols, cols);
    }
    return out;
  }

  /**
   * Checks that {@code rows >= 1} and the arrays hold {@code rows} samples of {@code cols} features.
   *
   * @return {@code cols}
   * @throws IllegalArgumentException naming the argument whose length is wrong
   */
  private static int checkShape(int cols, double[] xRowMajor, int rows, double[] y, long[] timesMs) {
    Checks.positive(rows, "rows");
    if ((long) rows * cols != xRowMajor.length) {
      throw new IllegalArgumentException("Argument 'xRowMajor' must have length rows * features = " + rows + " * "
          + cols + " = " + (long) rows * cols + ", was " + xRowMajor.length);
    }
    Checks.sameLength(y.length, rows, "y");
    Checks.sameLength(timesMs.length, rows, "timesMs");
    return cols;
  }
}
