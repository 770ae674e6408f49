package io.slipstream.ml.model;

import io.slipstream.core.Checks;

/**
 * Classification targets from a close-price series.
 *
 * <p><b>Timing: label {@code t} looks into the future.</b> {@code y_t} is computed from {@code close_t} and
 * {@code close_{t+h}}, the close {@code h} bars later, so it is known only at the close of bar {@code t + h}. It is
 * the target of the sample whose features are known at the close of bar {@code t}; it must never be used as a
 * feature, and the training samples whose label window {@code [t, t+h]} overlaps a test block must be purged
 * ({@link Splits}, {@code purge = h}).
 *
 * <p>Input: close prices in USD, rows = bars in time order, NaN = not available. Not modified. Output: one label
 * per bar, 1.0 (up), 0.0 (down) or NaN (unknown or ignored); the last {@code h} labels are always NaN. NaN labels
 * are dropped from training explicitly ({@link Dataset#dropIncomplete}).
 */
public final class Labels {
  private Labels() {
  }

  /**
   * Next-period direction: {@code y_t = 1} if {@code close_{t+h} > close_t}, {@code 0} if
   * {@code close_{t+h} < close_t}, NaN if they are equal, if either is NaN, or if {@code t + h >= n} (the last
   * {@code h} rows).
   *
   * @param close close prices in USD, finite and {@code > 0} or NaN. Not modified.
   * @param horizon {@code h}, the number of bars ahead, {@code >= 1}
   * @return the labels, same length as {@code close}
   * @throws IllegalArgumentException if {@code horizon < 1}, or a price is {@code <= 0} or infinite (naming its
   *     index)
   */
  public static double[] nextDirection(double[] close, int horizon) {
    checkClose(close, horizon);
    double[] y = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      double next = t + horizon < close.length ? close[t + horizon] : Double.NaN;
      // NaN compares false both ways, so a missing price gives NaN like an unchanged one
      y[t] = next > close[t] ? 1.0 : next < close[t] ? 0.0 : Double.NaN;
    }
    return y;
  }

  /**
   * Direction with a dead zone: with the simple return {@code r_t = close_{t+h} / close_t - 1},
   * {@code y_t = 1} if {@code r_t > 0} and {@code |r_t| >= threshold}, {@code 0} if {@code r_t < 0} and
   * {@code |r_t| >= threshold}, NaN (ignored) if {@code |r_t| < threshold}, if {@code r_t == 0}, if either price is
   * NaN or if {@code t + h >= n}. With {@code thresholdFraction = 0} it equals {@link #nextDirection}.
   *
   * @param close close prices in USD, finite and {@code > 0} or NaN. Not modified.
   * @param horizon {@code h}, the number of bars ahead, {@code >= 1}
   * @param thresholdFraction the smallest absolute move that counts, as a decimal fraction (0.002 = 0.2%),
   *     finite, {@code >= 0}
   * @return the labels, same length as {@code close}
   * @throws IllegalArgumentException if {@code horizon < 1}, {@code thresholdFraction} is negative or not finite,
   *     or a price is {@code <= 0} or infinite (naming its index)
   */
  public static double[] thresholdDirection(double[] close, int horizon, double thresholdFraction) {
    double[] ret = forwardReturn(close, horizon);
    Checks.nonNegative(thresholdFraction, "thresholdFraction");
    double[] y = new double[ret.length];
    for (int t = 0; t < ret.length; t++) {
      double r = ret[t];
      if (Double.isNaN(r) || r == 0.0 || Math.abs(r) < thresholdFraction) {
        y[t] = Double.NaN;
      } else {
        y[t] = r > 0 ? 1.0 : 0.0;
      }
    }
    return y;
  }

  /**
   * Forward simple return {@code r_t = close_{t+h} / close_t - 1} (decimal fraction), the quantity the direction
   * labels classify. NaN if either price is NaN or {@code t + h >= n}. Looks {@code h} bars ahead: a target, never
   * a feature.
   *
   * @param close close prices in USD, finite and {@code > 0} or NaN. Not modified.
   * @param horizon {@code h}, the number of bars ahead, {@code >= 1}
   * @return the forward returns, same length as {@code close}
   * @throws IllegalArgumentException if {@code horizon < 1}, or a price is {@code <= 0} or infinite (naming its
   *     index)
   */
  public static double[] forwardReturn(double[] close, int horizon) {
    checkClose(close, horizon);
    double[] r = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      r[t] = t + horizon < close.length ? close[t + horizon] / close[t] - 1.0 : Double.NaN;
    }
    return r;
  }

  private static void checkClose(double[] close, int horizon) {
    Checks.notNull(close, "close");
    Checks.positive(horizon, "horizon");
    for (int t = 0; t < close.length; t++) {
      double c = close[t];
      if (!Double.isNaN(c) && !(c > 0 && c < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "Argument 'close' must be finite and > 0 (or NaN), was " + c + " at index " + t);
      }
    }
  }
}
