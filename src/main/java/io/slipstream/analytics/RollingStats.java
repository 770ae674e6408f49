package io.slipstream.analytics;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;

/**
 * Trailing-window statistics of a per-bar return series (quantstats {@code rolling_sharpe} and
 * {@code rolling_volatility}, i.e. pandas {@code rolling(w).mean() / rolling(w).std() x sqrt(ppy)} and
 * {@code rolling(w).std() x sqrt(ppy)}, std with ddof 1). Output {@code i} uses returns {@code i-w+1 .. i}; it is NaN
 * for {@code i < w-1} (warm-up, {@code minPeriods = window}) and when any return in the window is NaN. O(n): the window
 * mean and sum of squared deviations {@code M2} slide with the exact update {@code mean' = mean + (x_in - x_out) / w},
 * {@code M2' = M2 + (x_in - x_out)(x_in - mean' + x_out - mean)}, and are recomputed in two passes at the first
 * window, after a NaN and every {@code w} bars, so rounding cannot drift; a window of identical values has variance
 * exactly 0 (pandas does the same).
 */
public final class RollingStats {
  private RollingStats() {
  }

  /**
   * Window length in bars for a span of whole days: {@code days x 24 / interval hours}.
   *
   * @param interval bar interval
   * @param days span in days, {@code > 0}
   * @return bars, at least 2
   * @throws IllegalArgumentException if {@code days <= 0}
   */
  public static int windowBars(BarInterval interval, int days) {
    Checks.positive(days, "days");
    return Math.max(2, days * 24 / interval.hours());
  }

  /**
   * Rolling annualised Sharpe ratio {@code mean / stdev(ddof 1) x sqrt(ppy)}.
   *
   * @param returns simple returns per bar, decimal; not modified
   * @param window bars per window, {@code >= 2}
   * @param periodsPerYear bars per year, {@code > 0}
   * @return one value per bar; NaN in warm-up, on NaN input and where the window's stdev is 0
   * @throws IllegalArgumentException if {@code window < 2} or {@code periodsPerYear <= 0}
   */
  public static double[] sharpe(double[] returns, int window, double periodsPerYear) {
    return rolling(returns, window, periodsPerYear, true);
  }

  /**
   * Rolling annualised volatility {@code stdev(ddof 1) x sqrt(ppy)}.
   *
   * @param returns simple returns per bar, decimal; not modified
   * @param window bars per window, {@code >= 2}
   * @param periodsPerYear bars per year, {@code > 0}
   * @return one value per bar, decimal per year; NaN in warm-up and on NaN input
   * @throws IllegalArgumentException if {@code window < 2} or {@code periodsPerYear <= 0}
   */
  public static double[] volatility(double[] returns, int window, double periodsPerYear) {
    return rolling(returns, window, periodsPerYear, false);
  }

  /**
   * Rolling annualised Sortino ratio (quantstats {@code rolling_sortino}): {@code mean / sqrt(sum(min(r,0)^2) / w)
   * x sqrt(ppy)} over the trailing {@code w} returns, computed directly per window (O(n w)).
   *
   * @param returns simple returns per bar, decimal; not modified
   * @param window bars per window, {@code >= 2}
   * @param periodsPerYear bars per year, {@code > 0}
   * @return one value per bar; NaN in warm-up, on NaN input and where the window has no negative return
   * @throws IllegalArgumentException if {@code window < 2} or {@code periodsPerYear <= 0}
   */
  public static double[] sortino(double[] returns, int window, double periodsPerYear) {
    if (window < 2) {
      throw new IllegalArgumentException("Argument 'window' must be >= 2, was " + window);
    }
    Checks.positive(periodsPerYear, "periodsPerYear");
    double root = Math.sqrt(periodsPerYear);
    double[] out = new double[returns.length];
    for (int i = 0; i < returns.length; i++) {
      out[i] = Double.NaN;
      if (i < window - 1) {
        continue;
      }
      double s = 0;
      double d2 = 0;
      boolean ok = true;
      for (int k = i - window + 1; k <= i && ok; k++) {
        double x = returns[k];
        ok = !Double.isNaN(x);
        s += x;
        if (x < 0) {
          d2 += x * x;
        }
      }
      if (ok && d2 > 0) {
        out[i] = s / window / Math.sqrt(d2 / window) * root;
      }
    }
    return out;
  }

  private static double[] rolling(double[] x, int window, double ppy, boolean sharpe) {
    if (window < 2) {
      throw new IllegalArgumentException("Argument 'window' must be >= 2, was " + window);
    }
    Checks.positive(ppy, "periodsPerYear");
    int n = x.length;
    double[] out = new double[n];
    double root = Math.sqrt(ppy);
    int lastNaN = -1;
    boolean valid = false;
    int exactAt = 0;
    int same = 0;
    double mean = 0;
    double m2 = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(x[i])) {
        lastNaN = i;
      }
      same = i > 0 && x[i] == x[i - 1] ? same + 1 : 1;
      int from = i - window + 1;
      if (from < 0 || lastNaN >= from) {
        out[i] = Double.NaN;
        valid = false;
        continue;
      }
      if (same >= window) {
        // a constant window has no variance: exactly 0, not the residue of the sliding update (as pandas)
        mean = x[i];
        m2 = 0;
      } else if (!valid || i - exactAt >= window) {
        // two passes over the window: first window, after a NaN, and every window bars
        double s = 0;
        for (int k = from; k <= i; k++) {
          s += x[k];
        }
        mean = s / window;
        m2 = 0;
        for (int k = from; k <= i; k++) {
          double d = x[k] - mean;
          m2 += d * d;
        }
        exactAt = i;
        valid = true;
      } else {
        double in = x[i];
        double gone = x[from - 1];
        double next = mean + (in - gone) / window;
        m2 = Math.max(0, m2 + (in - gone) * (in - next + gone - mean));
        mean = next;
      }
      double sd = Math.sqrt(m2 / (window - 1));
      if (sharpe) {
        out[i] = sd > 0 ? mean / sd * root : Double.NaN;
      } else {
        out[i] = sd * root;
      }
    }
    return out;
  }
}
