package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/**
 * {@link PriceRules} against API.md "Price rule" and "Market order": hand-worked cases for every szDecimals
 * (price decimals {@code 6 - szDecimals}), integer prices above 100000, tiny prices; slippage prices whose expected
 * values are the python SDK's {@code round(float(f"{px:.5g}"), 6 - szDecimals)} evaluated in CPython; and
 * properties of the directional roundings.
 */
class PriceRulesTest {
  @Test
  void roundPrice_fiveSigFigsThenDecimals_perSzDecimals() {
    // szDecimals 0: 6 decimals
    assertThat(PriceRules.roundPrice(1.234567, 0)).isEqualTo(1.2346);
    assertThat(PriceRules.roundPrice(0.000012345, 0)).isEqualTo(0.000012);
    assertThat(PriceRules.roundPrice(0.0000126, 0)).isEqualTo(0.000013);
    // szDecimals 1: 5 decimals
    assertThat(PriceRules.roundPrice(0.123456, 1)).isEqualTo(0.12346);
    assertThat(PriceRules.roundPrice(0.000123456, 1)).isEqualTo(0.00012);
    // szDecimals 2: 4 decimals
    assertThat(PriceRules.roundPrice(0.123456, 2)).isEqualTo(0.1235);
    assertThat(PriceRules.roundPrice(1670.12, 2)).isEqualTo(1670.1);
    // szDecimals 3: 3 decimals
    assertThat(PriceRules.roundPrice(12.34567, 3)).isEqualTo(12.346);
    assertThat(PriceRules.roundPrice(0.0006, 3)).isEqualTo(0.001);
    // szDecimals 4: 2 decimals
    assertThat(PriceRules.roundPrice(1.23456, 4)).isEqualTo(1.23);
    assertThat(PriceRules.roundPrice(1.236, 4)).isEqualTo(1.24);
    // szDecimals 5: 1 decimal
    assertThat(PriceRules.roundPrice(3.456, 5)).isEqualTo(3.5);
    assertThat(PriceRules.roundPrice(98765.4, 5)).isEqualTo(98765.0);
    // szDecimals 6: integers only
    assertThat(PriceRules.roundPrice(3.456, 6)).isEqualTo(3.0);
  }

  @Test
  void roundPrice_aboveTenThousand_integersAlwaysOk() {
    assertThat(PriceRules.roundPrice(123456.7, 2)).isEqualTo(123457.0);
    assertThat(PriceRules.roundPrice(1234567.89, 0)).isEqualTo(1234568.0);
    assertThat(PriceRules.roundPrice(123456.0, 5)).isEqualTo(123456.0); // 6 sig figs, but an integer
    assertThat(PriceRules.roundPrice(99999.6, 3)).isEqualTo(100000.0);
    assertThat(PriceRules.roundPrice(12345.6, 1)).isEqualTo(12346.0);
  }

  @Test
  void roundPrice_halfEvenOnBinaryValue() {
    // 2.675 is binary 2.67499999...: Python round(2.675, 2) = 2.67; 1.0005 is 1.000499999...: 1.0
    assertThat(PriceRules.roundPrice(2.675, 4)).isEqualTo(2.67);
    assertThat(PriceRules.roundPrice(1.0005, 3)).isEqualTo(1.0);
    // one-step rounding: 1.23496 at 2 decimals is 1.23 (the SDK's two-step rounding would give 1.24)
    assertThat(PriceRules.roundPrice(1.23496, 4)).isEqualTo(1.23);
  }

