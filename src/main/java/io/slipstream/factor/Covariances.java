package io.slipstream.factor;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.data.Panel;

/**
 * Covariance estimators over a window of observations ({@code T x N}, rows = bar times, columns = coins,
 * row-major, no NaN): the sample covariance and a shrinkage estimator toward the diagonal; and the covariance of
 * price returns plus that of funding, {@code S = S_price + S_funding}.
 * Units: squared observation units per bar (e.g. squared decimal returns per bar). Stateless.
 */
public final class Covariances {
  private Covariances() {
  }

  /**
   * Sample covariance with ddof 1: {@code S = Xc'Xc / (T - 1)}, {@code Xc} = X with column means removed
   * (as {@code numpy.cov(x, rowvar=False)}).
   *
   * @param x {@code T x N} observations, row-major, no NaN. Not modified.
   * @param rows {@code T >= 2}
   * @param cols {@code N >= 1}
   * @return the sample covariance, shrinkage 0
   * @throws IllegalArgumentException on a shape error
   * @throws DataException naming the row and column of a non-finite observation
   */
  public static CovarianceMatrix sample(double[] x, int rows, int cols) {
    double[] cm = columnMajor(centred(x, rows, cols), rows, cols);
    double[] s = GramOps.gram(cm, cols, rows);
    double scale = 1.0 / (rows - 1);
    for (int i = 0; i < s.length; i++) {
      s[i] *= scale;
    }
    return new CovarianceMatrix(cols, s, 0.0);
  }

