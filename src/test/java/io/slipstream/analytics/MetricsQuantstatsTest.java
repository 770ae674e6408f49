package io.slipstream.analytics;

import static io.slipstream.analytics.Ledgers.ofReturns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The quantstats metrics added to {@link Metrics} on hand-worked ledgers. The 10-return case
 * {@code r = 0.02, -0.01, 0.03, -0.04, 0.01, 0, -0.02, 0.05, -0.03, 0.01} is worked by hand below and cross-checked
 * with pandas ({@code python3 tools/tearsheet_reference.py --hand}, values pasted).
 */
class MetricsQuantstatsTest {
  private static final double[] R = {0.02, -0.01, 0.03, -0.04, 0.01, 0.00, -0.02, 0.05, -0.03, 0.01};
  private static final double TOL = 1e-12;

  @Test
  void moments_tenReturns_matchHandAndPandas() {
    // mean 0.002; d = r - mean = .018 -.012 .028 -.042 .008 -.002 -.022 .048 -.032 .008
    // m2 = sum d^2 = 0.00696, m3 = sum d^3 = 20.16e-6, m4 = sum d^4 = 10.45152e-6
    // skew = 10 sqrt(9) / 8 x m3 / m2^1.5 ; kurt = 10 11 9 m4 / (8 7 m2^2) - 3 81 / (8 7)
    double skewHand = 10 * 3.0 / 8 * 20.16e-6 / Math.pow(0.00696, 1.5);
    double kurtHand = 990 * 10.45152e-6 / (56 * 0.00696 * 0.00696) - 243.0 / 56;

    Metrics m = Metrics.of(ofReturns(BarInterval.H4, R));

    assertThat(m.skew()).isCloseTo(skewHand, within(1e-9)).isCloseTo(0.13019908617922057, within(1e-9));
    assertThat(m.kurtosis()).isCloseTo(kurtHand, within(1e-9)).isCloseTo(-0.5250445897740783, within(1e-9));
    assertThat(Metrics.skew(R)).isCloseTo(0.13019908617922057, within(TOL));
    assertThat(Metrics.excessKurtosis(R)).isCloseTo(-0.5250445897740783, within(TOL));
  }

  @Test
  void valueAtRisk_tenReturns_normalAndHistorical() {
    // sd = sqrt(0.00696 / 9); VaR = mean + sd Phi^-1(0.05); normal ES = mean - sd phi(z) / 0.05
    // sorted: -.04 -.03 -.02 -.01 0 .01 .01 .02 .03 .05; q05 at position 9 x 0.05 = 0.45 -> -0.04 + 0.45 x 0.01
    double sd = Math.sqrt(0.00696 / 9);

    Metrics m = Metrics.of(ofReturns(BarInterval.H4, R));

    assertThat(m.valueAtRisk95()).isCloseTo(0.002 - 1.6448536269514722 * sd, within(1e-9))
        .isCloseTo(-0.043741523125424966, within(1e-9));
    // quantstats 0.0.81 conditional_value_at_risk: no return lies below the normal VaR (-0.04 > -0.0437), so
    // it falls back to the VaR itself; the normal expected shortfall keeps its own name
    assertThat(m.conditionalValueAtRisk95()).isEqualTo(m.valueAtRisk95());
    assertThat(m.perBar().expectedShortfall95Normal()).isCloseTo(-0.05536171537681438, within(1e-9));
    assertThat(m.historicalValueAtRisk95()).isCloseTo(-0.0355, within(1e-9));
    assertThat(m.historicalConditionalValueAtRisk95()).isCloseTo(-0.04, within(1e-9));
    assertThat(m.perBar().expectedShortfall95Normal()).isLessThan(m.valueAtRisk95());
  }

  @Test
  void normalConstants_matchCommonsMath() {
    NormalDistribution nd = new NormalDistribution();
    double z = nd.inverseCumulativeProbability(0.05);

    assertThat(Metrics.Z_05).isCloseTo(z, within(1e-9));
    assertThat(Metrics.ES_FACTOR_05).isCloseTo(nd.density(z) / 0.05, within(1e-9));
  }

