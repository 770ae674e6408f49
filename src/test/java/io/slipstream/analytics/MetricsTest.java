package io.slipstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.core.BarInterval;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetWeights;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Metrics of DESIGN.md convention 10 on tiny ledgers built through the real {@link Backtester}: weight 1 on one coin
 * decided at the close of row 0, zero costs, no funding, booked from the bar after it, so the net returns are the
 * coin's simple returns.
 */
class MetricsTest {
  private static final double EPS = 1e-12;
  private static final long H = 3_600_000L;
  /** 2024-01-01T00:00Z. */
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  private static BacktestResult holdOne(BarInterval interval, double... close) {
    List<String> coins = List.of("A");
    Panel p = Panel.of(interval, T0, close.length, coins, close);
    double[] ones = new double[close.length];
    java.util.Arrays.fill(ones, 1.0);
    MarketData md = new MarketData(p, p, p, p, p.withValues(ones), p.withValues(new double[close.length]));
    TargetWeights w = new TargetWeights(p.closeTimeMs(0), coins, new double[] {1.0}, 1, 0);
    return Backtester.run(md, row -> row == 0 ? Optional.of(w) : Optional.empty(), FeeModel.ZERO, false,
        Optional.of(p.closeTime(0)), Optional.empty());
  }

  @Test
  void of_handLedger4h_matchesHandValues() {
    // closes 100, 110, 99, 99, 108.9, 87.12 -> net returns 0.1, -0.1, 0, 0.1, -0.2 (n = 5)
    // nav 1.1, 0.99, 0.99, 1.089, 0.8712; ppy = 365 x 24 / 4 = 2190
    // mean = -0.1 / 5 = -0.02; deviations 0.12, -0.08, 0.02, 0.12, -0.18 -> squares sum 0.068, var (ddof 1) 0.017
    // Sharpe = -0.02 / sqrt(0.017) x sqrt(2190); Sortino = -0.02 / sqrt((0.01 + 0.04) / 5) x sqrt(2190) = -0.2 sqrt(2190)
    // max drawdown: peak 1.1 (first booked bar), trough 0.8712 (last) -> 1 - 0.8712/1.1 = 0.208
    // CAGR = 0.8712^(2190/5) - 1; hit rate = 2 positive of 4 non-zero = 0.5
    BacktestResult r = holdOne(BarInterval.H4, 100, 110, 99, 99, 108.9, 87.12);

    Metrics m = Metrics.of(r);

    assertThat(r.netReturns()).containsExactly(new double[] {0.1, -0.1, 0, 0.1, -0.2}, within(EPS));
    assertThat(m.periodsPerYear()).isEqualTo(2190.0);
    assertThat(m.bars()).isEqualTo(5);
    assertThat(m.totalReturn()).isCloseTo(0.8712 - 1, within(EPS));
    assertThat(m.annualVolatility()).isCloseTo(Math.sqrt(0.017) * Math.sqrt(2190), within(1e-10));
    assertThat(m.sharpe()).isCloseTo(-0.02 / Math.sqrt(0.017) * Math.sqrt(2190), within(1e-10));
    assertThat(m.sortino()).isCloseTo(-0.2 * Math.sqrt(2190), within(1e-10));
    assertThat(m.maxDrawdown()).isCloseTo(0.208, within(EPS));
    assertThat(m.maxDrawdownPeak()).contains(r.time(0));
    assertThat(m.maxDrawdownTrough()).contains(r.time(4));
    assertThat(m.maxDrawdownPeak()).contains(Instant.parse("2024-01-01T08:00:00Z"));
    assertThat(m.maxDrawdownTrough()).contains(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(m.cagr()).isCloseTo(Math.pow(0.8712, 2190.0 / 5) - 1, within(EPS));
    assertThat(m.calmar()).isCloseTo(m.cagr() / 0.208, within(1e-10));
    assertThat(m.hitRate()).isEqualTo(0.5);
    assertThat(m.start()).isEqualTo(Instant.parse("2024-01-01T04:00:00Z"));
    assertThat(m.end()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(m.rebalances()).isEqualTo(1);
    assertThat(m.avgTurnoverPerRebalance()).isEqualTo(1.0);
    assertThat(m.annualTurnover()).isCloseTo(2190.0 / 5, within(EPS));
    assertThat(m.totalFees()).isZero();
    assertThat(m.fundingPnl()).isZero();
    assertThat(m.avgGrossExposure()).isEqualTo(1.0);
    assertThat(m.avgNetExposure()).isEqualTo(1.0);
    assertThat(m.avgLongPositions()).isEqualTo(1.0);
    assertThat(m.avgShortPositions()).isZero();
    assertThat(m.timeInMarket()).isEqualTo(1.0);
    assertThat(m.grossSharpe()).isCloseTo(m.sharpe(), within(EPS));
    assertThat(m.grossCagr()).isCloseTo(m.cagr(), within(EPS));
  }

  @Test
  void of_hourlyBars_usesPpy8760() {
    // closes 100, 101, 100, 102 -> three bars; Sharpe scales with sqrt(8760)
    BacktestResult r = holdOne(BarInterval.H1, 100, 101, 100, 102);
    double[] x = {101.0 / 100 - 1, 100.0 / 101 - 1, 102.0 / 100 - 1};
    double mean = (x[0] + x[1] + x[2]) / 3;
    double var = ((x[0] - mean) * (x[0] - mean) + (x[1] - mean) * (x[1] - mean) + (x[2] - mean) * (x[2] - mean)) / 2;

    Metrics m = Metrics.of(r);

    assertThat(m.periodsPerYear()).isEqualTo(8760.0);
    assertThat(m.sharpe()).isCloseTo(mean / Math.sqrt(var) * Math.sqrt(8760), within(1e-9));
    assertThat(m.cagr()).isCloseTo(Math.pow(1.02, 8760.0 / 3) - 1, within(1e-6 * Math.pow(1.02, 8760.0 / 3)));
  }

  @Test
  void of_drawdownFromInitialNav_peakIsStartTime() {
    // closes 100, 90, 95 -> nav 0.9, 0.95: the peak is the initial nav 1 at the start (first close - interval)
    BacktestResult r = holdOne(BarInterval.H4, 100, 90, 95);

    Metrics m = Metrics.of(r);

    assertThat(m.maxDrawdown()).isCloseTo(0.1, within(EPS));
    assertThat(m.maxDrawdownPeak()).contains(m.start()).contains(r.time(0).minusMillis(4 * H));
    assertThat(m.maxDrawdownTrough()).contains(r.time(0));
  }

  @Test
  void of_zeroVariance_sharpeSortinoCalmarHitRateAreNaN() {
    BacktestResult r = holdOne(BarInterval.H4, 100, 100, 100, 100);

    Metrics m = Metrics.of(r);

    assertThat(m.sharpe()).isNaN();
    assertThat(m.grossSharpe()).isNaN();
    assertThat(m.sortino()).isNaN();
    assertThat(m.maxDrawdown()).isZero();
    assertThat(m.maxDrawdownPeak()).isEmpty();
    assertThat(m.maxDrawdownTrough()).isEmpty();
    assertThat(m.calmar()).isNaN();
    assertThat(m.hitRate()).isNaN();
    assertThat(m.cagr()).isZero();
    assertThat(m.annualVolatility()).isZero();
    Map<String, Object> map = m.toMap();
    assertThat(map.get("sharpe")).isNull();
    assertThat(map).containsKey("sharpe");
    assertThat(map.get("bars")).isEqualTo(3);
  }

  @Test
  void of_singleBar_sharpeIsNaNNotInfinite() {
    BacktestResult r = holdOne(BarInterval.H4, 100, 105);

    Metrics m = Metrics.of(r);

    assertThat(m.bars()).isEqualTo(1);
    assertThat(m.sharpe()).isNaN();
    assertThat(m.annualVolatility()).isNaN();
    assertThat(m.totalReturn()).isCloseTo(0.05, within(EPS));
  }

  @Test
  void of_onlyGains_sortinoIsNaNAndNoDrawdown() {
    BacktestResult r = holdOne(BarInterval.H4, 100, 101, 103, 106);

    Metrics m = Metrics.of(r);

    assertThat(m.sortino()).isNaN();
    assertThat(m.maxDrawdown()).isZero();
    assertThat(m.hitRate()).isEqualTo(1.0);
    assertThat(m.sharpe()).isPositive().isFinite();
  }

  @Test
  void toMap_keysAreSnakeCaseAndInstantsIso() {
    Metrics m = Metrics.of(holdOne(BarInterval.H4, 100, 110, 99, 99, 108.9, 87.12));

    Map<String, Object> map = m.toMap();

    assertThat(map.keySet()).contains("sharpe", "sortino", "max_drawdown", "max_drawdown_peak", "cagr",
        "periods_per_year", "bars");
    assertThat(map.get("max_drawdown_trough")).isEqualTo("2024-01-02T00:00:00Z");
    assertThat(map.keySet()).allMatch(k -> k.equals(k.toLowerCase()) && !k.contains(" "));
  }
}
