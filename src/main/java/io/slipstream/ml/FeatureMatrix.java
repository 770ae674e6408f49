package io.slipstream.ml;

import io.slipstream.core.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable table of features: rows = bars in time order, keyed by the bar's close time (epoch ms UTC, the
 * time the row becomes knowable), columns = named features ({@code snake_case}), values {@code double} stored
 * column-major ({@code values[j * rows + t]}), NaN = not available (warm-up, missing bar). Infinite values are
 * rejected. Arrays are copied in and out.
 */
public final class FeatureMatrix {
  private final long[] closeTimesMs;
  private final List<String> names;
  private final Map<String, Integer> index;
  private final double[] values;
  private final int rows;

  private FeatureMatrix(long[] closeTimesMs, List<String> names, Map<String, Integer> index, double[] values) {
    this.closeTimesMs = closeTimesMs;
    this.names = names;
    this.index = index;
    this.values = values;
    this.rows = closeTimesMs.length;
  }

  /**
   * Creates a matrix.
   *
   * @param closeTimesMs bar close times, epoch ms UTC, strictly increasing (length = rows). Not modified.
   * @param names feature names, unique and not blank (length = columns)
   * @param columnMajor {@code rows * columns} values, {@code columnMajor[j * rows + t]}, finite or NaN. Not
   *     modified.
   * @return the matrix
   * @throws IllegalArgumentException on a null argument, a length mismatch, times not strictly increasing,
   *     a blank or duplicated name, or an infinite value (naming the feature and the row)
   */
  public static FeatureMatrix of(long[] closeTimesMs, List<String> names, double[] columnMajor) {
    Checks.notNull(closeTimesMs, "closeTimesMs");
    List<String> ns = List.copyOf(Checks.notNull(names, "names"));
    Checks.notNull(columnMajor, "columnMajor");
    int r = closeTimesMs.length;
    Checks.sameLength(columnMajor.length, r * ns.size(), "columnMajor");
    for (int t = 1; t < r; t++) {
      if (closeTimesMs[t] <= closeTimesMs[t - 1]) {
        throw new IllegalArgumentException("Argument 'closeTimesMs' must be strictly increasing, row " + t + " ("
            + Instant.ofEpochMilli(closeTimesMs[t]) + ") is not after row " + (t - 1) + " ("
            + Instant.ofEpochMilli(closeTimesMs[t - 1]) + ")");
      }
    }
    Map<String, Integer> idx = new HashMap<>();
    for (int j = 0; j < ns.size(); j++) {
      String n = ns.get(j);
      if (n.isBlank()) {
        throw new IllegalArgumentException("Argument 'names' has a blank name at column " + j);
      }
      if (idx.put(n, j) != null) {
        throw new IllegalArgumentException("Argument 'names' has duplicate feature '" + n + "'");
      }
    }
    for (int i = 0; i < columnMajor.length; i++) {
      if (Double.isInfinite(columnMajor[i])) {
        throw new IllegalArgumentException("feature '" + ns.get(i / r) + "' row " + (i % r) + " is "
            + columnMajor[i] + " (values must be finite or NaN)");
      }
    }
    return new FeatureMatrix(closeTimesMs.clone(), ns, idx, columnMajor.clone());
  }

  /** @return number of rows (bars) */
  public int rows() {
    return rows;
  }

  /** @return number of columns (features) */
  public int columns() {
    return names.size();
  }

  /** @return the feature names, in column order (immutable) */
  public List<String> names() {
    return names;
  }

  /**
   * @param name a feature name
   * @return its column index
   * @throws IllegalArgumentException naming the feature and listing the available ones if it is absent
   */
  public int columnIndex(String name) {
    Integer j = index.get(name);
    if (j == null) {
      throw new IllegalArgumentException("feature column '" + name + "' not in the matrix; available: " + names);
    }
    return j;
  }

  /** @return whether the matrix has a feature column {@code name} */
  public boolean hasColumn(String name) {
    return index.containsKey(name);
  }

  /**
   * @param name a feature name
   * @return a copy of its column (length {@link #rows()})
   * @throws IllegalArgumentException naming the feature if it is absent
   */
  public double[] column(String name) {
    return column(columnIndex(name));
  }

  /**
   * @param j column index in {@code [0, columns())}
   * @return a copy of the column (length {@link #rows()})
   * @throws IndexOutOfBoundsException if {@code j} is out of range
   */
  public double[] column(int j) {
    Objects.checkIndex(j, names.size());
    return Arrays.copyOfRange(values, j * rows, (j + 1) * rows);
  }

