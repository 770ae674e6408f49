package io.slipstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Rolling Sharpe and volatility on hand-computable windows (window 3, 4 periods per year so sqrt(ppy) = 2). */
class RollingStatsTest {
  private static final double[] R = {0.01, -0.02, 0.03, 0.00, 0.01};

  private static double sd3(double a, double b, double c) {
    double m = (a + b + c) / 3;
    return Math.sqrt(((a - m) * (a - m) + (b - m) * (b - m) + (c - m) * (c - m)) / 2);
  }

  @Test
  void sharpeAndVolatility_window3_matchFormulaPerWindow() {
    double[] s = RollingStats.sharpe(R, 3, 4);
    double[] v = RollingStats.volatility(R, 3, 4);

    assertThat(s[0]).isNaN();
    assertThat(s[1]).isNaN();
    assertThat(v[1]).isNaN();
    // window [0.01, -0.02, 0.03]: mean 0.02/3, sd = sqrt(sum of squared deviations / 2)
    assertThat(s[2]).isCloseTo(0.02 / 3 / sd3(0.01, -0.02, 0.03) * 2, within(1e-12));
    assertThat(v[2]).isCloseTo(sd3(0.01, -0.02, 0.03) * 2, within(1e-12));
    assertThat(v[2]).isCloseTo(2 * Math.sqrt(6.333333333333333e-4), within(1e-12));
    assertThat(s[3]).isCloseTo(0.01 / 3 / sd3(-0.02, 0.03, 0.00) * 2, within(1e-12));
    assertThat(s[4]).isCloseTo(0.04 / 3 / sd3(0.03, 0.00, 0.01) * 2, within(1e-12));
  }

  @Test
  void nanInput_nanForEveryWindowThatHoldsIt() {
    double[] x = {0.01, 0.02, 0.03, Double.NaN, 0.01, 0.02, 0.03, 0.04};

    double[] v = RollingStats.volatility(x, 3, 4);

    assertThat(v[2]).isFinite();
    assertThat(v[3]).isNaN();
    assertThat(v[4]).isNaN();
    assertThat(v[5]).isNaN();
    assertThat(v[6]).isCloseTo(2 * 0.01, within(1e-12)); // 0.01, 0.02, 0.03: sd 0.01
  }

  @Test
  void constantWindow_sharpeNaNVolatilityZero() {
    double[] x = {0.01, 0.01, 0.01};

    assertThat(RollingStats.sharpe(x, 3, 4)[2]).isNaN();
    assertThat(RollingStats.volatility(x, 3, 4)[2]).isZero();
  }

  @Test
  void constantStretchAfterVariation_volatilityExactlyZero_sharpeNaN() {
    double[] x = {0.013, -0.021, 0.007, 0.002, 0.002, 0.002, 0.002, 0.05};

    double[] v = RollingStats.volatility(x, 3, 4);
    double[] s = RollingStats.sharpe(x, 3, 4);

    assertThat(v[5]).isZero();
    assertThat(v[6]).isZero();
    assertThat(s[6]).isNaN();
    assertThat(v[7]).isCloseTo(2 * sd3(0.002, 0.002, 0.05), within(1e-15));
  }

  /** Naive two-pass reference over each window. */
  private static double[] naiveVol(double[] x, int w, double ppy) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Double.NaN;
      if (i < w - 1) {
        continue;
      }
      double s = 0;
      for (int k = i - w + 1; k <= i; k++) {
        s += x[k];
      }
      double m = s / w;
      double ss = 0;
      for (int k = i - w + 1; k <= i; k++) {
        ss += (x[k] - m) * (x[k] - m);
      }
      out[i] = Math.sqrt(ss / (w - 1)) * Math.sqrt(ppy);
    }
    return out;
  }

  @Property(tries = 60, seed = "4101")
  void slidingUpdate_agreesWithTwoPassEveryWindow(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 60) int w, @ForAll @IntRange(min = 1, max = 2000) int n) {
    Random rnd = new Random(seed);
    double[] x = new double[n];
    double level = rnd.nextDouble() * 0.01;
    for (int i = 0; i < n; i++) {
      int kind = rnd.nextInt(40);
      // mostly noise around a level, some NaN gaps and constant stretches
      x[i] = kind == 0 ? Double.NaN : kind < 4 && i > 0 && !Double.isNaN(x[i - 1]) ? x[i - 1]
          : level + rnd.nextGaussian() * 0.02;
    }

    double[] v = RollingStats.volatility(x, w, 2190);
    double[] ref = naiveVol(x, w, 2190);

    for (int i = 0; i < n; i++) {
      if (Double.isNaN(ref[i])) {
        assertThat(v[i]).as("bar %d", i).isNaN();
      } else {
        assertThat(v[i]).as("bar %d", i).isCloseTo(ref[i], within(1e-10 * (1 + ref[i])));
      }
    }
  }

  @Test
  void shorterThanWindow_allNaN() {
    assertThat(RollingStats.sharpe(new double[] {0.01, 0.02}, 3, 4)).containsOnly(Double.NaN);
  }

  @Test
  void windowBars_thirtyDays_perInterval() {
    assertThat(RollingStats.windowBars(BarInterval.H1, 30)).isEqualTo(720);
    assertThat(RollingStats.windowBars(BarInterval.H4, 30)).isEqualTo(180);
    assertThat(RollingStats.windowBars(BarInterval.D1, 30)).isEqualTo(30);
    assertThat(RollingStats.windowBars(BarInterval.D1, 1)).isEqualTo(2);
  }

  @Test
  void badArguments_throwNamingTheArgument() {
    assertThatThrownBy(() -> RollingStats.sharpe(R, 1, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window").hasMessageContaining("1");
    assertThatThrownBy(() -> RollingStats.volatility(R, 3, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("periodsPerYear");
    assertThatThrownBy(() -> RollingStats.windowBars(BarInterval.H4, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("days");
  }
}
