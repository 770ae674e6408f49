package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolNormalisedReturnsTest {
  private static final double NaN = Double.NaN;

  @Test
  void of_panel_dividesByPreviousSigmaWithNaNAndZeroRules() {
    // A: r     = 0.1, 0.2, -0.3, 0.4, 0.5
    //    sigma = 0.1, NaN,  0.2, 0.0, 0.5
    //    z     = NaN (row 0: no previous sigma), 0.2/0.1 = 2, -0.3/NaN = NaN, 0.4/0.2 = 2, 0.5/0.0 -> NaN
    // B: r     = NaN, 0.3, 0.6, NaN, -0.2
    //    sigma = 0.3, 0.3, 0.3, 0.3, 0.3
    //    z     = NaN, 1, 2, NaN (r NaN), -0.2/0.3
    Panel r = Panel.of(BarInterval.H4, 0L, 5, List.of("A", "B"),
        new double[] {0.1, 0.2, -0.3, 0.4, 0.5, NaN, 0.3, 0.6, NaN, -0.2});
    Panel sigma = Panel.of(BarInterval.H4, 0L, 5, List.of("A", "B"),
        new double[] {0.1, NaN, 0.2, 0.0, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3});

    Panel z = VolNormalisedReturns.of(r, sigma);

    assertThat(z.column(0)).containsExactly(NaN, 0.2 / 0.1, NaN, 0.4 / 0.2, NaN);
    assertThat(z.column(1)).containsExactly(NaN, 0.3 / 0.3, 0.6 / 0.3, NaN, -0.2 / 0.3);
  }

  @Test
  void of_panel_usesPreviousNotCurrentSigma() {
    Panel r = Panel.of(BarInterval.H1, 0L, 2, List.of("A"), new double[] {0.0, 0.4});
    Panel sigma = Panel.of(BarInterval.H1, 0L, 2, List.of("A"), new double[] {0.2, 0.1});

    Panel z = VolNormalisedReturns.of(r, sigma);

    assertThat(z.get(1, 0)).isEqualTo(0.4 / 0.2).isNotEqualTo(0.4 / 0.1);
  }

  @Test
  void of_scalarZeroOrNaNSigma_isNaN() {
    assertThat(VolNormalisedReturns.of(0.1, 0.0)).isNaN();
    assertThat(VolNormalisedReturns.of(0.1, -0.0)).isNaN();
    assertThat(VolNormalisedReturns.of(0.1, NaN)).isNaN();
    assertThat(VolNormalisedReturns.of(NaN, 0.5)).isNaN();
    assertThat(VolNormalisedReturns.of(0.0, 0.5)).isEqualTo(0.0);
    assertThat(VolNormalisedReturns.of(-0.3, 0.5)).isEqualTo(-0.6);
  }

  @Test
  void of_shapeMismatch_throws() {
    Panel r = Panel.of(BarInterval.H1, 0L, 2, List.of("A"), new double[] {0.0, 0.4});
    Panel sigma = Panel.of(BarInterval.H1, 0L, 1, List.of("A"), new double[] {0.2});
    assertThatThrownBy(() -> VolNormalisedReturns.of(r, sigma)).isInstanceOf(IllegalArgumentException.class);
  }
}
