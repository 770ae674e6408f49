package io.slipstream.signal;

import io.slipstream.core.Checks;

/**
 * Incremental (one bar at a time) form of Wilder's RSI, the same recursion as {@link Indicators#rsi} (J. W. Wilder,
 * 1978): with {@code d_t = x_t - x_{t-1}}, gain {@code max(d, 0)}, loss {@code max(-d, 0)}, averages seeded with the
 * simple mean of the first {@code n} valid changes, then {@code A_t = (A_{t-1} (n - 1) + g_t) / n};
 * {@code RSI = 100 AG / (AG + AL)} in {@code [0, 100]}, NaN when both averages are 0. A NaN input (or a NaN previous
 * input) is skipped: state unchanged, NaN output. Warm-up: valid from the {@code n}-th valid change. The arithmetic is
 * that of {@link Indicators#rsi} in the same order, so feeding a column gives its values bit for bit (tested).
 */
public final class WilderRsi {
  private final int n;
  private double prev = Double.NaN;
  private int count;
  private double avgGain;
  private double avgLoss;

  /**
   * @param windowBars Wilder period {@code n >= 1} (classic 14)
   * @throws IllegalArgumentException if {@code windowBars < 1}
   */
  public WilderRsi(int windowBars) {
    this.n = Checks.positive(windowBars, "windowBars");
  }

  /**
   * Feeds one bar.
   *
   * @param x the input (e.g. close, USD), NaN = missing
   * @return RSI at this bar in {@code [0, 100]}, NaN during warm-up, at a skipped bar or for a flat window
   */
  public double update(double x) {
    double d = x - prev;
    prev = x;
    if (d != d) {
      return Double.NaN;
    }
    double g = d > 0 ? d : 0.0;
    double l = d < 0 ? -d : 0.0;
    count++;
    if (count <= n) {
      avgGain += g;
      avgLoss += l;
      if (count < n) {
        return Double.NaN;
      }
      avgGain /= n;
      avgLoss /= n;
    } else {
      avgGain = (avgGain * (n - 1) + g) / n;
      avgLoss = (avgLoss * (n - 1) + l) / n;
    }
    double total = avgGain + avgLoss;
    return total > 0 ? 100.0 * avgGain / total : Double.NaN;
  }
}
