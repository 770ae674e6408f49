package io.slipstream.ml;

import io.slipstream.core.Checks;
import io.slipstream.data.Panel;

/**
 * Rolling-return market regime per coin: with the simple return over {@code W = windowBars} bars
 * {@code R_t = close_t / close_{t-W} - 1} (decimal),
 * <pre>
 *   regime_t = +1 (bullish)  if R_t >  neutralBand
 *              -1 (bearish)  if R_t < -neutralBand
 *               0            if |R_t| <= neutralBand (neutral zone), or R_t is NaN: t < W (warm-up) or either close NaN
 * </pre>
 * With {@code neutralBand = 0} this is the sign of the W-bar return, and 0 also for an exactly flat window. The value 0
 * means "no regime view": neutral and unknown are deliberately not told apart here; {@link #rollingReturn(double[])}
 * gives the underlying return with NaN for unknown.
 *
 * <p>Timing: causal; {@code regime_t} uses the closes of bars {@code t - W} and {@code t} only, i.e. it is known at the
 * close of bar {@code t}. Changing closes after {@code t} never changes {@code regime_t}. The batch forms and
 * {@link #regimeAt(double[], int)} run the same expression and agree exactly.
 *
 * @param windowBars the look-back {@code W} in bars, {@code >= 1}
 * @param neutralBand half-width of the neutral zone as a decimal return ({@code 0.02} = 2%), finite and {@code >= 0}
 */
public record RegimeFilter(int windowBars, double neutralBand) {
  /** Bullish regime. */
  public static final int BULL = 1;
  /** Bearish regime. */
  public static final int BEAR = -1;
  /** Neutral or unknown. */
  public static final int NONE = 0;

  /**
   * @throws IllegalArgumentException if {@code windowBars < 1} or {@code neutralBand} is negative, NaN or infinite
   */
  public RegimeFilter {
    Checks.positive(windowBars, "windowBars");
    Checks.nonNegative(neutralBand, "neutralBand");
  }

  /**
   * @param windowBars the look-back in bars, {@code >= 1}
   * @return a filter without neutral zone (the sign of the W-bar return)
   * @throws IllegalArgumentException if {@code windowBars < 1}
   */
  public static RegimeFilter of(int windowBars) {
    return new RegimeFilter(windowBars, 0.0);
  }

  /**
   * @param close closes in USD per bar, NaN = not available; positive where finite. Not modified.
   * @param t the bar index
   * @return the regime at bar {@code t}: {@link #BULL}, {@link #BEAR} or {@link #NONE}
   * @throws IllegalArgumentException if {@code t} is outside the array or a close used is not NaN and not a finite
   *     positive number
   */
  public int regimeAt(double[] close, int t) {
    Checks.notNull(close, "close");
    if (t < 0 || t >= close.length) {
      throw new IllegalArgumentException("Argument 't' must be in [0, " + close.length + "), was " + t);
    }
    return classify(returnAt(close, t));
  }

  /**
   * @param close closes in USD per bar (one coin), NaN = not available; positive where finite. Not modified.
   * @return the W-bar simple return per bar (decimal); NaN for {@code t < W} or where either close is NaN
   * @throws IllegalArgumentException if a close is not NaN and not a finite positive number (naming the index)
   */
  public double[] rollingReturn(double[] close) {
    Checks.notNull(close, "close");
    double[] out = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      out[t] = returnAt(close, t);
    }
    return out;
  }

  /**
   * @param close closes in USD per bar (one coin), NaN = not available; positive where finite. Not modified.
   * @return regimes per bar, values {@code +1, -1, 0} (as doubles), same length
   * @throws IllegalArgumentException if a close is not NaN and not a finite positive number (naming the index)
   */
  public double[] regime(double[] close) {
    Checks.notNull(close, "close");
    double[] out = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      out[t] = classify(returnAt(close, t));
    }
    return out;
  }

  /**
   * @param close closes in USD; rows = bars (close times), columns = coins. Not modified.
   * @return regimes, same shape and grid, values {@code +1, -1, 0}; 0 in the first {@code W} rows
   * @throws IllegalArgumentException if a close is not NaN and not a finite positive number (naming coin and row)
   */
  public Panel regime(Panel close) {
    Checks.notNull(close, "close");
    int rows = close.rows();
    double[] out = new double[rows * close.columns()];
    for (int c = 0; c < close.columns(); c++) {
      double[] col = close.column(c);
      try {
        double[] r = regime(col);
        System.arraycopy(r, 0, out, c * rows, rows);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Coin '" + close.coins().get(c) + "': " + e.getMessage(), e);
      }
    }
    return close.withValues(out);
  }

  private int classify(double r) {
    if (r > neutralBand) {
      return BULL;
    }
    if (r < -neutralBand) {
      return BEAR;
    }
    return NONE;
  }

  private double returnAt(double[] close, int t) {
    double now = checkClose(close, t);
    if (t < windowBars) {
      return Double.NaN;
    }
    double then = checkClose(close, t - windowBars);
    return now / then - 1.0;
  }

  private static double checkClose(double[] close, int t) {
    double v = close[t];
    if (v != v) {
      return v;
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("Argument 'close[" + t + "]' must be NaN or finite and > 0, was " + v);
    }
    return v;
  }
}