  /**
   * @param t row index in {@code [0, rows())}
   * @param j column index in {@code [0, columns())}
   * @return the value (NaN = not available)
   * @throws IndexOutOfBoundsException if either index is out of range
   */
  public double get(int t, int j) {
    Objects.checkIndex(t, rows);
    Objects.checkIndex(j, names.size());
    return values[j * rows + t];
  }

  /**
   * @param t row index
   * @return a copy of row {@code t} (length {@link #columns()})
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  public double[] row(int t) {
    Objects.checkIndex(t, rows);
    double[] out = new double[names.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = values[j * rows + t];
    }
    return out;
  }

  /**
   * @param t row index
   * @return the close time of row {@code t}'s bar, epoch ms UTC
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  public long closeTimeMs(int t) {
    return closeTimesMs[Objects.checkIndex(t, rows)];
  }

  /** @return a copy of all close times, epoch ms UTC */
  public long[] closeTimesMs() {
    return closeTimesMs.clone();
  }

  /**
   * The given columns, in the given order.
   *
   * @param featureNames names to keep (unique)
   * @return a matrix with the same rows and only those columns
   * @throws IllegalArgumentException naming the first feature that is absent (with the available ones), or a
   *     duplicate
   */
  public FeatureMatrix select(List<String> featureNames) {
    List<String> ns = List.copyOf(Checks.notNull(featureNames, "featureNames"));
    double[] out = new double[rows * ns.size()];
    for (int k = 0; k < ns.size(); k++) {
      int j = columnIndex(ns.get(k));
      System.arraycopy(values, j * rows, out, k * rows, rows);
    }
    return of(closeTimesMs, ns, out);
  }

  /** @return the indices, ascending, of the rows in which no feature is NaN */
  public int[] completeRows() {
    boolean[] bad = new boolean[rows];
    for (int j = 0; j < names.size(); j++) {
      int base = j * rows;
      for (int t = 0; t < rows; t++) {
        double v = values[base + t];
        if (v != v) {
          bad[t] = true;
        }
      }
    }
    int[] tmp = new int[rows];
    int n = 0;
    for (int t = 0; t < rows; t++) {
      if (!bad[t]) {
        tmp[n++] = t;
      }
    }
    return Arrays.copyOf(tmp, n);
  }

  /**
   * @param fromRow first row kept (inclusive)
   * @param toRow last row kept (exclusive)
   * @return the rows {@code [fromRow, toRow)}
   * @throws IllegalArgumentException when the range is outside {@code [0, rows()]} or reversed
   */
  public FeatureMatrix sliceRows(int fromRow, int toRow) {
    if (fromRow < 0 || toRow > rows || fromRow > toRow) {
      throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow + ") outside [0, " + rows + ")");
    }
    int n = toRow - fromRow;
    double[] out = new double[n * names.size()];
    for (int j = 0; j < names.size(); j++) {
      System.arraycopy(values, j * rows + fromRow, out, j * n, n);
    }
    return new FeatureMatrix(Arrays.copyOfRange(closeTimesMs, fromRow, toRow), names, index, out);
  }

  /**
   * The given rows, in the given order (e.g. {@link #completeRows()}).
   *
   * @param rowIndices row indices, strictly increasing so that the close times stay in time order. Not modified.
   * @return a matrix of those rows
   * @throws IllegalArgumentException if an index is out of range or the indices are not strictly increasing
   */
  public FeatureMatrix selectRows(int[] rowIndices) {
    Checks.notNull(rowIndices, "rowIndices");
    int n = rowIndices.length;
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      int t = rowIndices[i];
      if (t < 0 || t >= rows || (i > 0 && t <= rowIndices[i - 1])) {
        throw new IllegalArgumentException("Argument 'rowIndices' must be strictly increasing in [0, " + rows
            + "), was " + t + " at position " + i);
      }
      times[i] = closeTimesMs[t];
    }
    double[] out = new double[n * names.size()];
    for (int j = 0; j < names.size(); j++) {
      int base = j * rows;
      for (int i = 0; i < n; i++) {
        out[j * n + i] = values[base + rowIndices[i]];
      }
    }
    return new FeatureMatrix(times, names, index, out);
  }

  /** @return a short description: shape, first and last close time, and the feature names */
  @Override
  public String toString() {
    List<String> shown = names.size() <= 8 ? names : new ArrayList<>(names.subList(0, 8));
    return "FeatureMatrix[" + rows + " rows x " + names.size() + " features"
        + (rows > 0 ? ", closes " + Instant.ofEpochMilli(closeTimesMs[0]) + " .. "
            + Instant.ofEpochMilli(closeTimesMs[rows - 1]) : "")
        + ", " + shown + (names.size() > 8 ? "..." : "") + "]";
  }
}
