package io.slipstream.signal;

import io.slipstream.data.Panel;

/**
 * Vol-normalised returns {@code z_t = r_t / sigma_{t-1}} (DESIGN.md convention 5): the return of bar t divided by
 * the volatility known at the previous bar's close, so no bar's own move enters its own scale. Dimensionless.
 * NaN when {@code r_t} is NaN, or {@code sigma_{t-1}} is NaN or 0.
 */
public final class VolNormalisedReturns {
  private VolNormalisedReturns() {
  }

  /**
   * @param r the log return of this bar (decimal)
   * @param previousSigma the EW volatility at the previous bar (decimal per bar)
   * @return {@code r / previousSigma}, NaN when undefined (see class doc)
   */
  public static double of(double r, double previousSigma) {
    return previousSigma == 0.0 ? Double.NaN : r / previousSigma;
  }

  /**
   * @param r log returns; rows = bars, columns = coins. Not modified.
   * @param sigma EW volatility of the same shape. Not modified.
   * @return z, same shape; row 0 is NaN
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Panel of(Panel r, Panel sigma) {
    if (r.rows() != sigma.rows() || !r.coins().equals(sigma.coins())) {
      throw new IllegalArgumentException("shapes differ: r " + r + " vs sigma " + sigma);
    }
    int rows = r.rows();
    double[] out = new double[rows * r.columns()];
    for (int c = 0; c < r.columns(); c++) {
      double[] rc = r.column(c);
      double[] sc = sigma.column(c);
      double prev = Double.NaN;
      for (int t = 0; t < rows; t++) {
        out[c * rows + t] = of(rc[t], prev);
        prev = sc[t];
      }
    }
    return r.withValues(out);
  }
}
