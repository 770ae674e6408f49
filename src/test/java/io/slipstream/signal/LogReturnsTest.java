package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogReturnsTest {
  private static final double NaN = Double.NaN;

  @Test
  void of_panelWithGaps_isNaNAtRow0AndNextToEveryNaN() {
    // A: 100, 110, NaN, 121, 133.1 -> NaN, ln(110/100), NaN (close NaN), NaN (previous NaN), ln(133.1/121)
    // B: NaN, 50, 25, 25, NaN      -> NaN, NaN (previous NaN), ln(0.5), ln(1) = 0, NaN
    Panel close = Panel.of(BarInterval.H4, 0L, 5, List.of("A", "B"),
        new double[] {100, 110, NaN, 121, 133.1, NaN, 50, 25, 25, NaN});

    Panel r = LogReturns.of(close);

    assertThat(r.column(0)).containsExactly(NaN, Math.log(110.0 / 100.0), NaN, NaN, Math.log(133.1 / 121.0));
    assertThat(r.column(1)).containsExactly(NaN, NaN, Math.log(0.5), 0.0, NaN);
    assertThat(r.get(1, 0)).isCloseTo(0.09531017980432486, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void of_scalar_isLogOfRatioAndNaNWhenEitherMissing() {
    assertThat(LogReturns.of(200, 100)).isEqualTo(Math.log(2.0));
    assertThat(LogReturns.of(NaN, 100)).isNaN();
    assertThat(LogReturns.of(100, NaN)).isNaN();
  }

  @Test
  void of_panel_keepsShapeAndDoesNotModifyInput() {
    double[] v = {1, 2, 4, 8};
    Panel close = Panel.of(BarInterval.H1, 3_600_000L, 2, List.of("A", "B"), v);
    Panel r = LogReturns.of(close);
    assertThat(r.rows()).isEqualTo(2);
    assertThat(r.coins()).containsExactly("A", "B");
    assertThat(r.firstOpenMs()).isEqualTo(3_600_000L);
    assertThat(close.toColumnMajor()).containsExactly(1, 2, 4, 8);
  }
}
