package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FundingCarryTest {
  @Test
  void cost_longsPayPositiveFundingShortsReceive() {
    // long 0.5 at +0.0001, short -0.3 at +0.0002, long 0.2 at -0.0003:
    // 0.5e-4 - 0.6e-4 - 0.6e-4 = -0.7e-4 (income)
    double c = FundingCarry.cost(new double[] {0.5, -0.3, 0.2}, new double[] {1e-4, 2e-4, -3e-4});
    assertThat(c).isCloseTo(-0.7e-4, within(1e-18));
    assertThat(FundingCarry.cost(new double[] {1.0}, new double[] {1e-4})).isEqualTo(1e-4);
    assertThat(FundingCarry.cost(new double[0], new double[0])).isZero();
  }

  @Test
  void netAlpha_subtractsTheFundingForecast() {
    double[] a = {0.01, -0.02};
    double[] f = {0.001, -0.003};
    assertThat(FundingCarry.netAlpha(a, f)).containsExactly(0.01 - 0.001, -0.02 + 0.003);
    assertThat(a).containsExactly(0.01, -0.02); // not modified
    // w' alpha_total = w' alpha - cost(w, F)
    double[] w = {0.4, -0.6};
    double lhs = w[0] * FundingCarry.netAlpha(a, f)[0] + w[1] * FundingCarry.netAlpha(a, f)[1];
    assertThat(lhs).isCloseTo(w[0] * a[0] + w[1] * a[1] - FundingCarry.cost(w, f), within(1e-17));
  }

  @Test
  void badInput_throwsNamingTheArgument() {
    assertThatThrownBy(() -> FundingCarry.cost(new double[] {1, 2}, new double[] {1}))
        .hasMessageContaining("fundingForecast");
    assertThatThrownBy(() -> FundingCarry.cost(new double[] {1, Double.NaN}, new double[] {1, 1}))
        .hasMessageContaining("weights[1]").hasMessageContaining("NaN");
    assertThatThrownBy(() -> FundingCarry.netAlpha(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}))
        .hasMessageContaining("fundingForecast[0]");
  }
}
