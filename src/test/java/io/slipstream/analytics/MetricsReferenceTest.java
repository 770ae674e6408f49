package io.slipstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Tear-sheet metrics of the real gradient 4h run ({@code config/gradient.json} on the lake, 4717 bars
 * 2023-06-01 .. 2025-07-26) against the independent pandas re-implementation of quantstats' formulas:
 * {@code slipstream backtest --config config/gradient.json --out RUN} then
 * {@code python3 tools/tearsheet_reference.py RUN/returns.csv 4}; its printed values are pasted here. Tolerance
 * 1e-9 (absolute on per-bar quantities and moments, relative on annualised ratios); the two sides sum in different
 * orders, so bit equality is not expected.
 */
class MetricsReferenceTest {
  private static final double TOL = 1e-9;

  @Test
  void of_realGradient4h_matchesPandasQuantstatsReference() {
    BacktestResult r = Ledgers.gradient4h();

    Metrics m = Metrics.of(r);

    assertThat(m.bars()).isEqualTo(4717);
    assertThat(r.time(0)).isEqualTo(Instant.parse("2023-06-01T04:00:00Z"));
    assertThat(m.end()).isEqualTo(Instant.parse("2025-07-26T04:00:00Z"));
    assertThat(m.sharpe()).isCloseTo(-1.741654366046202, within(TOL));
    assertThat(m.sortino()).isCloseTo(-2.4726951127349333, within(TOL));
    assertThat(m.annualVolatility()).isCloseTo(0.15448845615592796, within(TOL));
    assertThat(m.skew()).isCloseTo(0.4314462472315572, within(TOL));
    assertThat(m.kurtosis()).isCloseTo(5.525570260674759, within(TOL));
    assertThat(m.valueAtRisk95()).isCloseTo(-0.005552878497556069, within(TOL));
    // quantstats 0.0.81 conditional_value_at_risk (mean below the normal VaR), from
    // tools/tearsheet_benchmark_reference.py (numpy); the normal expected shortfall has its own name
    assertThat(m.conditionalValueAtRisk95()).isCloseTo(-0.007877554932278676, within(TOL));
    assertThat(m.perBar().expectedShortfall95Normal()).isCloseTo(-0.006932322019484312, within(TOL));
    assertThat(m.historicalValueAtRisk95()).isCloseTo(-0.00507797681732202, within(TOL));
    assertThat(m.historicalConditionalValueAtRisk95()).isCloseTo(-0.007345528655551521, within(TOL));
    assertThat(m.tailRatio()).isCloseTo(0.9915553789682414, within(TOL));
    assertThat(m.profitFactor()).isCloseTo(0.9011502881358466, within(TOL));
    assertThat(m.hitRate()).isCloseTo(0.4685181259274963, within(TOL));
    assertThat(m.maxDrawdown()).isCloseTo(0.483940176152867, within(TOL));
    assertThat(m.maxDrawdownTrough()).contains(Instant.parse("2025-07-10T16:00:00Z"));
    // 3434 bars of 4h under water since 2023-12-31T20:00 (quantstats' whole-day formula gives 573)
    assertThat(m.maxDrawdownDays()).isCloseTo(572.3333333333334, within(TOL));
    assertThat(m.longestDrawdownDays()).isCloseTo(572.3333333333334, within(TOL));
    assertThat(m.maxDrawdownRecovery()).isEmpty();
  }

  @Test
  void monthlyReturns_realGradient4h_matchPandasGroupby() {
    MonthlyReturns t = MonthlyReturns.of(Ledgers.gradient4h());

    assertThat(t.years()).containsExactly(2023, 2024, 2025);
    assertThat(t.month(2023, 6)).isCloseTo(-0.05190274700615094, within(TOL));
    assertThat(t.month(2024, 2)).isCloseTo(-0.0219745278757143, within(TOL));
    assertThat(t.month(2025, 7)).isCloseTo(-0.017566317466812142, within(TOL));
    assertThat(t.year(2023)).isCloseTo(0.03321786346826738, within(TOL));
    assertThat(t.year(2024)).isCloseTo(-0.3208262031306264, within(TOL));
    assertThat(t.year(2025)).isCloseTo(-0.22201748963804413, within(TOL));
    int months = 0;
    for (double[] row : t.table()) {
      for (double v : row) {
        months += Double.isNaN(v) ? 0 : 1;
      }
    }
    assertThat(months).isEqualTo(26);
    assertThat(t.month(2023, 5)).isNaN();
  }

  @Test
  void rollingStats_realGradient4h_matchPandasRolling() {
    BacktestResult r = Ledgers.gradient4h();
    int w = RollingStats.windowBars(r.interval(), 30);

    double[] s = RollingStats.sharpe(r.netReturns(), w, r.interval().periodsPerYear());
    double[] v = RollingStats.volatility(r.netReturns(), w, r.interval().periodsPerYear());

    assertThat(w).isEqualTo(180);
    assertThat(s[178]).isNaN();
    assertThat(s[179]).isCloseTo(-3.5359312075240448, within(TOL));
    assertThat(v[179]).isCloseTo(0.178880690163626, within(TOL));
    assertThat(s[1000]).isCloseTo(1.2071995234639905, within(TOL));
    assertThat(v[1000]).isCloseTo(0.1701403868372754, within(TOL));
    assertThat(s[4716]).isCloseTo(-3.0124916745310206, within(TOL));
    assertThat(v[4716]).isCloseTo(0.1420414320714234, within(TOL));
  }
}
