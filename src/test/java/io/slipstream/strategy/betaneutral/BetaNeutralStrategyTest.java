package io.slipstream.strategy.betaneutral;

import io.slipstream.portfolio.JointAlphaConfig;
import io.slipstream.portfolio.SzDecimals;
import io.slipstream.portfolio.TargetWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.cost.CostConfig;
import io.slipstream.cost.CostModel;
import io.slipstream.cost.FeeModel;
import io.slipstream.cost.LiquidityCostModel;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.factor.FactorModel;
import io.slipstream.factor.VolumeWeighting;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The beta-neutral strategy on the real 4h data (first 3,000 bars, to 2024-02): constraints of both optimizers at
 * every decision, lot rounding on the lot grid, no look-ahead (truncating the data after a decision leaves its targets
 * bit-identical), and clear errors.
 */
class BetaNeutralStrategyTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static MarketData data;
  private static CostModel costs;

  @BeforeAll
  static void load() {
    data = Lake.load(DATA, BarInterval.H4, true).sliceRows(0, 3000);
    costs = LiquidityCostModel.of(data, CostConfig.feesOnly(new FeeModel(1.5, 4.5, 0.5, 0))
        .withHalfSpreadBps(OptionalDouble.of(1.0)).withImpactCoefficient(0.6));
  }

  private static BetaNeutralConfig config(BetaNeutralConfig.Optimizer opt, boolean dollarNeutral, boolean lots) {
    return new BetaNeutralConfig(BarInterval.H4, 24, 30, VolumeWeighting.SQRT_DOLLAR, 3,
        new JointAlphaConfig(24, List.of(2, 4, 8, 16), List.of(1, 4), 20, 1.0, 30), true, opt, 10, 1.0, 10,
        dollarNeutral, 10_000, 2.5, lots, 1e-4);
  }

  /** Drives the strategy over every row like the ledger does (book of the previous target, nav 1). */
  private static int checkDecisions(BetaNeutralConfig cfg, DecisionCheck check) {
    BetaNeutralStrategy s = new BetaNeutralStrategy(cfg, data, costs);
    double[] book = new double[data.coins().size()];
    int decisions = 0;
    for (int t = 0; t < data.rows(); t++) {
      Optional<TargetWeights> tw = s.targetsAt(t, 100_000, book);
      if (tw.isPresent()) {
        book = tw.get().weights();
        if (tw.get().nLong() + tw.get().nShort() > 0) {
          check.check(t, book, s.factors().modelAt(t).orElseThrow());
          decisions++;
        }
      }
    }
    return decisions;
  }

  private interface DecisionCheck {
    void check(int row, double[] w, FactorModel model);
  }

  private static double betaExposure(double[] w, FactorModel m) {
    double b = 0;
    for (int c = 0; c < w.length; c++) {
      if (w[c] != 0) {
        b += m.betaOfColumn(c) * w[c];
      }
    }
    return b;
  }

  private static double gross(double[] w) {
    double g = 0;
    for (double x : w) {
      g += Math.abs(x);
    }
    return g;
  }

  @Test
  void closedForm_isBetaNeutral_atFullGrossLeverage() {
    int n = checkDecisions(config(BetaNeutralConfig.Optimizer.CLOSED_FORM, false, false), (t, w, m) -> {
      assertThat(betaExposure(w, m)).as("beta'w at row %d", t).isCloseTo(0, within(1e-10));
      assertThat(gross(w)).isCloseTo(1.0, within(1e-10));
    });
    assertThat(n).isGreaterThan(100);
  }

  @Test
  void costAware_holdsEveryConstraint() {
    int n = checkDecisions(config(BetaNeutralConfig.Optimizer.COST_AWARE, true, false), (t, w, m) -> {
      assertThat(betaExposure(w, m)).as("beta'w at row %d", t).isCloseTo(0, within(1e-9));
      assertThat(gross(w)).isLessThanOrEqualTo(1.0 + 1e-9);
      double net = 0;
      for (double x : w) {
        net += x;
        assertThat(Math.abs(x)).isLessThanOrEqualTo(0.1 + 1e-9);
      }
      assertThat(net).isCloseTo(0, within(1e-9));
    });
    assertThat(n).isGreaterThan(100);
  }

  @Test
  void lotRounding_putsSizesOnTheLotGrid_andKeepsBetaSmall() {
    SzDecimals dec = SzDecimals.fromFirstPrices(data.close());
    int n = checkDecisions(config(BetaNeutralConfig.Optimizer.COST_AWARE, true, true), (t, w, m) -> {
      for (int c = 0; c < w.length; c++) {
        if (w[c] != 0) {
          double lot = dec.lotSize(data.coins().get(c));
          double size = w[c] * 100_000 / data.close().get(t, c);
          assertThat(Math.abs(size / lot - Math.rint(size / lot))).as("lots of column %d at row %d", c, t)
              .isLessThan(1e-6);
        }
      }
      assertThat(Math.abs(betaExposure(w, m))).isLessThan(5e-3);
    });
    assertThat(n).isGreaterThan(100);
  }

  @Test
  void noLookAhead_targetsAtADecisionIgnoreLaterBars() {
    BetaNeutralConfig cfg = config(BetaNeutralConfig.Optimizer.COST_AWARE, true, false);
    BetaNeutralStrategy full = new BetaNeutralStrategy(cfg, data, costs);
    double[] book = new double[data.coins().size()];
    int checked = 0;
    for (int t = 0; t < data.rows() && checked < 2; t++) {
      Optional<TargetWeights> tw = full.targetsAt(t, 100_000, book);
      if (tw.isPresent() && t > 2000 && t % 500 < 6) {
        MarketData cut = data.sliceRows(0, t + 1);
        CostModel cutCosts = LiquidityCostModel.of(cut, CostConfig.feesOnly(new FeeModel(1.5, 4.5, 0.5, 0))
            .withHalfSpreadBps(OptionalDouble.of(1.0)).withImpactCoefficient(0.6));
        Optional<TargetWeights> again = new BetaNeutralStrategy(cfg, cut, cutCosts).targetsAt(t, 100_000, book);
        assertThat(again).isPresent();
        assertThat(again.get().weights()).containsExactly(tw.get().weights());
        checked++;
      }
      if (tw.isPresent()) {
        book = tw.get().weights();
      }
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void badConfig_isNamed() {
    assertThatThrownBy(() -> new BetaNeutralConfig(BarInterval.H4, 6, 30, VolumeWeighting.SQRT, 3,
        JointAlphaConfig.of(6), true, BetaNeutralConfig.Optimizer.CLOSED_FORM, 10, 1, 10, false, 0, 2.5, false, 0))
        .hasMessageContaining("horizon_hours");
    assertThatThrownBy(() -> new BetaNeutralConfig(BarInterval.H4, 24, 30, VolumeWeighting.SQRT, 3,
        JointAlphaConfig.of(24), true, BetaNeutralConfig.Optimizer.CLOSED_FORM, 10, 0, 10, false, 0, 2.5, false, 0))
        .hasMessageContaining("gross_leverage");
    BetaNeutralConfig h1 = new BetaNeutralConfig(BarInterval.H1, 24, 30, VolumeWeighting.SQRT, 3,
        JointAlphaConfig.of(24), true, BetaNeutralConfig.Optimizer.CLOSED_FORM, 10, 1, 10, false, 0, 2.5, false, 0);
    assertThatThrownBy(() -> new BetaNeutralStrategy(h1, data, costs)).hasMessageContaining("interval");
  }
}