  @Test
  void roundPrice_badInput_refusedNamingTheArgument() {
    assertThatThrownBy(() -> PriceRules.roundPrice(0.0, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("px").hasMessageContaining("0.0");
    assertThatThrownBy(() -> PriceRules.roundPrice(-3.0, 2)).hasMessageContaining("px");
    assertThatThrownBy(() -> PriceRules.roundPrice(Double.NaN, 2)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> PriceRules.roundPrice(1.0, 7)).hasMessageContaining("szDecimals")
        .hasMessageContaining("7");
    assertThatThrownBy(() -> PriceRules.roundPrice(1.0, -1)).hasMessageContaining("szDecimals");
    // below half the smallest step 0.001: nothing valid is near
    assertThatThrownBy(() -> PriceRules.roundPrice(0.0004, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.001");
  }

  @Test
  void isValidPrice_handCases() {
    assertThat(PriceRules.isValidPrice(1670.1, 4)).isTrue();
    assertThat(PriceRules.isValidPrice(1670.12, 2)).isFalse(); // 6 significant figures
    assertThat(PriceRules.isValidPrice(12345.6, 0)).isFalse();
    assertThat(PriceRules.isValidPrice(123456.0, 5)).isTrue(); // integer
    assertThat(PriceRules.isValidPrice(100000.0, 0)).isTrue();
    assertThat(PriceRules.isValidPrice(0.001, 3)).isTrue();
    assertThat(PriceRules.isValidPrice(0.0001, 3)).isFalse(); // 4 decimals > 3
    assertThat(PriceRules.isValidPrice(0.000012, 0)).isTrue();
    assertThat(PriceRules.isValidPrice(0.0000123, 0)).isFalse(); // 7 decimals
    assertThat(PriceRules.isValidPrice(1.5, 6)).isFalse(); // szDecimals 6: integers only
    assertThat(PriceRules.isValidPrice(0.1 + 0.2, 0)).isTrue(); // the wire string is "0.3"
    assertThat(PriceRules.isValidPrice(1e-9, 0)).isFalse();
    assertThat(PriceRules.isValidPrice(0.0, 0)).isFalse();
    assertThat(PriceRules.isValidPrice(-5.0, 0)).isFalse();
    assertThat(PriceRules.isValidPrice(Double.NaN, 0)).isFalse();
    assertThat(PriceRules.isValidPrice(Double.POSITIVE_INFINITY, 0)).isFalse();
  }

  @Test
  void roundPriceDownUp_handCases() {
    assertThat(PriceRules.roundPriceDown(1670.15, 2)).isEqualTo(1670.1);
    assertThat(PriceRules.roundPriceUp(1670.15, 2)).isEqualTo(1670.2);
    assertThat(PriceRules.roundPriceDown(1670.1, 2)).isEqualTo(1670.1); // already valid
    assertThat(PriceRules.roundPriceUp(1670.1, 2)).isEqualTo(1670.1);
    assertThat(PriceRules.roundPriceDown(123456.7, 1)).isEqualTo(123456.0);
    assertThat(PriceRules.roundPriceUp(123456.7, 1)).isEqualTo(123457.0);
    assertThat(PriceRules.roundPriceDown(0.000012345, 0)).isEqualTo(0.000012);
    assertThat(PriceRules.roundPriceUp(0.000012345, 0)).isEqualTo(0.000013);
    assertThat(PriceRules.roundPriceDown(9.99996, 0)).isEqualTo(9.9999);
    assertThat(PriceRules.roundPriceUp(9.99996, 0)).isEqualTo(10.0);
    assertThat(PriceRules.roundPriceDown(99999.5, 3)).isEqualTo(99999.0);
    assertThat(PriceRules.roundPriceUp(99999.5, 3)).isEqualTo(100000.0);
    assertThat(PriceRules.roundPriceUp(0.00049, 3)).isEqualTo(0.001);
    assertThatThrownBy(() -> PriceRules.roundPriceDown(0.00049, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4.9E-4");
    assertThat(PriceRules.roundPriceDown(1e-6, 0)).isEqualTo(1e-6); // binary 9.99999999999999955e-7
  }

  @Test
  void roundSize_pythonRound() {
    // CPython: round(0.0147, 4), round(12.3456789, 3), round(2.675, 2), round(0.125, 2), round(0.375, 2),
    // round(-1.25, 1), round(1.0005, 3), round(0.49999999, 0)
    assertThat(PriceRules.roundSize(0.0147, 4)).isEqualTo(0.0147);
    assertThat(PriceRules.roundSize(12.3456789, 3)).isEqualTo(12.346);
    assertThat(PriceRules.roundSize(2.675, 2)).isEqualTo(2.67);
    assertThat(PriceRules.roundSize(0.125, 2)).isEqualTo(0.12);
    assertThat(PriceRules.roundSize(0.375, 2)).isEqualTo(0.38);
    assertThat(PriceRules.roundSize(-1.25, 1)).isEqualTo(-1.2);
    assertThat(PriceRules.roundSize(1.0005, 3)).isEqualTo(1.0);
    assertThat(PriceRules.roundSize(0.49999999, 0)).isEqualTo(0.0);
    assertThat(PriceRules.roundSize(-0.001, 2)).isEqualTo(0.0).matches(d -> Double.doubleToRawLongBits(d) == 0L);
    assertThatThrownBy(() -> PriceRules.roundSize(Double.NaN, 2)).hasMessageContaining("sz");
  }

  @Test
  void slippagePrice_sdkFormula() {
    // mid 1670.1 x 1.05 = 1753.605 -> "1753.6" -> round(., 2); x 0.95 = 1586.5949999... -> "1586.6"
    assertThat(PriceRules.slippagePrice(1670.1, true, 0.05, 4)).isEqualTo(1753.6);
    assertThat(PriceRules.slippagePrice(1670.1, false, 0.05, 4)).isEqualTo(1586.6);
    assertThat(PriceRules.slippagePrice(1670.1, true, 0.05, 6)).isEqualTo(1754.0);
    // 1.2345e-05 x 1.05 = 1.296225e-05 -> "1.2962e-05" -> round(., 6) = 1.3e-05
    assertThat(PriceRules.slippagePrice(0.000012345, true, 0.05, 0)).isEqualTo(0.000013);
    // 123456.7 x 1.05 = 129629.535 -> "1.2963e+05": 5 significant figures even above 100000, as the SDK
    assertThat(PriceRules.slippagePrice(123456.7, true, 0.05, 2)).isEqualTo(129630.0);
    assertThat(PriceRules.slippagePrice(30000.5, false, 0.01, 1)).isEqualTo(29700.0);
    assertThat(PriceRules.slippagePrice(2.0, true, 0.0, 5)).isEqualTo(2.0);
    assertThat(PriceRules.slippagePrice(0.98765, false, 0.05, 3)).isEqualTo(0.938);
    // 1.2345 x 1.1 = 1.35794999... (binary) -> "1.3579"
    assertThat(PriceRules.slippagePrice(1.2345, true, 0.1, 0)).isEqualTo(1.3579);
  }

  @Test
  void slippagePrice_badInput_refused() {
    assertThatThrownBy(() -> PriceRules.slippagePrice(0.000012345, true, 0.05, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds to 0");
    assertThatThrownBy(() -> PriceRules.slippagePrice(100, true, 1.0, 2)).hasMessageContaining("slippage");
    assertThatThrownBy(() -> PriceRules.slippagePrice(100, true, -0.01, 2)).hasMessageContaining("slippage");
    assertThatThrownBy(() -> PriceRules.slippagePrice(-100, true, 0.05, 2)).hasMessageContaining("mid");
  }

  @Test
  void minOrderValue_isTenUsd() {
    assertThat(PriceRules.MIN_ORDER_VALUE_USD).isEqualTo(10.0);
  }

  private static double price(double mantissa, int exponent) {
    return mantissa * Math.pow(10, exponent);
  }

  /** A nudge above the wire tolerance 1e-12 and far below any price step (>= 1e-6, or 1e-4 relative). */
  private static double nudge(double p) {
    return Math.max(2e-12, p * 1e-10);
  }

  @Property(tries = 400, seed = "20250801")
  void roundPriceDown_isLargestValidAtOrBelow(@ForAll @DoubleRange(min = 1, max = 10) @Scale(12) double m,
      @ForAll @IntRange(min = -6, max = 9) int e, @ForAll @IntRange(min = 0, max = 6) int szDecimals) {
    double p = price(m, e);
    Assume.that(p >= Math.pow(10, -(6 - szDecimals)));
    double down = PriceRules.roundPriceDown(p, szDecimals);
    assertThat(down).isLessThanOrEqualTo(p);
    assertThat(PriceRules.isValidPrice(down, szDecimals)).as("valid %s", down).isTrue();
    assertThat(PriceRules.roundPriceDown(down, szDecimals)).isEqualTo(down);
    if (down != p) {
      // the next valid price above `down` lies above p
      assertThat(PriceRules.roundPriceUp(down + nudge(down), szDecimals)).isGreaterThan(p);
    }
  }

  @Property(tries = 400, seed = "20250802")
  void roundPriceUp_isSmallestValidAtOrAbove(@ForAll @DoubleRange(min = 1, max = 10) @Scale(12) double m,
      @ForAll @IntRange(min = -9, max = 9) int e, @ForAll @IntRange(min = 0, max = 6) int szDecimals) {
    double p = price(m, e);
    double up = PriceRules.roundPriceUp(p, szDecimals);
    assertThat(up).isGreaterThanOrEqualTo(p);
    assertThat(PriceRules.isValidPrice(up, szDecimals)).as("valid %s", up).isTrue();
    assertThat(PriceRules.roundPriceUp(up, szDecimals)).isEqualTo(up);
    if (up != p && up - nudge(up) >= Math.pow(10, -(6 - szDecimals))) {
      assertThat(PriceRules.roundPriceDown(up - nudge(up), szDecimals)).isLessThan(p);
    }
  }

  @Property(tries = 400, seed = "20250803")
  void roundPrice_isValidIdempotentAndNearest(@ForAll @DoubleRange(min = 1, max = 10) @Scale(12) double m,
      @ForAll @IntRange(min = -6, max = 9) int e, @ForAll @IntRange(min = 0, max = 6) int szDecimals) {
    double p = price(m, e);
    Assume.that(p >= Math.pow(10, -(6 - szDecimals)));
    double r = PriceRules.roundPrice(p, szDecimals);
    assertThat(PriceRules.isValidPrice(r, szDecimals)).as("valid %s", r).isTrue();
    assertThat(PriceRules.roundPrice(r, szDecimals)).isEqualTo(r);
    double down = PriceRules.roundPriceDown(p, szDecimals);
    double up = PriceRules.roundPriceUp(p, szDecimals);
    assertThat(r).isIn(down, up);
    assertThat(Math.abs(r - p)).isLessThanOrEqualTo(Math.min(p - down, up - p));
  }
}