  @Test
  void tailRatioAndProfitFactor_tenReturns_matchHand() {
    // q95 at position 8.55 -> 0.03 + 0.55 x 0.02 = 0.041; tail ratio = 0.041 / 0.0355
    // gains (r >= 0) = .02 + .03 + .01 + 0 + .05 + .01 = 0.12; losses = .01 + .04 + .02 + .03 = 0.10
    Metrics m = Metrics.of(ofReturns(BarInterval.H4, R));

    assertThat(m.tailRatio()).isCloseTo(0.041 / 0.0355, within(1e-9)).isCloseTo(1.1549295774647883, within(1e-9));
    assertThat(m.profitFactor()).isCloseTo(1.2, within(1e-9));
  }

  @Test
  void sortedQuantile_endsAndInterior_linearInterpolation() {
    double[] x = {1, 2, 4, 8};

    assertThat(Metrics.sortedQuantile(x, 0)).isEqualTo(1);
    assertThat(Metrics.sortedQuantile(x, 1)).isEqualTo(8);
    assertThat(Metrics.sortedQuantile(x, 0.5)).isEqualTo(3); // position 1.5
    assertThat(Metrics.sortedQuantile(x, 0.9)).isCloseTo(4 + 0.7 * 4, within(TOL)); // position 2.7
    assertThat(Metrics.sortedQuantile(new double[0], 0.5)).isNaN();
  }

  @Test
  void drawdownDurations_dailyBars_countUnderwaterBars() {
    // nav: 0.9 (under, dd 10%), 1.008 (new peak: recovered), 0.99792, 0.98794, 0.97806 (three bars under),
    // 1.02697 (new peak), 1.00643 (under, open at the end)
    // episodes: [0] 1 bar (holds the max drawdown, recovered at bar 1), [2..4] 3 bars, [6] 1 bar
    BacktestResult r = ofReturns(BarInterval.D1, -0.10, 0.12, -0.01, -0.01, -0.01, 0.05, -0.02);

    Metrics m = Metrics.of(r);

    assertThat(m.maxDrawdown()).isCloseTo(0.10, within(TOL));
    assertThat(m.maxDrawdownDays()).isEqualTo(1.0);
    assertThat(m.longestDrawdownDays()).isEqualTo(3.0);
    // the first booked bar closes 2024-01-03 (decision at the close of the bar opening 2024-01-01)
    assertThat(m.maxDrawdownRecovery()).contains(r.time(1)).contains(Instant.parse("2024-01-04T00:00:00Z"));
    assertThat(m.maxDrawdownTrough()).contains(r.time(0));
  }

  @Test
  void drawdownDurations_4hBars_fractionOfDaysAndOpenEpisode() {
    // nav 1.02 (peak), 1.0098 (under: 1 bar), 1.040094 (peak), then 7 bars under to the end
    // (1.0084 ... 1.0377 < 1.040094); the max drawdown (trough 0.98831 at bar 6) lies in the open episode
    BacktestResult r = ofReturns(BarInterval.H4, R);

    Metrics m = Metrics.of(r);

    assertThat(m.maxDrawdownDays()).isCloseTo(7 * 4 / 24.0, within(TOL));
    assertThat(m.longestDrawdownDays()).isCloseTo(7 * 4 / 24.0, within(TOL));
    assertThat(m.maxDrawdownRecovery()).isEmpty();
    assertThat(m.maxDrawdownTrough()).contains(r.time(6));
    assertThat(m.maxDrawdown()).isCloseTo(1 - 1.02 * 0.99 * 1.03 * 0.96 * 1.01 * 0.98 / (1.02 * 0.99 * 1.03),
        within(TOL));
  }

  @Test
  void drawdownDurations_longestEpisodeIsNotTheDeepest() {
    // daily: nav 0.9, 0.8 (trough of a 20% drawdown), 1.008 (recovered), 1.01808 (peak), four bars of -0.25%
    // (1.0155 .. 1.0079, under water: 1% deep), 1.0281 (recovered)
    BacktestResult r = ofReturns(BarInterval.D1, -0.10, -1.0 / 9, 0.26, 0.01, -0.0025, -0.0025, -0.0025, -0.0025,
        0.02);

    Metrics m = Metrics.of(r);

    assertThat(m.maxDrawdown()).isCloseTo(0.2, within(1e-12));
    assertThat(m.maxDrawdownDays()).isEqualTo(2.0);
    assertThat(m.longestDrawdownDays()).isEqualTo(4.0);
    assertThat(m.maxDrawdownRecovery()).contains(r.time(2));
  }

