package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.List;
import org.junit.jupiter.api.Test;

class EwmaMomentumTest {
  private static final double NaN = Double.NaN;
  private static final List<Integer> SPANS = List.of(1, 3);

  /**
   * Spans 1 (alpha 1: the EWMA is z itself) and 3 (alpha 0.5); z = NaN, 2, NaN, 4, 0, -2.
   * t0 NaN: NaN, count 0.
   * t1 z=2: count 1; e1 = 2, e3 = 2 (started) -> sum 4.
   * t2 NaN: NaN, states unchanged.
   * t3 z=4: count 2; e1 = 4, e3 = 0.5*4 + 0.5*2 = 3 -> 7.
   * t4 z=0: count 3; e1 = 0, e3 = 1.5 -> 1.5.
   * t5 z=-2: count 4; e1 = -2, e3 = -1 + 0.75 = -0.25 -> -2.25.
   * With warmupBars = 2 the score is NaN while count < 2, so t1 is NaN and t3 (count 2) is the first valid bar.
   */
  private static final double[] Z = {NaN, 2, NaN, 4, 0, -2};

  @Test
  void of_handWorkedColumnWithWarmup2_matchesHandValues() {
    Panel z = Panel.of(BarInterval.H4, 0L, 6, List.of("A"), Z);

    Panel score = EwmaMomentum.of(z, SPANS, 2);

    assertThat(score.column(0)).containsExactly(NaN, NaN, NaN, 7, 1.5, -2.25);
  }

  @Test
  void of_warmupZeroOrOne_validFromFirstValidZ() {
    Panel z = Panel.of(BarInterval.H4, 0L, 6, List.of("A"), Z);

    assertThat(EwmaMomentum.of(z, SPANS, 0).column(0)).containsExactly(NaN, 4, NaN, 7, 1.5, -2.25);
    assertThat(EwmaMomentum.of(z, SPANS, 1).column(0)).containsExactly(NaN, 4, NaN, 7, 1.5, -2.25);
  }

  @Test
  void update_warmupBoundary_firstValidAtWarmupBarsValidZ() {
    EwmaMomentum m = new EwmaMomentum(List.of(2), 3);
    assertThat(m.update(1)).isNaN();
    assertThat(m.update(NaN)).isNaN();
    assertThat(m.update(1)).isNaN();
    // third valid z: count 3 >= 3, EWMA of a constant 1 is 1
    assertThat(m.update(1)).isEqualTo(1.0);
  }

  @Test
  void of_twoColumns_areIndependent() {
    // B = A shifted by 2 bars with NaN in front: its score is A's, shifted
    double[] cm = {NaN, 2, NaN, 4, 0, -2, NaN, NaN, NaN, 2, NaN, 4};
    Panel z = Panel.of(BarInterval.H4, 0L, 6, List.of("A", "B"), cm);

    Panel score = EwmaMomentum.of(z, SPANS, 2);

    assertThat(score.column(1)).containsExactly(NaN, NaN, NaN, NaN, NaN, 7);
  }

  @Test
  void update_barByBar_equalsBatchBitForBit() {
    double[] z = {0.3, NaN, -1.7, 2.9, NaN, NaN, 0.1, 5.5, -0.25, 1e-3, 0.8, -0.6};
    List<Integer> spans = List.of(2, 4, 8, 16);
    Panel batch = EwmaMomentum.of(Panel.of(BarInterval.H1, 0L, z.length, List.of("X"), z), spans, 3);
    EwmaMomentum m = new EwmaMomentum(spans, 3);
    for (int t = 0; t < z.length; t++) {
      assertThat(Double.doubleToLongBits(m.update(z[t]))).isEqualTo(Double.doubleToLongBits(batch.get(t, 0)));
    }
  }

  @Test
  void constructor_badArguments_throw() {
    assertThatThrownBy(() -> new EwmaMomentum(List.of(), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spans");
    assertThatThrownBy(() -> new EwmaMomentum(List.of(2), -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warmupBars");
    assertThatThrownBy(() -> new EwmaMomentum(List.of(2, 0), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
