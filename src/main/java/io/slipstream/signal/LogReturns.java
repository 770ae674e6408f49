package io.slipstream.signal;

import io.slipstream.data.Panel;

/**
 * Log returns {@code r_t = ln(C_t / C_{t-1})} of close prices (DESIGN.md convention 2), decimal per bar.
 * NaN when either close is NaN (so the first bar after a gap is NaN, and row 0 is NaN).
 */
public final class LogReturns {
  private LogReturns() {
  }

  /**
   * @param close the close now (USD), NaN = not available
   * @param previousClose the close one bar earlier on the grid (USD), NaN = not available
   * @return {@code ln(close / previousClose)}, NaN if either is NaN
   */
  public static double of(double close, double previousClose) {
    return Math.log(close / previousClose);
  }

  /**
   * @param close close prices in USD; rows = bars, columns = coins. Not modified.
   * @return log returns, same shape; row 0 and bars next to a NaN close are NaN
   */
  public static Panel of(Panel close) {
    int rows = close.rows();
    double[] out = new double[rows * close.columns()];
    for (int c = 0; c < close.columns(); c++) {
      double[] col = close.column(c);
      double prev = Double.NaN;
      for (int t = 0; t < rows; t++) {
        out[c * rows + t] = of(col[t], prev);
        prev = col[t];
      }
    }
    return close.withValues(out);
  }
}
