package io.slipstream.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RegimeFilterTest {
  private static final double NAN = Double.NaN;

  @Test
  void regime_window1_handWorked() {
    double[] close = {100, 110, 99, NAN, 120, 120};
    // t0 warm-up; +10%; -10%; NaN now; NaN before; flat
    assertThat(RegimeFilter.of(1).regime(close)).containsExactly(0, 1, -1, 0, 0, 0);
  }

  @Test
  void regime_window2_handWorked() {
    double[] close = {100, 110, 99, NAN, 120, 120, 90};
    // t2: 99/100-1 = -1%; t3: NaN; t4: 120/99; t5: 120/NaN; t6: 90/120-1 = -25%
    assertThat(RegimeFilter.of(2).regime(close)).containsExactly(0, 0, -1, 0, 1, 0, -1);
    double[] r = RegimeFilter.of(2).rollingReturn(close);
    assertThat(r[0]).isNaN();
    assertThat(r[1]).isNaN();
    assertThat(r[2]).isEqualTo(99.0 / 100.0 - 1.0);
    assertThat(r[3]).isNaN();
    assertThat(r[6]).isEqualTo(-0.25);
  }

  @Test
  void regime_neutralBand_insideAndOnTheEdgeAreZero() {
    RegimeFilter f = new RegimeFilter(1, 0.25);
    // returns: +25% (exactly on the edge: 125/100 - 1 = 0.25 in binary too), +27%, -25% (edge), -26%, +4%
    double[] close = {100, 125, 158.75, 119.0625, 88.10625, 91.63050};
    double[] r = f.rollingReturn(close);
    assertThat(r[1]).isEqualTo(0.25);
    assertThat(f.regime(close)).containsExactly(0, 0, 1, 0, -1, 0);
  }

  @Test
  void regimeAt_equalsBatchForm() {
    double[] close = {100, 101, 99, NAN, 98, 103, 103, 104};
    RegimeFilter f = new RegimeFilter(2, 0.01);
    double[] batch = f.regime(close);
    for (int t = 0; t < close.length; t++) {
      assertThat((double) f.regimeAt(close, t)).isEqualTo(batch[t]);
    }
    assertThatThrownBy(() -> f.regimeAt(close, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t'").hasMessageContaining("8");
  }

  @Test
  void regime_panel_perCoinSameGridAndErrorsNameCoin() {
    Panel close = Panel.of(BarInterval.H1, 0L, 4, List.of("BTC", "SOL"),
        new double[] {100, 101, 102, 100, NAN, 10, 9, 9.5});
    Panel reg = RegimeFilter.of(2).regime(close);
    assertThat(reg.coins()).containsExactly("BTC", "SOL");
    assertThat(reg.rows()).isEqualTo(4);
    assertThat(reg.firstOpenMs()).isZero();
    assertThat(reg.column(0)).containsExactly(0, 0, 1, -1);
    assertThat(reg.column(1)).containsExactly(0, 0, 0, -1);
    Panel bad = Panel.of(BarInterval.H1, 0L, 2, List.of("BTC", "SOL"), new double[] {1, 2, 1, -3});
    assertThatThrownBy(() -> RegimeFilter.of(1).regime(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SOL")
        .hasMessageContaining("close[1]")
        .hasMessageContaining("-3");
  }

  @Test
  void constructor_badArguments_rejectedNamingThem() {
    assertThatThrownBy(() -> RegimeFilter.of(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowBars");
    assertThatThrownBy(() -> new RegimeFilter(3, -0.01))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neutralBand");
    assertThatThrownBy(() -> new RegimeFilter(3, NAN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neutralBand");
    assertThatThrownBy(() -> RegimeFilter.of(1).regime(new double[] {1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("close[1]");
    assertThatThrownBy(() -> RegimeFilter.of(1).regime(new double[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("close[0]");
  }

  /** Prices on a cent grid with gaps, so ratios never round to exactly 1 when the prices differ. */
  private static double[] prices(Random rnd, int n) {
    double[] p = new double[n];
    for (int t = 0; t < n; t++) {
      p[t] = rnd.nextInt(8) == 0 ? NAN : (1 + rnd.nextInt(100_000)) / 100.0;
    }
    return p;
  }

  @Property(tries = 200, seed = "3")
  void regime_bandZero_isSignOfPriceChange(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 80) int n, @ForAll @IntRange(min = 1, max = 10) int window) {
    double[] close = prices(new Random(seed), n);
    double[] reg = RegimeFilter.of(window).regime(close);
    for (int t = 0; t < n; t++) {
      double expected = t < window || Double.isNaN(close[t]) || Double.isNaN(close[t - window])
          ? 0 : Math.signum(close[t] - close[t - window]);
      assertThat(reg[t]).as("t=%d", t).isEqualTo(expected);
    }
  }

  @Property(tries = 200, seed = "4")
  void regime_changingClosesAfterT_leavesRegimesUpToTUnchanged(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 80) int n, @ForAll @IntRange(min = 1, max = 10) int window) {
    Random rnd = new Random(seed);
    double[] close = prices(rnd, n);
    RegimeFilter f = new RegimeFilter(window, rnd.nextDouble() * 0.05);
    int cut = rnd.nextInt(n);
    double[] changed = close.clone();
    double[] tail = prices(rnd, n);
    System.arraycopy(tail, cut + 1, changed, cut + 1, n - cut - 1);
    double[] a = f.regime(close);
    double[] b = f.regime(changed);
    for (int t = 0; t <= cut; t++) {
      assertThat(b[t]).as("t=%d", t).isEqualTo(a[t]);
    }
    for (double v : a) {
      assertThat(v).isIn(-1.0, 0.0, 1.0);
    }
  }
}
