package io.slipstream.signal;

import io.slipstream.core.Checks;

/**
 * Incremental window of the last {@code n} inputs (one bar at a time) with the mean and sample standard deviation
 * ({@code ddof = 1}) of the window, the windowed NaN rule of {@link Indicators}: NaN while the window holds fewer than
 * {@code n} inputs since the last NaN (a NaN input empties the window). Moments are computed exactly per window in
 * two passes (mean, then centred sum of squares), {@code O(n)} per query, as {@link Indicators#sma} and
 * {@link Indicators#rollingStd} define them (values agree to rounding; tested).
 */
public final class RollingWindow {
  private final double[] ring;
  private int next;
  private int valid;

  /**
   * @param windowBars window length {@code n >= 1}
   * @throws IllegalArgumentException if {@code windowBars < 1}
   */
  public RollingWindow(int windowBars) {
    this.ring = new double[Checks.positive(windowBars, "windowBars")];
  }

  /** @param x the input of this bar, NaN = missing (empties the window) */
  public void update(double x) {
    if (x != x) {
      valid = 0;
      return;
    }
    ring[next] = x;
    next = (next + 1) % ring.length;
    valid = Math.min(valid + 1, ring.length);
  }

  /** @return whether the window holds {@code n} inputs (no NaN among them) */
  public boolean full() {
    return valid == ring.length;
  }

  /** @return the mean of the window, NaN unless {@link #full()} */
  public double mean() {
    if (!full()) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : ring) {
      s += v;
    }
    return s / ring.length;
  }

  /** @return the sample standard deviation ({@code ddof = 1}) of the window, NaN unless full or when {@code n = 1} */
  public double std() {
    if (!full() || ring.length < 2) {
      return Double.NaN;
    }
    double m = mean();
    double ss = 0;
    for (double v : ring) {
      double d = v - m;
      ss += d * d;
    }
    return Math.sqrt(ss / (ring.length - 1));
  }
}
