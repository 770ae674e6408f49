package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DollarAdvTest {
  private static final double NaN = Double.NaN;

  @Test
  void windowBars_interval_is24HoursOfBars() {
    assertThat(DollarAdv.windowBars(BarInterval.H4)).isEqualTo(6);
    assertThat(DollarAdv.windowBars(BarInterval.H1)).isEqualTo(24);
    assertThat(DollarAdv.windowBars(BarInterval.H8)).isEqualTo(3);
    assertThat(DollarAdv.windowBars(BarInterval.D1)).isEqualTo(1);
  }

  @Test
  void of_4hPanelWithNaNs_sumsSixBarsAndIsNaNWhenAnyMissing() {
    // A: close 2 everywhere, volume 1..7, NaN -> dollar volume 2, 4, 6, 8, 10, 12, 14, NaN
    //    rows 0-4: fewer than 6 bars -> NaN; row 5: 2+4+6+8+10+12 = 42; row 6: 4+...+14 = 54;
    //    row 7: the window holds a NaN -> NaN
    // B: close 10 except NaN at row 1, volume 1 -> dollar volume 10, NaN, 10, 10, 10, 10, 10, 10
    //    rows 5 and 6 hold row 1 -> NaN; row 7 = rows 2..7 = 60
    Panel close = Panel.of(BarInterval.H4, 0L, 8, List.of("A", "B"),
        new double[] {2, 2, 2, 2, 2, 2, 2, 2, 10, NaN, 10, 10, 10, 10, 10, 10});
    Panel volume = Panel.of(BarInterval.H4, 0L, 8, List.of("A", "B"),
        new double[] {1, 2, 3, 4, 5, 6, 7, NaN, 1, 1, 1, 1, 1, 1, 1, 1});

    Panel adv = DollarAdv.of(close, volume);

    assertThat(adv.column(0)).containsExactly(NaN, NaN, NaN, NaN, NaN, 42, 54, NaN);
    assertThat(adv.column(1)).containsExactly(NaN, NaN, NaN, NaN, NaN, NaN, NaN, 60);
  }

  @Test
  void of_1hPanel_sums24Bars() {
    double[] ones = new double[30];
    Arrays.fill(ones, 1.0);
    Panel close = Panel.of(BarInterval.H1, 0L, 30, List.of("A"), ones);
    Panel volume = close.withValues(ones);

    Panel adv = DollarAdv.of(close, volume);

    assertThat(adv.get(22, 0)).isNaN();
    assertThat(adv.get(23, 0)).isEqualTo(24.0);
    assertThat(adv.get(29, 0)).isEqualTo(24.0);
  }

  @Test
  void at_windowBeforeRow0_isNaN() {
    double[] dv = {1, 2, 3};
    assertThat(DollarAdv.at(dv, 1, 3)).isNaN();
    assertThat(DollarAdv.at(dv, 2, 3)).isEqualTo(6.0);
    assertThat(DollarAdv.at(dv, 2, 1)).isEqualTo(3.0);
  }

  @Test
  void window_incremental_equalsBatchBitForBit() {
    double[] c = {1.1, 2.3, NaN, 4.7, 5.9, 6.1, 7.3, 8.9, 9.7, 10.3, 11.9, 12.1, 13.3, 14.9};
    double[] v = {0.3, 0.7, 1.1, NaN, 2.3, 2.9, 3.1, 3.7, 4.1, 0.1, 5.3, 5.9, 6.7, 7.1};
    Panel close = Panel.of(BarInterval.H4, 0L, c.length, List.of("A"), c);
    Panel adv = DollarAdv.of(close, close.withValues(v));
    DollarAdv.Window w = new DollarAdv.Window(6);
    for (int t = 0; t < c.length; t++) {
      w.update(v[t] * c[t]);
      assertThat(Double.doubleToLongBits(w.value())).isEqualTo(Double.doubleToLongBits(adv.get(t, 0)));
    }
    // rows 9..13 see only valid bars again (window 6 after row 3)
    assertThat(adv.get(9, 0)).isNotNaN();
    assertThat(adv.get(8, 0)).isNaN();
  }

  @Test
  void window_kBelow1_throws() {
    assertThatThrownBy(() -> new DollarAdv.Window(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_shapeMismatch_throws() {
    Panel close = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {1, 2});
    Panel volume = Panel.of(BarInterval.H4, 0L, 2, List.of("B"), new double[] {1, 2});
    assertThatThrownBy(() -> DollarAdv.of(close, volume)).isInstanceOf(IllegalArgumentException.class);
  }
}
