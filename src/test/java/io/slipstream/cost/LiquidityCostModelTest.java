package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LiquidityCostModelTest {
  private static final double NaN = Double.NaN;
  private static final FeeModel FEES = new FeeModel(1.5, 4.5, 0.5, 1.0); // 4 bps
  private static final List<String> COINS = List.of("A", "B", "C");

  /**
   * 4 bars of 4h, coins A, B, C. A: close 100, 110, 99, NaN (a gap at row 3), volume 1, 2, 3, NaN.
   * B: close 10, 10.5, 10, 10.5, volume 10, 10, 20, 20. C: never trades (all NaN).
   */
  private static MarketData tiny() {
    double[] close = {100, 110, 99, NaN, 10, 10.5, 10, 10.5, NaN, NaN, NaN, NaN};
    double[] volume = {1, 2, 3, NaN, 10, 10, 20, 20, NaN, NaN, NaN, NaN};
    Panel c = Panel.of(BarInterval.H4, 0L, 4, COINS, close);
    return new MarketData(c, c, c, c, c.withValues(volume), c.withValues(new double[12]));
  }

  /** Y = 0.5, half-spread 5 bps, span 2, 8-hour ADV (2 bars, x 3 to a day). */
  private static CostConfig tinyConfig() {
    return new CostConfig(FEES, OptionalDouble.of(5.0), 10, 0.5, 10.0, 8, 2);
  }

  @Test
  void at_handComputed_feesSpreadAndSquareRootImpact() {
    LiquidityCostModel m = LiquidityCostModel.of(tiny(), tinyConfig());
    // sigma (span 2, alpha 2/3): r1, r2 valid -> v2 = (1/3)(2/3)(r2 - r1)^2, daily x sqrt(6):
    //   A: |r2 - r1| = ln(11/9), sigma = sqrt(2)/3 sqrt(6) ln(11/9) = sqrt(12)/3 ln(11/9)
    //   B: |r2 - r1| = 2 ln 1.05, sigma = sqrt(12)/3 x 2 ln 1.05
    // ADV (2 bars x 3): A: (220 + 297) x 3 = 1551; B: (105 + 200) x 3 = 915
    // C never valid: the most expensive of the row: largest sigma (A's) and smallest ADV (B's)
    double l = Math.log(1.05);
    double sigmaA = Math.sqrt(12) / 3 * Math.log(11.0 / 9.0);
    double sigmaB = Math.sqrt(12) / 3 * 2 * l;
    double nav = 1e6;

    TradeCosts tc = m.at(2, nav);

    assertThat(m.firstValidRow()).isEqualTo(2);
    for (int i = 0; i < 3; i++) {
      assertThat(tc.linear(i)).isCloseTo(9e-4, within(1e-18)); // 4 bps fees + 5 bps half-spread
    }
    assertThat(tc.impact(0)).isCloseTo(0.5 * sigmaA * Math.sqrt(nav / 1551), within(1e-15));
    assertThat(tc.impact(1)).isCloseTo(0.5 * sigmaB * Math.sqrt(nav / 915), within(1e-15));
    assertThat(tc.impact(2)).isCloseTo(0.5 * sigmaA * Math.sqrt(nav / 915), within(1e-15));
    // a 1% NAV trade of A = 10,000 USD: cost = 9 bps x 1% + 1% x Y sigma sqrt(10,000 / 1551)
    assertThat(tc.cost(0, 0.01)).isCloseTo(9e-4 * 0.01 + 0.01 * 0.5 * sigmaA * Math.sqrt(10_000 / 1551.0),
        within(1e-15));
    assertThat(m.minTradeUsd()).isEqualTo(10.0);
  }

  @Test
  void at_gapAndNeverListed_forwardFillsAndUsesTheRowsMostExpensive() {
    LiquidityCostModel m = LiquidityCostModel.of(tiny(), tinyConfig());
    // row 3: A has a gap -> its row-2 sigma and ADV; B: r3 = ln 1.05, m2 = -(1/3) l, d3 = (4/3) l,
    // v3 = (1/3)(v2 + (2/3) d3^2) = (56/81) l^2 -> sigma = sqrt(336)/9 l; ADV = (200 + 210) x 3 = 1230.
    // C: largest sigma (A's, 0.232 vs B's 0.099) and smallest ADV (B's 1230 vs A's 1551)
    double l = Math.log(1.05);
    double sigmaA = Math.sqrt(12) / 3 * Math.log(11.0 / 9.0);
    double sigmaB3 = Math.sqrt(336) / 9 * l;

    TradeCosts tc = m.at(3, 1e6);

    assertThat(tc.impact(0)).isCloseTo(0.5 * sigmaA * Math.sqrt(1e6 / 1551), within(1e-15));
    assertThat(tc.impact(1)).isCloseTo(0.5 * sigmaB3 * Math.sqrt(1e6 / 1230), within(1e-15));
    assertThat(tc.impact(2)).isCloseTo(0.5 * sigmaA * Math.sqrt(1e6 / 1230), within(1e-15));
    assertThat(m.dailyVolatilities().get(3, 0)).isCloseTo(sigmaA, within(1e-16));
    assertThat(m.dailyDollarVolumesUsd().get(3, 2)).isCloseTo(1230, within(1e-9));
    assertThat(m.dailyDollarVolumesUsd().get(1, 0)).isNaN(); // before firstValidRow
  }

  @Test
  void at_warmUpRowOrBadNav_throws() {
    LiquidityCostModel m = LiquidityCostModel.of(tiny(), tinyConfig());
    assertThatThrownBy(() -> m.at(1, 1e6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row").hasMessageContaining("warm-up").hasMessageContaining("was 1");
    assertThatThrownBy(() -> m.at(4, 1e6)).hasMessageContaining("row");
    assertThatThrownBy(() -> m.at(2, 0)).hasMessageContaining("navUsd");
    assertThatThrownBy(() -> m.at(2, NaN)).hasMessageContaining("navUsd");
  }

  @Test
  void at_feesOnlyConfig_equalsTheFlatModelAtEveryRow() {
    MarketData md = SyntheticMarket.random(3, 50, 5);
    LiquidityCostModel m = LiquidityCostModel.of(md, CostConfig.feesOnly(FEES));
    CostModel flat = CostModel.flat(FEES, 5);
    assertThat(m.firstValidRow()).isZero();
    assertThat(m.minTradeUsd()).isZero();
    for (int t = 0; t < 50; t++) {
      assertThat(m.at(t, 1234.5).linear()).containsExactly(flat.at(t, 1234.5).linear());
      assertThat(m.at(t, 1234.5).impact()).containsOnly(0.0);
      assertThat(m.at(t, 1234.5).isUniformLinear()).isTrue();
    }
    assertThatThrownBy(m::dailyVolatilities).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void at_estimatedSpread_addsTheEstimatorsHalfSpread() {
    MarketData md = SyntheticMarket.random(4, 80, 3);
    CostConfig cfg = new CostConfig(FEES, OptionalDouble.empty(), 10, 0.0, 0.0, 24, 20);
    LiquidityCostModel m = LiquidityCostModel.of(md, cfg);
    Panel hs = SpreadEstimator.abdiRanaldo(md.high(), md.low(), md.close(), 10);
    int checked = 0;
    for (int t = m.firstValidRow(); t < 80; t++) {
      for (int c = 0; c < 3; c++) {
        if (!Double.isNaN(hs.get(t, c))) {
          assertThat(m.at(t, 1e5).linear(c)).isEqualTo(FEES.feeRate() + hs.get(t, c));
          checked++;
        }
        assertThat(m.at(t, 1e5).linear(c)).isGreaterThanOrEqualTo(FEES.feeRate());
      }
    }
    assertThat(checked).isGreaterThan(100);
    assertThat(m.halfSpreads().get(m.firstValidRow(), 0)).isNotNaN();
  }

  @Test
  void of_advWindowNotAMultipleOfTheInterval_throws() {
    CostConfig cfg = new CostConfig(FEES, OptionalDouble.of(1), 10, 0.5, 0, 6, 2);
    assertThatThrownBy(() -> LiquidityCostModel.of(tiny(), cfg)).hasMessageContaining("adv_window_hours");
    assertThatThrownBy(() -> LiquidityCostModel.of(tiny(), cfg.withImpactCoefficient(0)))
        .hasMessageContaining("adv_window_hours");
  }
}
