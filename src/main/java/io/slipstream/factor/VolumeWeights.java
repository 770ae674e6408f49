package io.slipstream.factor;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.data.Panel;

/**
 * Volume weights of the PCA observations.
 *
 * <p>Mean H-hour volume of coin {@code i} at base row {@code s}: the H-hour volume is the sum of base-asset volume
 * over {@code h} bars, and {@code vbar_{s,i}} is its mean over the last {@code P} H-periods ending at {@code s},
 * i.e. {@code vbar_s = h * mean(volume_u, u = s - P*h + 1 .. s)}, skipping NaN (missing or zero-volume bars) and rows
 * before the start of the panel, NaN when no bar of the window has a valid volume. Causal: only rows {@code <= s}.
 * Window sums are computed exactly as in a direct loop up to rounding (a block decomposition of the rolling sum
 * into a suffix sum of the previous block and a prefix sum of the current block, so no long running sum is
 * subtracted), in {@code O(rows)} per coin.
 *
 * <p>Raw weight: {@link VolumeWeighting#rawWeight} ({@code sqrt(vbar)}, {@code log1p(vbar)},
 * {@code sqrt(C_s vbar)} or 1). Normalised weight: the raw weights of one row divided by their mean over the
 * estimation set, so they have mean 1 per row ({@link #normalise}).
 */
public final class VolumeWeights {
  private VolumeWeights() {
  }

  /**
   * @param volume base-asset volume per bar; rows = bars, columns = coins; NaN = not available. Not modified.
   * @param horizonBars {@code h >= 1}
   * @param windowPeriods {@code P >= 1}, the number of H-periods averaged
   * @return {@code vbar}, same shape, base-asset units per H-period; NaN where the window holds no valid volume
   * @throws IllegalArgumentException for {@code h < 1} or {@code P < 1}
   */
  public static Panel meanHorizonVolume(Panel volume, int horizonBars, int windowPeriods) {
    Checks.positive(horizonBars, "horizonBars");
    Checks.positive(windowPeriods, "windowPeriods");
    long wl = (long) horizonBars * windowPeriods;
    int rows = volume.rows();
    // block length = window length (capped at the panel length, which changes nothing: then every window
    // starts at row 0 and is a prefix sum)
    int w = (int) Math.min(wl, Math.max(rows, 1));
    double[] v = volume.toColumnMajor();
    double[] out = new double[v.length];
    double[] pre = new double[rows];
    int[] preN = new int[rows];
    double[] suf = new double[rows];
    int[] sufN = new int[rows];
    for (int c = 0; c < volume.columns(); c++) {
      int o = c * rows;
      for (int t = 0; t < rows; t++) {
        double x = v[o + t];
        boolean ok = !Double.isNaN(x);
        if (t % w == 0) {
          pre[t] = ok ? x : 0.0;
          preN[t] = ok ? 1 : 0;
        } else {
          pre[t] = ok ? pre[t - 1] + x : pre[t - 1];
          preN[t] = ok ? preN[t - 1] + 1 : preN[t - 1];
        }
      }
      for (int t = rows - 1; t >= 0; t--) {
        double x = v[o + t];
        boolean ok = !Double.isNaN(x);
        if ((t + 1) % w == 0 || t == rows - 1) {
          suf[t] = ok ? x : 0.0;
          sufN[t] = ok ? 1 : 0;
        } else {
          suf[t] = ok ? suf[t + 1] + x : suf[t + 1];
          sufN[t] = ok ? sufN[t + 1] + 1 : sufN[t + 1];
        }
      }
      for (int s = 0; s < rows; s++) {
        long start = s - wl + 1;
        double sum;
        int n;
        if (start <= 0 || start % w == 0) {
          // the window [max(0, start), s] is the head of one block: a prefix sum
          sum = pre[s];
          n = preN[s];
        } else {
          // the window is the tail of the previous (complete) block plus the head of the current one
          int st = (int) start;
          sum = suf[st] + pre[s];
          n = sufN[st] + preN[s];
        }
        out[o + s] = n == 0 ? Double.NaN : horizonBars * (sum / n);
      }
    }
    return volume.withValues(out);
  }

  /**
   * Raw (not normalised) weights.
   *
   * @param close close prices (USD), same shape as {@code volume}. Not modified.
   * @param volume base-asset volume per bar. Not modified.
   * @param horizonBars {@code h >= 1}
   * @param windowPeriods {@code P >= 1}
   * @param weighting the weighting
   * @return raw weights, same shape; NaN where {@code vbar} (or, for {@code sqrt_dollar}, the close) is NaN;
   *     {@link VolumeWeighting#NONE}: all 1
   * @throws IllegalArgumentException on a shape mismatch or a bad window
   */
  public static Panel rawWeights(Panel close, Panel volume, int horizonBars, int windowPeriods,
      VolumeWeighting weighting) {
    Checks.notNull(weighting, "weighting");
    if (close.rows() != volume.rows() || !close.coins().equals(volume.coins())) {
      throw new IllegalArgumentException("close " + close + " and volume " + volume + " differ in shape");
    }
    double[] c = close.toColumnMajor();
    double[] out;
    if (weighting == VolumeWeighting.NONE) {
      out = new double[c.length];
      java.util.Arrays.fill(out, 1.0);
    } else {
      out = meanHorizonVolume(volume, horizonBars, windowPeriods).toColumnMajor();
      for (int i = 0; i < out.length; i++) {
        out[i] = weighting.rawWeight(out[i], c[i]);
      }
    }
    return close.withValues(out);
  }

  /**
   * Normalises one row of raw weights to mean 1: {@code w_k = raw_k / mean(raw)}.
   *
   * @param rawWeights the raw weights of the estimation set at one row, all finite and {@code >= 0}. Not modified.
   * @return the normalised weights (mean 1)
   * @throws IllegalArgumentException for an empty array
   * @throws DataException naming the index when a weight is not finite or negative, or when all are 0
   */
  public static double[] normalise(double[] rawWeights) {
    int n = rawWeights.length;
    if (n == 0) {
      throw new IllegalArgumentException("Argument 'rawWeights' must not be empty");
    }
    double sum = 0;
    for (int k = 0; k < n; k++) {
      double x = rawWeights[k];
      if (!(x >= 0) || Double.isInfinite(x)) {
        throw new DataException("raw volume weight " + k + " is " + x + "; weights must be finite and >= 0");
      }
      sum += x;
    }
    double mean = sum / n;
    if (!(mean > 0) || Double.isInfinite(mean)) {
      throw new DataException("raw volume weights have mean " + mean + "; cannot normalise to mean 1");
    }
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      out[k] = rawWeights[k] / mean;
    }
    return out;
  }
}
