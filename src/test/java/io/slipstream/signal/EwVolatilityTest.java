package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.List;
import org.junit.jupiter.api.Test;

class EwVolatilityTest {
  private static final double NaN = Double.NaN;

  /**
   * Span 3 (alpha = beta = 0.5), coin A: x = NaN, 1, 3, NaN, 7, 7.
   * t0 NaN: NaN, count 0.
   * t1 x=1: first valid input, m = 1, v = 0, count 1 < 3 -> NaN.
   * t2 x=3: d = 3 - 1 = 2, m = 0.5*3 + 0.5*1 = 2, v = 0.5*(0 + 0.5*4) = 1, count 2 -> NaN.
   * t3 NaN: NaN, state unchanged (m = 2, v = 1, count 2).
   * t4 x=7: d = 7 - 2 = 5, m = 3.5 + 1 = 4.5, v = 0.5*(1 + 0.5*25) = 6.75, count 3 -> sqrt(6.75).
   * t5 x=7: d = 2.5, m = 3.5 + 2.25 = 5.75, v = 0.5*(6.75 + 0.5*6.25) = 4.9375 -> sqrt(4.9375).
   * Coin B: x = 0.5, 0.5, 0.5, NaN, NaN, 0.5: a constant input has v = 0, so sigma = 0 once count >= 3
   * (t2 and t5), NaN at the NaN bars and before.
   */
  private static final double[] INPUT = {
      NaN, 1, 3, NaN, 7, 7,
      0.5, 0.5, 0.5, NaN, NaN, 0.5};

  private static Panel panel(double[] columnMajor) {
    return Panel.of(BarInterval.H4, 0L, 6, List.of("A", "B"), columnMajor);
  }

  @Test
  void of_handWorkedPanelWithNaNs_matchesHandValues() {
    Panel out = EwVolatility.of(panel(INPUT), 3);

    assertThat(out.column(0)).containsExactly(NaN, NaN, NaN, NaN, Math.sqrt(6.75), Math.sqrt(4.9375));
    assertThat(out.column(1)).containsExactly(NaN, NaN, 0.0, NaN, NaN, 0.0);
  }

  @Test
  void update_beforeSpanValidInputs_isNaNAndValidAtCountEqualSpan() {
    EwVolatility v = new EwVolatility(3);
    assertThat(v.update(1)).isNaN();
    assertThat(v.count()).isEqualTo(1);
    assertThat(v.update(3)).isNaN();
    assertThat(v.count()).isEqualTo(2);
    assertThat(v.update(NaN)).isNaN();
    assertThat(v.count()).isEqualTo(2);
    assertThat(v.update(7)).isEqualTo(Math.sqrt(6.75));
    assertThat(v.count()).isEqualTo(3);
  }

  @Test
  void update_nanInput_leavesStateUnchanged() {
    EwVolatility with = new EwVolatility(2);
    EwVolatility without = new EwVolatility(2);
    double[] x = {0.01, -0.02, 0.03, 0.005};
    for (int i = 0; i < x.length; i++) {
      double a = with.update(x[i]);
      if (i == 1) {
        assertThat(with.update(NaN)).isNaN();
        assertThat(with.update(NaN)).isNaN();
      }
      assertThat(Double.doubleToLongBits(a)).isEqualTo(Double.doubleToLongBits(without.update(x[i])));
    }
    assertThat(with.count()).isEqualTo(without.count()).isEqualTo(4);
  }

  @Test
  void update_span1_validFromFirstInputWithZeroSigma() {
    EwVolatility v = new EwVolatility(1);
    assertThat(v.update(0.5)).isEqualTo(0.0);
    // alpha = 1: d = 1.5 - 0.5 = 1, v = 0 * (...) = 0
    assertThat(v.update(1.5)).isEqualTo(0.0);
  }

  @Test
  void update_barByBar_equalsBatchBitForBit() {
    double[] x = {0.013, NaN, -0.021, 0.04, NaN, 0.0, 0.002, -0.05, 0.011, 0.007, NaN, 0.03};
    Panel batch = EwVolatility.of(Panel.of(BarInterval.H1, 0L, x.length, List.of("X"), x), 4);
    EwVolatility v = new EwVolatility(4);
    for (int t = 0; t < x.length; t++) {
      assertThat(Double.doubleToLongBits(v.update(x[t]))).isEqualTo(Double.doubleToLongBits(batch.get(t, 0)));
    }
  }

  @Test
  void constructor_spanZero_throws() {
    assertThatThrownBy(() -> new EwVolatility(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("span");
  }
}
