package io.slipstream.signal;

import io.slipstream.core.Checks;
import java.util.Arrays;

/**
 * Technical-indicator kernels over one column: {@code double[]} in time order (index = bar, oldest first), NaN =
 * missing bar. Every kernel returns a new array of the same length, does not modify its input, runs in
 * {@code O(length)} time and is causal: the output at {@code t} uses inputs at indices {@code <= t} only. Inputs
 * are finite or NaN (infinities are not supported). Time: {@code O(length)} for the sums and EMA-type kernels,
 * {@code O(length x window)} for the windowed moments (standard deviation, z-score, Bollinger, correlation).
 *
 * <p>Two NaN rules, stated again on each kernel:
 * <ul>
 *   <li><b>windowed</b> kernels ({@link #sma}, {@link #rollingSum}, {@link #rollingStd}, {@link #rollingZScore},
 *       {@link #bollinger}, {@link #rollingCorrelation}) give NaN when any input in the window is NaN (pandas
 *       {@code rolling(n)} with {@code min_periods = n}); the window restarts after a NaN, so the first valid output
 *       after a gap is {@code n - 1} bars after it. "Warm-up" below is the first valid index for an input without
 *       NaN.</li>
 *   <li><b>EMA-type</b> kernels ({@link #ema}, {@link #macd}, {@link #rsi}) skip NaN inputs: a NaN leaves the state
 *       unchanged and gives NaN at that bar (DESIGN.md convention 3; pandas {@code ewm(adjust=False,
 *       ignore_na=True)} on the valid bars).</li>
 * </ul>
 *
 * <p>Numerics (catastrophic cancellation): sums slide with compensated (Neumaier) addition, recomputed from the
 * window every {@code n} slides; windowed moments are computed exactly per window in two passes (mean, then centred
 * sums), never from raw sums of squares. A window whose {@code n} values are all equal has variance exactly 0.
 */
public final class Indicators {
  private Indicators() {
  }

  /**
   * MACD output, three arrays of the input's length (unit of the input, e.g. USD). The arrays are fresh and
   * belong to the caller; the record does not copy them. Equality and hash are by content.
   *
   * @param macd {@code EMA_fast(x) - EMA_slow(x)}
   * @param signal {@code EMA_signal(macd)}
   * @param histogram {@code macd - signal}
   */
  public record MacdResult(double[] macd, double[] signal, double[] histogram) {
    /** @throws IllegalArgumentException if an array is null or the lengths differ */
    public MacdResult {
      Checks.notNull(macd, "macd");
      Checks.sameLength(Checks.notNull(signal, "signal").length, macd.length, "signal");
      Checks.sameLength(Checks.notNull(histogram, "histogram").length, macd.length, "histogram");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MacdResult m && Arrays.equals(macd, m.macd) && Arrays.equals(signal, m.signal)
          && Arrays.equals(histogram, m.histogram);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(macd) + Arrays.hashCode(signal)) + Arrays.hashCode(histogram);
    }

