package io.slipstream.signal;

import io.slipstream.core.Checks;
import io.slipstream.data.Panel;

/**
 * Exponentially weighted volatility with span {@code S} (DESIGN.md convention 4), on log returns (decimal per bar):
 * with {@code alpha = 2/(S+1)} and the EWMA mean recursion of {@link Ewma}, at each valid input
 * {@code d = x_t - m_{t-1}}, {@code m_t = alpha x_t + (1-alpha) m_{t-1}},
 * {@code v_t = (1-alpha)(v_{t-1} + alpha d^2)}, {@code sigma_t = sqrt(v_t)}; at the first valid input
 * {@code m = x, v = 0}. This is the biased exponentially weighted variance (pandas {@code ewm(adjust=False).var(bias=True)}).
 *
 * <p>Output: sigma in the unit of the input (decimal per bar). Warm-up: NaN until the coin has had {@code >= S}
 * valid inputs (the current one counted). A NaN input leaves the state unchanged and gives NaN at that bar.
 * Incremental and batch forms run the same update and agree bit for bit.
 */
public final class EwVolatility {
  private final int span;
  private final double alpha;
  private final double beta;
  private double mean;
  private double var;
  private int count;

  /**
   * @param span the span {@code S >= 1} in bars; also the number of valid inputs before the output is valid
   * @throws IllegalArgumentException if {@code span < 1}
   */
  public EwVolatility(int span) {
    this.span = Checks.positive(span, "span");
    this.alpha = Ewma.alpha(span);
    this.beta = 1.0 - alpha;
  }

  /**
   * Feeds one bar.
   *
   * @param x the input (a log return, decimal), NaN = not available
   * @return sigma at this bar, or NaN (input NaN, or fewer than {@code span} valid inputs so far)
   */
  public double update(double x) {
    if (x != x) {
      return Double.NaN;
    }
    if (count == 0) {
      mean = x;
      var = 0.0;
    } else {
      double d = x - mean;
      mean = alpha * x + beta * mean;
      var = beta * (var + alpha * (d * d));
    }
    count++;
    return count >= span ? Math.sqrt(var) : Double.NaN;
  }

  /** @return number of valid inputs seen so far */
  public int count() {
    return count;
  }

  /**
   * Batch form.
   *
   * @param x input panel (log returns); rows = bars, columns = coins. Not modified.
   * @param span span {@code S >= 1}
   * @return sigma per coin and bar, same shape, NaN during warm-up and where the input is NaN
   * @throws IllegalArgumentException if {@code span < 1}
   */
  public static Panel of(Panel x, int span) {
    int rows = x.rows();
    double[] out = new double[rows * x.columns()];
    for (int c = 0; c < x.columns(); c++) {
      double[] col = x.column(c);
      EwVolatility e = new EwVolatility(span);
      for (int t = 0; t < rows; t++) {
        out[c * rows + t] = e.update(col[t]);
      }
    }
    return x.withValues(out);
  }
}
