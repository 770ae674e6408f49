package io.slipstream.cost;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;

/**
 * Column kernels of the cost package (package-private): daily dollar volume and daily volatility. They restate
 * {@code signal.DollarAdv} (DESIGN.md convention 6) and {@code signal.EwVolatility} on {@code signal.LogReturns}
 * (conventions 2 and 4) because the layering lets {@code cost} depend on {@code data} and {@code core} only; a test
 * proves they agree bit for bit with the signal package. Outputs are column-major arrays
 * ({@code out[c * rows + t]}), NaN = not available.
 */
final class CostKernels {
  private CostKernels() {
  }

  /**
   * @param interval the bar interval
   * @param advWindowHours the window in hours
   * @return the window in bars, {@code advWindowHours / interval hours}
   * @throws IllegalArgumentException when the window is not a positive multiple of the interval
   */
  static int advWindowBars(BarInterval interval, int advWindowHours) {
    if (advWindowHours < interval.hours() || advWindowHours % interval.hours() != 0) {
      throw new IllegalArgumentException("Argument 'adv_window_hours' must be a positive multiple of the bar interval ("
          + interval.hours() + " h), was " + advWindowHours);
    }
    return advWindowHours / interval.hours();
  }

  /**
   * Daily dollar volume: {@code ADV_t = (24 / H) x sum of volume x close over rows t-k+1..t}, {@code k = H / interval}
   * hours, summed oldest to newest, in USD per day. NaN when any bar of the window is NaN or the window starts
   * before row 0. With {@code H = 24} the factor is exactly 1 and this equals {@code signal.DollarAdv.of}.
   *
   * @param close close prices in USD. Not modified.
   * @param volume base-asset volume, same shape. Not modified.
   * @param advWindowHours window {@code H} in hours
   * @return column-major ADV in USD per day
   */
  static double[] dailyDollarVolume(Panel close, Panel volume, int advWindowHours) {
    int rows = close.rows();
    int k = advWindowBars(close.interval(), advWindowHours);
    double scale = 24.0 / advWindowHours;
    double[] out = new double[rows * close.columns()];
    double[] dv = new double[rows];
    for (int c = 0; c < close.columns(); c++) {
      for (int t = 0; t < rows; t++) {
        dv[t] = close.get(t, c) * volume.get(t, c);
      }
      int base = c * rows;
      for (int t = 0; t < rows; t++) {
        if (t - k + 1 < 0) {
          out[base + t] = Double.NaN;
          continue;
        }
        double s = 0.0;
        for (int i = t - k + 1; i <= t; i++) {
          s += dv[i];
        }
        out[base + t] = s * scale;
      }
    }
    return out;
  }

  /**
   * Daily volatility of log returns: {@code r_t = ln(C_t / C_{t-1})}, the EW variance of DESIGN.md convention 4
   * with span {@code S} ({@code alpha = 2/(S+1)}, {@code d = r - m_{t-1}}, {@code m_t = alpha r + (1-alpha) m_{t-1}},
   * {@code v_t = (1-alpha)(v_{t-1} + alpha d^2)}, started at the first valid return with {@code m = r, v = 0}),
   * {@code sigma_t = sqrt(v_t) x sqrt(24 / interval hours)} (a decimal per day). NaN while the coin has fewer than
   * {@code S} valid returns and where the return is NaN (a NaN return leaves the state unchanged).
   *
   * @param close close prices in USD. Not modified.
   * @param spanBars span {@code S >= 1}
   * @return column-major sigma per day
   */
  static double[] dailyVolatility(Panel close, int spanBars) {
    int rows = close.rows();
    double alpha = 2.0 / (spanBars + 1.0);
    double beta = 1.0 - alpha;
    double perDay = Math.sqrt(24.0 / close.interval().hours());
    double[] out = new double[rows * close.columns()];
    for (int c = 0; c < close.columns(); c++) {
      int base = c * rows;
      double prev = Double.NaN;
      double mean = 0;
      double var = 0;
      int count = 0;
      for (int t = 0; t < rows; t++) {
        double p = close.get(t, c);
        double x = Math.log(p / prev);
        prev = p;
        if (x != x) {
          out[base + t] = Double.NaN;
          continue;
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
        out[base + t] = count >= spanBars ? Math.sqrt(var) * perDay : Double.NaN;
      }
    }
    return out;
  }
}