  /**
   * Shrinkage toward the diagonal: Schafer and Strimmer (2005), target "D" (diagonal, unequal variance), the
   * Ledoit-Wolf optimal intensity with that target, estimated from the data:
   * <pre>
   *   w_kij = xc_ki xc_kj,  wbar_ij = mean_k w_kij,  s_ij = T / (T - 1) wbar_ij            (sample covariance)
   *   Var(s_ij) = T / (T - 1)^3 sum_k (w_kij - wbar_ij)^2
   *   lambda = clip( sum_{i != j} Var(s_ij) / sum_{i != j} s_ij^2, 0, 1 )
   *   S*_ii = s_ii,  S*_ij = (1 - lambda) s_ij
   * </pre>
   * When every off-diagonal {@code s_ij} is 0 (including {@code N = 1}) the sample already equals the target and
   * {@code lambda = 1}. The result is positive definite whenever {@code lambda > 0} and every variance is positive;
   * with {@code T = 2} the two centred rows are opposite, every {@code Var(s_ij)} is 0 and so is {@code lambda}
   * (the estimator cannot help with so few observations).
   * Reference: J. Schafer, K. Strimmer, "A shrinkage approach to large-scale covariance matrix estimation and
   * implications for functional genomics", Stat. Appl. Genet. Mol. Biol. 4(1), 2005, Table 1 target D; O. Ledoit,
   * M. Wolf, "A well-conditioned estimator for large-dimensional covariance matrices", J. Multivar. Anal. 88, 2004.
   *
   * @param x {@code T x N} observations, row-major, no NaN. Not modified.
   * @param rows {@code T >= 2}
   * @param cols {@code N >= 1}
   * @return the shrunk covariance, with its intensity {@code lambda} in {@link CovarianceMatrix#shrinkage()}
   * @throws IllegalArgumentException on a shape error
   * @throws DataException naming the row and column of a non-finite observation
   */
  public static CovarianceMatrix shrunk(double[] x, int rows, int cols) {
    // column-major: each coin's centred series contiguous
    double[] cm = columnMajor(centred(x, rows, cols), rows, cols);
    double n = rows;
    double[] s = new double[cols * cols];
    double num = 0;
    double den = 0;
    for (int i = 0; i < cols; i++) {
      int oi = i * rows;
      for (int j = i; j < cols; j++) {
        int oj = j * rows;
        double sw = 0;
        for (int t = 0; t < rows; t++) {
          sw += cm[oi + t] * cm[oj + t];
        }
        double wbar = sw / n;
        double sij = sw / (n - 1);
        s[i * cols + j] = sij;
        s[j * cols + i] = sij;
        if (j != i) {
          double dev = 0;
          for (int t = 0; t < rows; t++) {
            double d = cm[oi + t] * cm[oj + t] - wbar;
            dev += d * d;
          }
          double var = n / ((n - 1) * (n - 1) * (n - 1)) * dev;
          num += 2 * var;
          den += 2 * sij * sij;
        }
      }
    }
    double lambda = den > 0 ? Math.max(0.0, Math.min(1.0, num / den)) : 1.0;
    double keep = 1 - lambda;
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < cols; j++) {
        if (i != j) {
          s[i * cols + j] *= keep;
        }
      }
    }
    return new CovarianceMatrix(cols, s, lambda);
  }

  /**
   * The observation window of some panel columns, as the estimators take it.
   *
   * @param values e.g. log returns or funding per bar; rows = bars, columns = coins. Not modified.
   * @param lastRow the last row of the window (inclusive)
   * @param window {@code T}, the number of rows ({@code lastRow - T + 1 .. lastRow})
   * @param columns the panel columns to take, in order. Not modified.
   * @return {@code T x columns.length} values, row-major
   * @throws IllegalArgumentException when the window or a column is outside the panel
   * @throws DataException naming the coin and the bar close time of a NaN value
   */
  public static double[] observations(Panel values, int lastRow, int window, int[] columns) {
    Checks.notNull(values, "values");
    Checks.notNull(columns, "columns");
    Checks.positive(window, "window");
    int first = lastRow - window + 1;
    if (first < 0 || lastRow >= values.rows()) {
      throw new IllegalArgumentException("window rows [" + first + ", " + lastRow + "] outside the panel's [0, "
          + values.rows() + ")");
    }
    int n = columns.length;
    double[] out = new double[window * n];
    for (int k = 0; k < n; k++) {
      int c = columns[k];
      if (c < 0 || c >= values.columns()) {
        throw new IllegalArgumentException("column " + c + " outside [0, " + values.columns() + ")");
      }
      for (int j = 0; j < window; j++) {
        double v = values.get(first + j, c);
        if (!Double.isFinite(v)) {
          throw new DataException("coin " + values.coins().get(c) + " has " + v + " at the bar closing "
              + values.closeTime(first + j) + "; a covariance window needs finite values");
        }
        out[j * n + k] = v;
      }
    }
    return out;
  }

  /**
   * {@code S = S_price + S_funding}: the covariance of per-bar price returns plus that of per-bar funding over the
   * same window and coins (funding treated as a second, uncorrelated return component).
   *
   * @param returns price returns per bar (decimal); rows = bars, columns = coins. Not modified.
   * @param funding funding per bar (decimal fraction), same shape. Not modified.
   * @param lastRow last row of the window (inclusive)
   * @param window {@code T >= 2}
   * @param columns panel columns, in order. Not modified.
   * @param shrink whether to use {@link #shrunk} (else {@link #sample}) for both parts
   * @return the sum (shrinkage NaN)
   * @throws IllegalArgumentException on a shape error or when the panels differ in shape
   * @throws DataException naming the coin and time of a NaN value
   */
  public static CovarianceMatrix priceAndFunding(Panel returns, Panel funding, int lastRow, int window,
      int[] columns, boolean shrink) {
    if (returns.rows() != funding.rows() || !returns.coins().equals(funding.coins())) {
      throw new IllegalArgumentException("returns " + returns + " and funding " + funding + " differ in shape");
    }
    double[] xp = observations(returns, lastRow, window, columns);
    double[] xf = observations(funding, lastRow, window, columns);
    int n = columns.length;
    CovarianceMatrix sp = shrink ? shrunk(xp, window, n) : sample(xp, window, n);
    CovarianceMatrix sf = shrink ? shrunk(xf, window, n) : sample(xf, window, n);
    return sp.plus(sf);
  }

  private static double[] columnMajor(double[] rowMajor, int rows, int cols) {
    double[] cm = new double[rowMajor.length];
    for (int t = 0; t < rows; t++) {
      for (int k = 0; k < cols; k++) {
        cm[k * rows + t] = rowMajor[t * cols + k];
      }
    }
    return cm;
  }

  /** Validates and returns the column-centred copy of {@code x}. */
  private static double[] centred(double[] x, int rows, int cols) {
    Checks.notNull(x, "x");
    if (rows < 2) {
      throw new IllegalArgumentException("Argument 'rows' must be >= 2 for a ddof-1 covariance, was " + rows);
    }
    Checks.positive(cols, "cols");
    if ((long) rows * cols != x.length) {
      throw new IllegalArgumentException("Argument 'x' must have length rows x cols = " + rows + " x " + cols + " = "
          + (long) rows * cols + ", was " + x.length);
    }
    double[] mean = new double[cols];
    for (int t = 0; t < rows; t++) {
      for (int k = 0; k < cols; k++) {
        double v = x[t * cols + k];
        if (!Double.isFinite(v)) {
          throw new DataException("observation row " + t + ", column " + k + " is " + v
              + "; a covariance needs finite observations");
        }
        mean[k] += v;
      }
    }
    for (int k = 0; k < cols; k++) {
      mean[k] /= rows;
    }
    double[] xc = new double[x.length];
    for (int t = 0; t < rows; t++) {
      for (int k = 0; k < cols; k++) {
        xc[t * cols + k] = x[t * cols + k] - mean[k];
      }
    }
    return xc;
  }
}