    @Override
    public String toString() {
      return "MacdResult[" + macd.length + " bars]";
    }
  }

  /**
   * Bollinger output, two arrays of the input's length. The arrays are fresh and belong to the caller; the record
   * does not copy them. Equality and hash are by content.
   *
   * @param percentB {@code %B = (x - lower) / (upper - lower)}: 0 at the lower band, 1 at the upper (unitless)
   * @param bandwidth {@code (upper - lower) / middle} (unitless fraction of the middle band)
   */
  public record BollingerResult(double[] percentB, double[] bandwidth) {
    /** @throws IllegalArgumentException if an array is null or the lengths differ */
    public BollingerResult {
      Checks.notNull(percentB, "percentB");
      Checks.sameLength(Checks.notNull(bandwidth, "bandwidth").length, percentB.length, "bandwidth");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BollingerResult b && Arrays.equals(percentB, b.percentB)
          && Arrays.equals(bandwidth, b.bandwidth);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(percentB) + Arrays.hashCode(bandwidth);
    }

    @Override
    public String toString() {
      return "BollingerResult[" + percentB.length + " bars]";
    }
  }

  /**
   * Simple moving average {@code SMA_t = (1/n) sum_{i=t-n+1..t} x_i}.
   * Windowed NaN rule (NaN when any of the {@code n} inputs is NaN); warm-up: first valid index {@code n - 1}.
   * Same as pandas {@code x.rolling(n).mean()}.
   *
   * @param x input in time order, any unit. Not modified.
   * @param windowBars window {@code n >= 1} in bars
   * @return the SMA, unit of {@code x}
   * @throws IllegalArgumentException if {@code x} is null or {@code windowBars < 1}
   */
  public static double[] sma(double[] x, int windowBars) {
    double[] s = rollingSum(x, windowBars);
    for (int t = 0; t < s.length; t++) {
      s[t] /= windowBars;
    }
    return s;
  }

  /**
   * Rolling sum {@code S_t = sum_{i=t-n+1..t} x_i}, slid by adding the new and subtracting the oldest input with
   * Neumaier's compensated summation, and recomputed from the window every {@code n} slides.
   * Windowed NaN rule; warm-up: first valid index {@code n - 1}. Same as pandas {@code x.rolling(n).sum()}.
   *
   * @param x input in time order, any unit. Not modified.
   * @param windowBars window {@code n >= 1} in bars
   * @return the rolling sum, unit of {@code x}
   * @throws IllegalArgumentException if {@code x} is null or {@code windowBars < 1}
   */
  public static double[] rollingSum(double[] x, int windowBars) {
    Checks.notNull(x, "x");
    int n = Checks.positive(windowBars, "windowBars");
    double[] out = nans(x.length);
    double[] acc = new double[2]; // Neumaier sum and compensation
    int run = 0;
    int slides = 0;
    for (int t = 0; t < x.length; t++) {
      double xt = x[t];
      if (xt != xt) {
        run = 0;
        slides = 0;
        acc[0] = 0.0;
        acc[1] = 0.0;
        continue;
      }
      run++;
      if (run <= n) {
        neumaier(acc, xt);
      } else if (++slides >= n) {
        slides = 0;
        acc[0] = 0.0;
        acc[1] = 0.0;
        for (int i = t - n + 1; i <= t; i++) {
          neumaier(acc, x[i]);
        }
      } else {
        neumaier(acc, xt);
        neumaier(acc, -x[t - n]);
      }
      if (run >= n) {
        out[t] = acc[0] + acc[1];
      }
    }
    return out;
  }

  /** Neumaier's compensated addition: {@code acc[0]} the running sum, {@code acc[1]} the lost low-order part. */
  private static void neumaier(double[] acc, double v) {
    double s = acc[0];
    double t = s + v;
    acc[1] += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
    acc[0] = t;
  }

  /**
   * Exponential moving average with span {@code s}, {@code alpha = 2/(s+1)}: exactly {@link Ewma} (seeded at the
   * first valid input, {@code m = x}, then {@code m_t = alpha x_t + (1 - alpha) m_{t-1}}), i.e. pandas
   * {@code x.ewm(span=s, adjust=False, ignore_na=True).mean()} at the valid bars.
   * EMA-type NaN rule (a NaN input leaves the state unchanged and gives NaN there; pandas would repeat the last
   * value instead). Warm-up: none, valid from the first valid input (index 0).
   *
   * @param x input in time order, any unit. Not modified.
   * @param spanBars span {@code s >= 1} in bars
   * @return the EMA, unit of {@code x}
   * @throws IllegalArgumentException if {@code x} is null or {@code spanBars < 1}
   */
  public static double[] ema(double[] x, int spanBars) {
    Checks.notNull(x, "x");
    Ewma e = new Ewma(spanBars);
    double[] out = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      out[t] = e.update(x[t]);
    }
    return out;
  }

  /**
   * Moving average convergence/divergence (G. Appel, 1979): {@code macd = EMA_fast(x) - EMA_slow(x)},
   * {@code signal = EMA_signal(macd)}, {@code histogram = macd - signal}, with the {@link #ema} of this class
   * (seeded at the first valid input, no warm-up; the classic parameters are 12, 26, 9). Early values are
   * dominated by the seed: callers that need converged values drop the first few slow spans.
   * EMA-type NaN rule: NaN inputs are skipped by all three EMAs and give NaN in all three outputs at that bar.
   * Warm-up: none (index 0).
   *
   * @param x input in time order (e.g. close, USD). Not modified.
   * @param fastSpanBars fast EMA span {@code >= 1}
   * @param slowSpanBars slow EMA span, {@code > fastSpanBars}
   * @param signalSpanBars signal EMA span {@code >= 1}
   * @return macd, signal and histogram in the unit of {@code x}
   * @throws IllegalArgumentException if {@code x} is null, a span is {@code < 1} or {@code slow <= fast}
   */
  public static MacdResult macd(double[] x, int fastSpanBars, int slowSpanBars, int signalSpanBars) {
    Checks.notNull(x, "x");
    Checks.positive(fastSpanBars, "fastSpanBars");
    Checks.positive(slowSpanBars, "slowSpanBars");
    Checks.positive(signalSpanBars, "signalSpanBars");
    if (slowSpanBars <= fastSpanBars) {
      throw new IllegalArgumentException("Argument 'slowSpanBars' must be > fastSpanBars (" + fastSpanBars
          + "), was " + slowSpanBars);
    }
    double[] fast = ema(x, fastSpanBars);
    double[] slow = ema(x, slowSpanBars);
    double[] m = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      m[t] = fast[t] - slow[t];
    }
    double[] s = ema(m, signalSpanBars);
    double[] h = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      h[t] = m[t] - s[t];
    }
    return new MacdResult(m, s, h);
  }

  /**
   * Relative strength index (J. W. Wilder, <i>New Concepts in Technical Trading Systems</i>, 1978), in
   * {@code [0, 100]}: with the one-bar change {@code d_t = x_t - x_{t-1}}, gain {@code g = max(d, 0)} and loss
   * {@code l = max(-d, 0)}, the averages are seeded with the simple mean of the first {@code n} valid changes and
   * then smoothed by Wilder's rule {@code A_t = (A_{t-1} (n - 1) + g_t) / n} (an EMA with {@code alpha = 1/n});
   * {@code RSI = 100 AG / (AG + AL)} ({@code = 100 - 100 / (1 + AG/AL)}), 100 when only gains, NaN when both
   * averages are 0 (a flat window).
   * EMA-type NaN rule: {@code d_t} is NaN when {@code x_t} or {@code x_{t-1}} is NaN; such bars are skipped (state
   * unchanged, NaN output), so a gap costs two changes and no change spans the gap. Warm-up: first valid index
   * {@code n} (the bar of the {@code n}-th valid change).
   *
   * @param x input in time order (e.g. close, USD). Not modified.
   * @param windowBars Wilder period {@code n >= 1} (classic 14)
   * @return RSI in {@code [0, 100]}
   * @throws IllegalArgumentException if {@code x} is null or {@code windowBars < 1}
   */
  public static double[] rsi(double[] x, int windowBars) {
    Checks.notNull(x, "x");
    int n = Checks.positive(windowBars, "windowBars");
    double[] out = nans(x.length);
    int count = 0;
    double avgGain = 0.0;
    double avgLoss = 0.0;
    for (int t = 1; t < x.length; t++) {
      double d = x[t] - x[t - 1];
      if (d != d) {
        continue;
      }
      double g = d > 0 ? d : 0.0;
      double l = d < 0 ? -d : 0.0;
      count++;
      if (count <= n) {
        avgGain += g;
        avgLoss += l;
        if (count < n) {
          continue;
        }
        avgGain /= n;
        avgLoss /= n;
      } else {
        avgGain = (avgGain * (n - 1) + g) / n;
        avgLoss = (avgLoss * (n - 1) + l) / n;
      }
      double total = avgGain + avgLoss;
      out[t] = total > 0 ? 100.0 * avgGain / total : Double.NaN;
    }
    return out;
  }

  /**
   * Bollinger bands (J. Bollinger, <i>Bollinger on Bollinger Bands</i>, 2001): {@code middle = SMA_n(x)},
   * {@code sd} = rolling standard deviation with {@code ddof = 1} (pandas {@code rolling(n).std()}; Bollinger
   * himself uses the population value, {@code ddof = 0}, which is {@code sqrt((n-1)/n)} times this one),
   * {@code upper/lower = middle +- k sd}; {@code %B = (x - lower)/(upper - lower)} (NaN when {@code sd = 0}),
   * {@code bandwidth = (upper - lower)/middle} (NaN when {@code middle = 0}).
   * Windowed NaN rule; warm-up: first valid index {@code n - 1}.
   *
   * @param x input in time order (e.g. close, USD). Not modified.
   * @param windowBars window {@code n >= 2} (classic 20)
   * @param widthStd band half-width {@code k > 0} in standard deviations (classic 2)
   * @return %B and bandwidth (unitless)
   * @throws IllegalArgumentException if {@code x} is null, {@code windowBars < 2} or {@code widthStd} is not
   *     finite and positive
   */
  public static BollingerResult bollinger(double[] x, int windowBars, double widthStd) {
    Checks.notNull(x, "x");
    int n = atLeastTwo(windowBars);
    double k = Checks.positive(widthStd, "widthStd");
    double[] mean = new double[x.length];
    double[] sd = new double[x.length];
    moments(x, x, n, mean, sd, null, null);
    double[] pb = nans(x.length);
    double[] bw = nans(x.length);
    for (int t = 0; t < x.length; t++) {
      double mid = mean[t];
      if (mid != mid) {
        continue;
      }
      double upper = mid + k * sd[t];
      double lower = mid - k * sd[t];
      double width = upper - lower;
      if (width > 0) {
        pb[t] = (x[t] - lower) / width;
      }
      if (mid != 0) {
        bw[t] = width / mid;
      }
    }
    return new BollingerResult(pb, bw);
  }

  /**
   * Rate of change {@code ROC_t = x_t / x_{t-n} - 1} (decimal fraction; pandas {@code x / x.shift(n) - 1}).
   * NaN when either input is NaN (or the ratio is not finite, e.g. {@code x_{t-n} = 0}). Warm-up: first valid
   * index {@code n}.
   *
   * @param x input in time order (e.g. close, USD), positive where valid. Not modified.
   * @param lagBars lag {@code n >= 1} in bars
   * @return the rate of change, decimal
   * @throws IllegalArgumentException if {@code x} is null or {@code lagBars < 1}
   */
  public static double[] roc(double[] x, int lagBars) {
    Checks.notNull(x, "x");
    int n = Checks.positive(lagBars, "lagBars");
    double[] out = nans(x.length);
    for (int t = n; t < x.length; t++) {
      double r = x[t] / x[t - n] - 1.0;
      if (Double.isFinite(r)) {
        out[t] = r;
      }
    }
    return out;
  }

  /**
   * Rolling sample standard deviation over the window ending at {@code t}:
   * {@code sqrt(sum (x_i - mean)^2 / (n - 1))} ({@code ddof = 1}, pandas {@code rolling(n).std()}).
   * Windowed NaN rule; warm-up: first valid index {@code n - 1}.
   *
   * @param x input in time order, any unit. Not modified.
   * @param windowBars window {@code n >= 2}
   * @return the standard deviation, unit of {@code x}, {@code >= 0}
   * @throws IllegalArgumentException if {@code x} is null or {@code windowBars < 2}
   */
  public static double[] rollingStd(double[] x, int windowBars) {
    Checks.notNull(x, "x");
    int n = atLeastTwo(windowBars);
    double[] mean = new double[x.length];
    double[] sd = new double[x.length];
    moments(x, x, n, mean, sd, null, null);
    return sd;
  }

  /**
   * Rolling z-score of {@code x_t} against the window ending at {@code t} (which includes {@code x_t}):
   * {@code z_t = (x_t - mean_t) / sd_t} with the {@link #rollingStd} ({@code ddof = 1}); NaN when
   * {@code sd_t = 0}. Windowed NaN rule; warm-up: first valid index {@code n - 1}.
   *
   * @param x input in time order, any unit. Not modified.
   * @param windowBars window {@code n >= 2}
   * @return the z-score (unitless)
   * @throws IllegalArgumentException if {@code x} is null or {@code windowBars < 2}
   */
  public static double[] rollingZScore(double[] x, int windowBars) {
    Checks.notNull(x, "x");
    int n = atLeastTwo(windowBars);
    double[] mean = new double[x.length];
    double[] sd = new double[x.length];
    moments(x, x, n, mean, sd, null, null);
    double[] out = nans(x.length);
    for (int t = 0; t < x.length; t++) {
      if (sd[t] > 0) {
        out[t] = (x[t] - mean[t]) / sd[t];
      }
    }
    return out;
  }

  /**
   * Rolling Pearson correlation of the pairs {@code (x_i, y_i)} over the window ending at {@code t}:
   * {@code r = C_xy / sqrt(M2_x M2_y)} with centred sums {@code C_xy = sum (x-mx)(y-my)},
   * {@code M2 = sum (x - m)^2} (pandas {@code x.rolling(n).corr(y)}), clamped to {@code [-1, 1]} against
   * rounding; NaN when either variable is constant over the window. Windowed NaN rule over the pairs: NaN when
   * {@code x} or {@code y} is NaN anywhere in the window. Warm-up: first valid index {@code n - 1}.
   *
   * @param x first input in time order. Not modified.
   * @param y second input, same length and time grid. Not modified.
   * @param windowBars window {@code n >= 2}
   * @return the correlation in {@code [-1, 1]}
   * @throws IllegalArgumentException if an input is null, the lengths differ or {@code windowBars < 2}
   */
  public static double[] rollingCorrelation(double[] x, double[] y, int windowBars) {
    Checks.notNull(x, "x");
    Checks.sameLength(Checks.notNull(y, "y").length, x.length, "y");
    int n = atLeastTwo(windowBars);
    double[] m2x = new double[x.length];
    double[] m2y = new double[x.length];
    double[] cxy = new double[x.length];
    moments(x, y, n, null, m2x, m2y, cxy);
    double[] out = nans(x.length);
    for (int t = 0; t < x.length; t++) {
      if (m2x[t] > 0 && m2y[t] > 0) {
        double r = cxy[t] / Math.sqrt(m2x[t] * m2y[t]);
        out[t] = Math.max(-1.0, Math.min(1.0, r));
      }
    }
    return out;
  }

  private static int atLeastTwo(int windowBars) {
    if (windowBars < 2) {
      throw new IllegalArgumentException("Argument 'windowBars' must be >= 2, was " + windowBars);
    }
    return windowBars;
  }

  private static double[] nans(int length) {
    double[] out = new double[length];
    Arrays.fill(out, Double.NaN);
    return out;
  }

  /**
   * Centred moments of the pairs {@code (x, y)} over the window of {@code n} ending at each bar, windowed NaN rule.
   * Two modes: univariate ({@code m2yOut == null}, {@code y == x}): fills {@code meanOut} and {@code sdOrM2xOut}
   * with the mean and the {@code ddof = 1} standard deviation; bivariate: fills {@code sdOrM2xOut, m2yOut, cxyOut}
   * with the centred sums {@code M2_x, M2_y, C_xy}. Invalid bars get NaN in every output.
   *
   * <p>Each window is computed exactly in two passes (mean, then centred sums), {@code O(n)} per bar. Sliding
   * (Welford add/remove) updates were tried first: removing a value far from the rest of the window (a jump, then
   * a flat stretch) cancels catastrophically and left errors of 1e-9 in a correlation; the windows used here (at
   * most a few hundred bars) make the exact form cheap. A run of {@code n} equal values has variance exactly 0.
   */
  private static void moments(double[] x, double[] y, int n, double[] meanOut, double[] sdOrM2xOut,
      double[] m2yOut, double[] cxyOut) {
    boolean bivariate = m2yOut != null;
    int run = 0;
    int sameX = 0;
    int sameY = 0;
    for (int t = 0; t < x.length; t++) {
      double xt = x[t];
      double yt = y[t];
      if (xt != xt || yt != yt) {
        run = 0;
        sameX = 0;
        sameY = 0;
        setNaN(t, meanOut, sdOrM2xOut, m2yOut, cxyOut);
        continue;
      }
      sameX = run > 0 && xt == x[t - 1] ? sameX + 1 : 1;
      sameY = run > 0 && yt == y[t - 1] ? sameY + 1 : 1;
      run++;
      if (run < n) {
        setNaN(t, meanOut, sdOrM2xOut, m2yOut, cxyOut);
        continue;
      }
      int from = t - n + 1;
      double sx = 0;
      double sy = 0;
      for (int i = from; i <= t; i++) {
        sx += x[i];
        sy += y[i];
      }
      double mx = sx / n;
      double my = sy / n;
      double m2x = 0;
      double m2y = 0;
      double cxy = 0;
      for (int i = from; i <= t; i++) {
        double ex = x[i] - mx;
        double ey = y[i] - my;
        m2x += ex * ex;
        m2y += ey * ey;
        cxy += ex * ey;
      }
      if (sameX >= n) {
        m2x = 0;
        mx = xt;
        cxy = 0;
      }
      if (sameY >= n) {
        m2y = 0;
        cxy = 0;
      }
      if (bivariate) {
        sdOrM2xOut[t] = m2x;
        m2yOut[t] = m2y;
        cxyOut[t] = cxy;
      } else {
        meanOut[t] = mx;
        sdOrM2xOut[t] = Math.sqrt(m2x / (n - 1));
      }
    }
  }

  private static void setNaN(int t, double[]... outs) {
    for (double[] o : outs) {
      if (o != null) {
        o[t] = Double.NaN;
      }
    }
  }
}