  @Test
  void noLosses_profitFactorNaNNotInfinite_noDrawdownDurationsZero() {
    Metrics m = Metrics.of(ofReturns(BarInterval.H4, 0.01, 0.02, 0.0, 0.03));

    assertThat(m.profitFactor()).isNaN();
    assertThat(m.maxDrawdownDays()).isZero();
    assertThat(m.longestDrawdownDays()).isZero();
    assertThat(m.maxDrawdownRecovery()).isEmpty();
    assertThat(m.toMap().get("profit_factor")).isNull();
  }

  @Test
  void zeroVariance_momentsAndVarNaN_tailRatioNaN() {
    Metrics m = Metrics.of(ofReturns(BarInterval.H4, 0, 0, 0, 0, 0));

    assertThat(m.skew()).isNaN();
    assertThat(m.kurtosis()).isNaN();
    assertThat(m.valueAtRisk95()).isEqualTo(0.0);
    assertThat(m.tailRatio()).isNaN(); // q05 = 0
    assertThat(m.profitFactor()).isNaN();
  }

  @Test
  void tooFewBars_skewNeeds3_kurtosisNeeds4() {
    assertThat(Metrics.of(ofReturns(BarInterval.H4, 0.01, -0.02)).skew()).isNaN();
    Metrics three = Metrics.of(ofReturns(BarInterval.H4, 0.01, -0.02, 0.04));
    assertThat(three.skew()).isFinite();
    assertThat(three.kurtosis()).isNaN();
    assertThat(Metrics.of(ofReturns(BarInterval.H4, 0.01)).valueAtRisk95()).isNaN();
  }

  @Test
  void exposures_holdOne_longOneShortZero() {
    Metrics m = Metrics.of(ofReturns(BarInterval.H4, R));

    assertThat(m.avgLongExposure()).isEqualTo(1.0);
    assertThat(m.avgShortExposure()).isZero();
    assertThat(m.avgGrossExposure()).isEqualTo(m.avgLongExposure() - m.avgShortExposure());
  }

  @Test
  void toMap_keepsOldKeysInOrderAndAddsNewOnes() {
    Map<String, Object> map = Metrics.of(ofReturns(BarInterval.D1, -0.10, 0.12, -0.01)).toMap();

    assertThat(map.keySet()).containsSubsequence("interval", "periods_per_year", "bars", "start", "end",
        "total_return", "cagr", "annual_volatility", "sharpe", "gross_sharpe", "gross_cagr", "sortino", "max_drawdown",
        "max_drawdown_peak", "max_drawdown_trough", "calmar", "hit_rate", "rebalances", "avg_turnover_per_rebalance",
        "annual_turnover", "total_fees", "annual_fee_drag", "funding_pnl", "annual_funding_pnl", "avg_gross_exposure",
        "avg_net_exposure", "avg_long_positions", "avg_short_positions", "time_in_market");
    assertThat(map.keySet()).hasSize(55).contains("expected_shortfall_95_normal", "omega", "win_loss_ratio",
        "ulcer_index", "best_day", "worst_day", "best_month", "worst_month", "ratios_per_bar", "ratios_daily",
        "worst_drawdowns","max_drawdown_days", "longest_drawdown_days",
        "max_drawdown_recovery", "skew", "kurtosis", "var_95", "cvar_95", "var_95_historical", "cvar_95_historical",
        "tail_ratio", "profit_factor", "avg_long_exposure", "avg_short_exposure");
    assertThat(map.get("max_drawdown_recovery")).isEqualTo("2024-01-04T00:00:00Z");
    assertThat(map.get("max_drawdown_days")).isEqualTo(1.0);
    assertThat(map.get("kurtosis")).isNull(); // 3 bars
  }
}
