package io.slipstream.signal;

import io.slipstream.core.Checks;
import io.slipstream.data.Panel;

/**
 * Exponentially weighted moving average with span {@code s}: {@code alpha = 2/(s+1)}, started at the first valid
 * input ({@code m = x}), then {@code m_t = alpha x_t + (1 - alpha) m_{t-1}} (DESIGN.md convention 3; the same as
 * pandas {@code ewm(span=s, adjust=False, ignore_na=True)} on valid bars).
 *
 * <p>NaN policy: a NaN input leaves the state unchanged and gives a NaN output at that bar. No warm-up beyond
 * the first valid input. An instance is the incremental (one bar at a time) form; {@link #of(Panel, int)} is the
 * batch form and runs the very same update, so both agree bit for bit.
 */
public final class Ewma {
  private final double alpha;
  private final double beta;
  private double mean = Double.NaN;
  private boolean started;

  /**
   * @param span the span {@code s >= 1} in bars
   * @throws IllegalArgumentException if {@code span < 1}
   */
  public Ewma(int span) {
    Checks.positive(span, "span");
    this.alpha = alpha(span);
    this.beta = 1.0 - alpha;
  }

  /** @return {@code 2 / (span + 1)} */
  public static double alpha(int span) {
    return 2.0 / (span + 1.0);
  }

  /**
   * Feeds one bar.
   *
   * @param x the input at this bar (NaN = not available)
   * @return the EWMA at this bar, NaN when {@code x} is NaN
   */
  public double update(double x) {
    if (x != x) {
      return Double.NaN;
    }
    if (started) {
      mean = alpha * x + beta * mean;
    } else {
      mean = x;
      started = true;
    }
    return mean;
  }

  /** @return the current state (last valid EWMA), NaN before the first valid input */
  public double mean() {
    return mean;
  }

  /**
   * Batch form over every column of a panel.
   *
   * @param x input panel; rows = bars, columns = coins. Not modified.
   * @param span span in bars, {@code >= 1}
   * @return a panel of the same shape: the EWMA per coin, NaN where the input is NaN
   * @throws IllegalArgumentException if {@code span < 1}
   */
  public static Panel of(Panel x, int span) {
    int rows = x.rows();
    double[] out = new double[rows * x.columns()];
    for (int c = 0; c < x.columns(); c++) {
      double[] col = x.column(c);
      Ewma e = new Ewma(span);
      for (int t = 0; t < rows; t++) {
        out[c * rows + t] = e.update(col[t]);
      }
    }
    return x.withValues(out);
  }
}
