package io.slipstream.strategy.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InverseVolBookTest {
  private static BookParams params(double gross, double capPct) {
    return new BookParams(10, gross, capPct, 0, 2.5);
  }

  @Test
  void inverseVolToGrossWithoutNeutrality() {
    // raw = 1/0.01, -1/0.02, 1/0.04 = 100, -50, 25; sum |raw| = 175
    double[] w = InverseVolBook.weights(new int[] {1, -1, 1, 0}, new double[] {0.01, 0.02, 0.04, Double.NaN},
        params(1.0, 100), false);
    assertThat(w[0]).isCloseTo(100.0 / 175, within(1e-15));
    assertThat(w[1]).isCloseTo(-50.0 / 175, within(1e-15));
    assertThat(w[2]).isCloseTo(25.0 / 175, within(1e-15));
    assertThat(w[3]).isZero();
  }

  @Test
  void capLimitsOnePositionWithoutRedistribution() {
    double[] w = InverseVolBook.weights(new int[] {1, -1, 1}, new double[] {0.01, 0.02, 0.04}, params(1.0, 40),
        false);
    assertThat(w[0]).isEqualTo(0.4);
    assertThat(w[1]).isCloseTo(-50.0 / 175, within(1e-15));
    assertThat(w[2]).isCloseTo(25.0 / 175, within(1e-15));
  }

  @Test
  void dollarNeutralHalvesTheGrossPerSideAndKeepsNeutralityAfterTheCap() {
    // longs 100, 25 -> 0.4, 0.1; short -> -0.5
    double[] w = InverseVolBook.weights(new int[] {1, -1, 1}, new double[] {0.01, 0.02, 0.04}, params(1.0, 100),
        true);
    assertThat(w).containsExactly(new double[] {0.4, -0.5, 0.1}, within(1e-15));
    // cap 45%: short -0.45, longs 0.4 + 0.1 = 0.5 scaled by 0.9 -> 0.36, 0.09
    double[] c = InverseVolBook.weights(new int[] {1, -1, 1}, new double[] {0.01, 0.02, 0.04}, params(1.0, 45),
        true);
    assertThat(c).containsExactly(new double[] {0.36, -0.45, 0.09}, within(1e-15));
    assertThat(c[0] + c[1] + c[2]).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void dollarNeutralWithOneSideEmptyIsFlat() {
    assertThat(InverseVolBook.weights(new int[] {1, 1}, new double[] {0.01, 0.02}, params(1.0, 100), true))
        .containsExactly(0.0, 0.0);
  }

  @Test
  void aSideWithoutVolatilityIsAnError() {
    assertThatThrownBy(() -> InverseVolBook.weights(new int[] {1}, new double[] {0.0}, params(1.0, 100), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma 0.0");
  }

  @Test
  void badParametersNameTheKeyAndValue() {
    assertThatThrownBy(() -> params(0, 10)).hasMessageContaining("gross_leverage").hasMessageContaining("0.0");
    assertThatThrownBy(() -> params(1, 120)).hasMessageContaining("max_position_pct").hasMessageContaining("120");
  }
}
