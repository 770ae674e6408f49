package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IndicatorsTest {
  private static final double NaN = Double.NaN;
  private static final double EPS = 1e-12;

  private static void assertClose(double[] actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int t = 0; t < expected.length; t++) {
      if (Double.isNaN(expected[t])) {
        assertThat(actual[t]).as("index %d", t).isNaN();
      } else {
        double tol = EPS * Math.max(1, Math.abs(expected[t]));
        assertThat(actual[t]).as("index %d", t).isCloseTo(expected[t], within(tol));
      }
    }
  }

  // ---------------------------------------------------------------- SMA / rolling sum

  /** n = 2: windows (1,2) -> 1.5; windows touching the NaN at index 2 -> NaN; then (4,5), (5,6), (6,7). */
  @Test
  void sma_handWorkedWithNaN_restartsAfterGap() {
    assertClose(Indicators.sma(new double[] {1, 2, NaN, 4, 5, 6, 7}, 2), NaN, 1.5, NaN, NaN, 4.5, 5.5, 6.5);
  }

  /** n = 3 over 1..6: warm-up NaN at 0, 1 (first valid index n - 1 = 2), then 2, 3, 4, 5; the sum is 3 x that. */
  @Test
  void smaAndRollingSum_warmUp_firstValidIndexIsWindowMinusOne() {
    double[] x = {1, 2, 3, 4, 5, 6};
    assertClose(Indicators.sma(x, 3), NaN, NaN, 2, 3, 4, 5);
    assertClose(Indicators.rollingSum(x, 3), NaN, NaN, 6, 9, 12, 15);
    assertClose(Indicators.sma(x, 1), 1, 2, 3, 4, 5, 6);
  }

  @Test
  void sma_inputNotModified() {
    double[] x = {1, 2, NaN, 4};
    double[] copy = x.clone();
    Indicators.sma(x, 2);
    Indicators.rollingCorrelation(x, x, 2);
    Indicators.rsi(x, 1);
    assertThat(x).containsExactly(copy);
  }

  // ---------------------------------------------------------------- EMA / MACD

  /**
   * Span 3 (alpha = 1/2): NaN -> NaN; 2 seeds m = 2; 4 -> 0.5*4 + 0.5*2 = 3; NaN -> NaN (state kept);
   * 8 -> 0.5*8 + 0.5*3 = 5.5.
   */
  @Test
  void ema_handWorkedWithNaN_skipsNaNAndSeedsAtFirstValid() {
    assertClose(Indicators.ema(new double[] {NaN, 2, 4, NaN, 8}, 3), NaN, 2, 3, NaN, 5.5);
  }

  @Test
  void ema_equalsEwmaIncrementalBitForBit() {
    double[] x = randomWalk(300, 7, 100);
    x[17] = NaN;
    Ewma e = new Ewma(12);
    double[] out = Indicators.ema(x, 12);
    for (int t = 0; t < x.length; t++) {
      assertThat(Double.doubleToLongBits(out[t])).isEqualTo(Double.doubleToLongBits(e.update(x[t])));
    }
  }

  /**
   * fast 1 (alpha 1: EMA = x), slow 3 (alpha 1/2), signal 3. x = 2, 4, NaN, 8: fast = 2, 4, NaN, 8;
   * slow = 2, 3, NaN, 5.5; macd = 0, 1, NaN, 2.5; signal = 0, 0.5, NaN, 1.5; histogram = 0, 0.5, NaN, 1.
   */
  @Test
  void macd_handWorked_macdSignalHistogram() {
    Indicators.MacdResult m = Indicators.macd(new double[] {2, 4, NaN, 8}, 1, 3, 3);
    assertClose(m.macd(), 0, 1, NaN, 2.5);
    assertClose(m.signal(), 0, 0.5, NaN, 1.5);
    assertClose(m.histogram(), 0, 0.5, NaN, 1);
  }

  @Test
  void macd_slowNotAboveFast_throwsNamingSlow() {
    assertThatThrownBy(() -> Indicators.macd(new double[3], 26, 12, 9))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowSpanBars").hasMessageContaining("12");
  }

  // ---------------------------------------------------------------- RSI

  /**
   * n = 2, x = 10, 11, 10, 12, NaN, 13, 12, 12: changes d = -, +1, -1, +2, NaN, NaN, -1, 0.
   * Seed after 2 valid changes (index 2): AG = (1 + 0)/2 = 0.5, AL = (0 + 1)/2 = 0.5 -> 50.
   * index 3 (+2): AG = (0.5*1 + 2)/2 = 1.25, AL = (0.5*1 + 0)/2 = 0.25 -> 100*1.25/1.5 = 83.33.
   * index 4, 5: change NaN (gap) -> NaN, state kept. index 6 (-1): AG = 0.625, AL = (0.25 + 1)/2 = 0.625 -> 50.
   * index 7 (0): AG = AL = 0.3125 -> 50.
   */
  @Test
  void rsi_handWorkedWilderWithGap() {
    assertClose(Indicators.rsi(new double[] {10, 11, 10, 12, NaN, 13, 12, 12}, 2),
        NaN, NaN, 50, 100 * 1.25 / 1.5, NaN, NaN, 50, 50);
  }

  @Test
  void rsi_onlyGainsIs100_flatIsNaN_warmUpIsN() {
    assertClose(Indicators.rsi(new double[] {1, 2, 3, 4, 5}, 3), NaN, NaN, NaN, 100, 100);
    assertClose(Indicators.rsi(new double[] {5, 4, 3, 2}, 2), NaN, NaN, 0, 0);
    assertClose(Indicators.rsi(new double[] {3, 3, 3, 3}, 2), NaN, NaN, NaN, NaN);
  }

  /** Wilder's recursion against an independent loop: classic RSI(14) on a random walk stays in [0, 100]. */
  @Test
  void rsi_matchesTextbookLoop() {
    double[] x = randomWalk(500, 3, 50);
    int n = 14;
    double[] rsi = Indicators.rsi(x, n);
    double ag = 0;
    double al = 0;
    for (int t = 1; t <= n; t++) {
      double d = x[t] - x[t - 1];
      ag += Math.max(d, 0) / n;
      al += Math.max(-d, 0) / n;
    }
    assertThat(rsi[n]).isCloseTo(100 - 100 / (1 + ag / al), within(1e-9));
    for (int t = n + 1; t < x.length; t++) {
      double d = x[t] - x[t - 1];
      ag = ag + (Math.max(d, 0) - ag) / n;
      al = al + (Math.max(-d, 0) - al) / n;
      assertThat(rsi[t]).as("t=%d", t).isCloseTo(100 - 100 / (1 + ag / al), within(1e-9)).isBetween(0.0, 100.0);
    }
  }

  // ---------------------------------------------------------------- Bollinger, std, z-score

  /**
   * n = 3, k = 2, x = 1, 2, 3, 5. Index 2: mean 2, sample sd 1, bands 0 and 4: %B = 3/4, bandwidth = 4/2 = 2.
   * Index 3: window 2, 3, 5: mean 10/3, squared deviations 16/9 + 1/9 + 25/9 = 42/9, sd = sqrt(7/3);
   * %B = (5 - 10/3 + 2 sd)/(4 sd); bandwidth = 4 sd / (10/3).
   */
  @Test
  void bollinger_handWorked() {
    double sd = Math.sqrt(7.0 / 3.0);
    Indicators.BollingerResult b = Indicators.bollinger(new double[] {1, 2, 3, 5}, 3, 2.0);
    assertClose(b.percentB(), NaN, NaN, 0.75, (5 - 10.0 / 3 + 2 * sd) / (4 * sd));
    assertClose(b.bandwidth(), NaN, NaN, 2, 4 * sd / (10.0 / 3));
  }

  @Test
  void bollinger_flatWindow_percentBNaNAndBandwidthZero() {
    Indicators.BollingerResult b = Indicators.bollinger(new double[] {0.3, 0.1, 0.1, 0.1}, 3, 2.0);
    assertThat(b.percentB()[3]).isNaN();
    assertThat(b.bandwidth()[3]).isEqualTo(0.0);
  }

  @Test
  void rollingStdAndZScore_handWorked() {
    double[] x = {1, 2, 3, 5, NaN, 1, 1};
    assertClose(Indicators.rollingStd(x, 3), NaN, NaN, 1, Math.sqrt(7.0 / 3), NaN, NaN, NaN);
    assertClose(Indicators.rollingZScore(x, 3), NaN, NaN, 1, (5 - 10.0 / 3) / Math.sqrt(7.0 / 3), NaN, NaN, NaN);
    assertClose(Indicators.rollingStd(new double[] {1, 3}, 2), NaN, Math.sqrt(2));
  }

  /** 0.1 is not representable: a window of equal values must still give exactly 0 and a NaN z-score. */
  @Test
  void rollingStd_windowOfEqualValues_isExactlyZero_zScoreNaN() {
    double[] x = {0.3, 0.7, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2};
    double[] sd = Indicators.rollingStd(x, 3);
    assertThat(sd[4]).isEqualTo(0.0);
    assertThat(sd[5]).isEqualTo(0.0);
    assertThat(sd[6]).isEqualTo(0.0);
    assertThat(sd[7]).isGreaterThan(0.0);
    assertThat(Indicators.rollingZScore(x, 3)[5]).isNaN();
  }

  /**
   * Catastrophic cancellation: values 1e8 + u, u uniform in [0, 1). A raw sum-of-squares update loses every digit
   * (1e16 x 1e-16 per step against a variance of about 0.08); the Welford slide with periodic recomputation agrees
   * with an exact two-pass per window to 1e-6 relative.
   */
  @Test
  void rollingStd_largeOffset_noCancellation() {
    Random r = new Random(5);
    double[] x = new double[5000];
    for (int t = 0; t < x.length; t++) {
      x[t] = 1e8 + r.nextDouble();
    }
    double[] sd = Indicators.rollingStd(x, 50);
    double[] naive = naiveStd(x, 50);
    for (int t = 49; t < x.length; t++) {
      assertThat(sd[t]).as("t=%d", t).isCloseTo(naive[t], within(1e-6 * naive[t]));
    }
  }

  // ---------------------------------------------------------------- ROC, correlation

  @Test
  void roc_handWorked_nanEitherSide() {
    assertClose(Indicators.roc(new double[] {1, 2, 4, NaN, 8, 16}, 2), NaN, NaN, 3, NaN, 1, NaN);
    assertClose(Indicators.roc(new double[] {0, 1, 2}, 1), NaN, NaN, 1);
  }

  /**
   * n = 3, x = 1, 2, 3, 4, y = 2, 4, 6, 7. Index 2: exactly linear, r = 1. Index 3: x 2, 3, 4 (centred -1, 0, 1),
   * y 4, 6, 7 (mean 17/3, centred -5/3, 1/3, 4/3): C = 5/3 + 4/3 = 3, M2x = 2, M2y = 42/9: r = 3/sqrt(28/3).
   */
  @Test
  void rollingCorrelation_handWorked() {
    assertClose(Indicators.rollingCorrelation(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 7}, 3),
        NaN, NaN, 1, 3 / Math.sqrt(28.0 / 3));
    assertClose(Indicators.rollingCorrelation(new double[] {1, 2, 3, 4}, new double[] {-1, -2, -3, -4}, 2),
        NaN, -1, -1, -1);
  }

  @Test
  void rollingCorrelation_nanInEitherOrConstant_isNaN() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = {1, NaN, 3, 5, 5, 5};
    assertClose(Indicators.rollingCorrelation(x, y, 2), NaN, NaN, NaN, 1, NaN, NaN);
  }

  @Test
  void rollingCorrelation_lengthMismatch_throwsNamingY() {
    assertThatThrownBy(() -> Indicators.rollingCorrelation(new double[3], new double[4], 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'y'").hasMessageContaining("3");
  }

  @Test
  void badWindows_throwNamingTheArgument() {
    double[] x = new double[4];
    assertThatThrownBy(() -> Indicators.sma(x, 0)).hasMessageContaining("windowBars").hasMessageContaining("0");
    assertThatThrownBy(() -> Indicators.rollingStd(x, 1))
        .hasMessageContaining("windowBars").hasMessageContaining(">= 2");
    assertThatThrownBy(() -> Indicators.rollingZScore(x, 1)).hasMessageContaining("windowBars");
    assertThatThrownBy(() -> Indicators.bollinger(x, 20, 0)).hasMessageContaining("widthStd");
    assertThatThrownBy(() -> Indicators.bollinger(x, 20, NaN)).hasMessageContaining("widthStd");
    assertThatThrownBy(() -> Indicators.rsi(x, 0)).hasMessageContaining("windowBars");
    assertThatThrownBy(() -> Indicators.roc(x, 0)).hasMessageContaining("lagBars");
    assertThatThrownBy(() -> Indicators.ema(x, 0)).hasMessageContaining("span");
    assertThatThrownBy(() -> Indicators.ema(null, 3)).hasMessageContaining("'x'");
  }

  @Test
  void emptyInput_givesEmptyOutput() {
    assertThat(Indicators.sma(new double[0], 3)).isEmpty();
    assertThat(Indicators.rsi(new double[0], 3)).isEmpty();
    assertThat(Indicators.rollingCorrelation(new double[0], new double[0], 3)).isEmpty();
  }

  // ---------------------------------------------------------------- properties

  /** Kernels under test, each mapping an input column to one output column (window 3 or 4: many slides). */
  private static final String[] KERNELS = {"sma", "sum", "ema", "macd", "macd_signal", "macd_hist", "rsi",
      "bb_pct_b", "bb_width", "roc", "std", "z", "corr_x", "corr_y"};

  private static double[] apply(String kernel, double[] x, double[] y) {
    return switch (kernel) {
      case "sma" -> Indicators.sma(x, 4);
      case "sum" -> Indicators.rollingSum(x, 3);
      case "ema" -> Indicators.ema(x, 3);
      case "macd" -> Indicators.macd(x, 2, 5, 3).macd();
      case "macd_signal" -> Indicators.macd(x, 2, 5, 3).signal();
      case "macd_hist" -> Indicators.macd(x, 2, 5, 3).histogram();
      case "rsi" -> Indicators.rsi(x, 3);
      case "bb_pct_b" -> Indicators.bollinger(x, 4, 2).percentB();
      case "bb_width" -> Indicators.bollinger(x, 4, 2).bandwidth();
      case "roc" -> Indicators.roc(x, 3);
      case "std" -> Indicators.rollingStd(x, 3);
      case "z" -> Indicators.rollingZScore(x, 4);
      case "corr_x" -> Indicators.rollingCorrelation(x, y, 4);
      case "corr_y" -> Indicators.rollingCorrelation(y, x, 4);
      default -> throw new IllegalArgumentException(kernel);
    };
  }

  @Provide
  Arbitrary<double[]> series() {
    return Arbitraries.doubles().between(1, 100).injectNull(0.08).list().ofSize(60)
        .map(l -> l.stream().mapToDouble(d -> d == null ? NaN : d).toArray());
  }

  /** Causality: changing x[k] (to another value or to NaN) changes no output before k, for every kernel. */
  @Property(tries = 200)
  void everyKernel_changingInputAtK_leavesOutputsBeforeKUnchanged(@ForAll("series") double[] x,
      @ForAll("series") double[] y, @ForAll @IntRange(min = 0, max = 59) int k,
      @ForAll @DoubleRange(min = -50, max = 150) double newValue, @ForAll boolean toNaN) {
    double[] x2 = x.clone();
    x2[k] = toNaN ? NaN : newValue;
    for (String kernel : KERNELS) {
      double[] before = apply(kernel, x, y);
      double[] after = apply(kernel, x2, y);
      assertThat(before).hasSize(x.length);
      assertThat(Arrays.copyOf(after, k)).as("%s prefix before %d", kernel, k)
          .containsExactly(Arrays.copyOf(before, k));
    }
  }

  /** Sanity of the property above: the change does reach the output at k itself (the test can fail). */
  @Test
  void sma_changingInputAtK_changesOutputAtK() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] x2 = x.clone();
    x2[4] = 50;
    assertThat(Indicators.sma(x2, 2)[4]).isNotEqualTo(Indicators.sma(x, 2)[4]);
  }

  /** The sliding kernels agree with a naive per-window definition (windowed NaN rule included). */
  @Property(tries = 200)
  void windowedKernels_matchNaivePerWindowDefinition(@ForAll("series") double[] x, @ForAll("series") double[] y,
      @ForAll @IntRange(min = 2, max = 7) int n) {
    double[] sma = Indicators.sma(x, n);
    double[] sum = Indicators.rollingSum(x, n);
    double[] sd = Indicators.rollingStd(x, n);
    double[] z = Indicators.rollingZScore(x, n);
    double[] corr = Indicators.rollingCorrelation(x, y, n);
    double[] naiveSd = naiveStd(x, n);
    for (int t = 0; t < x.length; t++) {
      boolean valid = t >= n - 1 && allValid(x, t - n + 1, t);
      if (!valid) {
        assertThat(sma[t]).isNaN();
        assertThat(sum[t]).isNaN();
        assertThat(sd[t]).isNaN();
        assertThat(z[t]).isNaN();
        assertThat(corr[t]).isNaN();
        continue;
      }
      double s = 0;
      for (int i = t - n + 1; i <= t; i++) {
        s += x[i];
      }
      assertThat(sum[t]).isCloseTo(s, within(1e-10 * Math.abs(s)));
      assertThat(sma[t]).isCloseTo(s / n, within(1e-10 * Math.abs(s)));
      assertThat(sd[t]).isCloseTo(naiveSd[t], within(1e-9 * Math.max(1, naiveSd[t])));
      boolean flatX = naiveSd[t] <= 1e-12 * Math.abs(s / n);
      if (flatX) {
        assertThat(z[t]).isNaN();
      } else {
        assertThat(z[t]).isCloseTo((x[t] - s / n) / naiveSd[t], within(1e-8));
      }
      if (!allValid(y, t - n + 1, t)) {
        assertThat(corr[t]).isNaN();
      } else if (flatX || naiveStd(Arrays.copyOfRange(y, t - n + 1, t + 1), n)[n - 1] <= 1e-12 * Math.abs(y[t])) {
        assertThat(corr[t]).isNaN();
      } else {
        assertThat(corr[t]).isCloseTo(naiveCorr(x, y, t - n + 1, t), within(1e-9));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static boolean allValid(double[] x, int from, int to) {
    for (int i = from; i <= to; i++) {
      if (Double.isNaN(x[i])) {
        return false;
      }
    }
    return true;
  }

  private static double[] naiveStd(double[] x, int n) {
    double[] out = new double[x.length];
    Arrays.fill(out, NaN);
    for (int t = n - 1; t < x.length; t++) {
      if (!allValid(x, t - n + 1, t)) {
        continue;
      }
      double m = 0;
      for (int i = t - n + 1; i <= t; i++) {
        m += x[i];
      }
      m /= n;
      double ss = 0;
      for (int i = t - n + 1; i <= t; i++) {
        ss += (x[i] - m) * (x[i] - m);
      }
      out[t] = Math.sqrt(ss / (n - 1));
    }
    return out;
  }

  private static double naiveCorr(double[] x, double[] y, int from, int to) {
    int n = to - from + 1;
    double mx = 0;
    double my = 0;
    for (int i = from; i <= to; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = from; i <= to; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static double[] randomWalk(int n, long seed, double start) {
    Random r = new Random(seed);
    double[] x = new double[n];
    double p = start;
    for (int t = 0; t < n; t++) {
      p *= Math.exp(0.01 * r.nextGaussian());
      x[t] = p;
    }
    return x;
  }
}
