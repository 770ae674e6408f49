package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.List;
import org.junit.jupiter.api.Test;

class EwmaTest {
  private static final double NaN = Double.NaN;

  /**
   * Span 3, so alpha = 2 / (3 + 1) = 0.5 and every value below is exact in binary.
   * A: NaN, 2, 4, NaN, 8, 0
   *    -> NaN (not started), 2 (m = x), 0.5*4 + 0.5*2 = 3, NaN (state stays 3), 0.5*8 + 0.5*3 = 5.5,
   *       0.5*0 + 0.5*5.5 = 2.75
   * B: 1, NaN, NaN, 3, 5, NaN
   *    -> 1, NaN, NaN, 0.5*3 + 0.5*1 = 2, 0.5*5 + 0.5*2 = 3.5, NaN
   */
  private static final double[] INPUT = {
      NaN, 2, 4, NaN, 8, 0,
      1, NaN, NaN, 3, 5, NaN};
  private static final double[] EXPECTED = {
      NaN, 2, 3, NaN, 5.5, 2.75,
      1, NaN, NaN, 2, 3.5, NaN};

  private static Panel panel(double[] columnMajor) {
    return Panel.of(BarInterval.H4, 0L, 6, List.of("A", "B"), columnMajor);
  }

  @Test
  void alpha_span3_isOneHalf() {
    assertThat(Ewma.alpha(3)).isEqualTo(0.5);
    assertThat(Ewma.alpha(1)).isEqualTo(1.0);
    assertThat(Ewma.alpha(9)).isEqualTo(0.2);
  }

  @Test
  void of_handWorkedPanelWithNaNs_matchesHandValues() {
    Panel out = Ewma.of(panel(INPUT), 3);

    assertThat(out.toColumnMajor()).containsExactly(EXPECTED);
    assertThat(out.coins()).containsExactly("A", "B");
    assertThat(out.interval()).isEqualTo(BarInterval.H4);
  }

  @Test
  void update_nanInput_leavesStateUnchangedAndReturnsNaN() {
    Ewma e = new Ewma(3);
    assertThat(e.mean()).isNaN();
    assertThat(e.update(NaN)).isNaN();
    assertThat(e.mean()).isNaN();
    assertThat(e.update(2)).isEqualTo(2.0);
    assertThat(e.update(4)).isEqualTo(3.0);
    assertThat(e.update(NaN)).isNaN();
    assertThat(e.mean()).isEqualTo(3.0);
    assertThat(e.update(8)).isEqualTo(5.5);
  }

  @Test
  void update_firstValidInput_startsAtThatInput() {
    Ewma e = new Ewma(100);
    assertThat(e.update(NaN)).isNaN();
    assertThat(e.update(-7.25)).isEqualTo(-7.25);
  }

  @Test
  void update_span1_followsInput() {
    Ewma e = new Ewma(1);
    assertThat(e.update(3)).isEqualTo(3.0);
    assertThat(e.update(-1.5)).isEqualTo(-1.5);
  }

  @Test
  void update_barByBar_equalsBatchBitForBit() {
    double[] x = {0.3, NaN, -1.7, 2.9, NaN, NaN, 0.1, 5.5, -0.25, 1e-3};
    Panel batch = Ewma.of(Panel.of(BarInterval.H1, 0L, x.length, List.of("X"), x), 7);
    Ewma e = new Ewma(7);
    for (int t = 0; t < x.length; t++) {
      assertThat(Double.doubleToLongBits(e.update(x[t]))).isEqualTo(Double.doubleToLongBits(batch.get(t, 0)));
    }
  }

  @Test
  void of_input_isNotModified() {
    Panel in = panel(INPUT);
    Ewma.of(in, 3);
    assertThat(in.toColumnMajor()).containsExactly(INPUT);
  }

  @Test
  void constructor_spanZero_throws() {
    assertThatThrownBy(() -> new Ewma(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("span");
  }
}
