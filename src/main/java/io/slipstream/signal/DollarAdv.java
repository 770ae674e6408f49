package io.slipstream.signal;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;

/**
 * Dollar average daily volume (DESIGN.md convention 6): {@code ADV_t = sum of volume x close} over the last 24 hours
 * of bars, i.e. rows {@code t-k+1 .. t} with {@code k = 24 / interval hours}, in USD per day. NaN when any bar of the
 * window is NaN (a zero-volume bar is masked as NaN, so it makes ADV NaN) or the window starts before row 0.
 * The sum runs oldest to newest in both the batch and the incremental ({@link Window}) form, so they agree bit for
 * bit.
 */
public final class DollarAdv {
  private DollarAdv() {
  }

  /**
   * @param interval the bar interval
   * @return bars in 24 hours: {@code max(1, 24 / hours)}
   */
  public static int windowBars(BarInterval interval) {
    return Math.max(1, 24 / interval.hours());
  }

  /**
   * ADV at one bar from a column of dollar volumes.
   *
   * @param dollarVolume {@code volume x close} per bar (USD), one coin. Not modified.
   * @param t the bar
   * @param k window length in bars
   * @return the sum of {@code dollarVolume[t-k+1..t]}, NaN if any is NaN or {@code t-k+1 < 0}
   */
  public static double at(double[] dollarVolume, int t, int k) {
    return at(dollarVolume, 0, t, k);
  }

  /**
   * ADV at one bar of a column stored at {@code offset} in a larger array.
   *
   * @param dollarVolume array holding the column from {@code offset}. Not modified.
   * @param offset index of the column's row 0
   * @param t the bar
   * @param k window length in bars
   * @return the window sum, NaN when incomplete
   */
  public static double at(double[] dollarVolume, int offset, int t, int k) {
    if (t - k + 1 < 0) {
      return Double.NaN;
    }
    double s = 0.0;
    for (int i = offset + t - k + 1; i <= offset + t; i++) {
      s += dollarVolume[i];
    }
    return s;
  }

  /**
   * Batch form.
   *
   * @param close close prices (USD); rows = bars, columns = coins. Not modified.
   * @param volume base-asset volume, same shape. Not modified.
   * @return ADV in USD, same shape; NaN in the first {@code k-1} rows and wherever the window holds a NaN
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Panel of(Panel close, Panel volume) {
    if (close.rows() != volume.rows() || !close.coins().equals(volume.coins())) {
      throw new IllegalArgumentException("shapes differ: close " + close + " vs volume " + volume);
    }
    int rows = close.rows();
    int k = windowBars(close.interval());
    double[] out = new double[rows * close.columns()];
    for (int c = 0; c < close.columns(); c++) {
      double[] dv = close.column(c);
      double[] v = volume.column(c);
      for (int t = 0; t < rows; t++) {
        dv[t] *= v[t];
      }
      for (int t = 0; t < rows; t++) {
        out[c * rows + t] = at(dv, t, k);
      }
    }
    return close.withValues(out);
  }

  /** Incremental ADV: a ring buffer of the last {@code k} dollar volumes, summed oldest to newest. */
  public static final class Window {
    private final double[] ring;
    private int next;
    private long seen;

    /**
     * @param k window length in bars, {@code >= 1}
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Window(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("Argument 'k' must be >= 1, was " + k);
      }
      this.ring = new double[k];
    }

    /**
     * Feeds one bar.
     *
     * @param dollarVolume {@code volume x close} of this bar in USD, NaN = not available
     */
    public void update(double dollarVolume) {
      ring[next] = dollarVolume;
      next = (next + 1) % ring.length;
      seen++;
    }

    /** @return ADV over the last {@code k} bars fed (USD), NaN if fewer than {@code k} or any is NaN */
    public double value() {
      if (seen < ring.length) {
        return Double.NaN;
      }
      double s = 0.0;
      for (int i = 0; i < ring.length; i++) {
        s += ring[(next + i) % ring.length];
      }
      return s;
    }
  }
}
