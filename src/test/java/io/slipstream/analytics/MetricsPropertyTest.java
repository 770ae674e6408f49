package io.slipstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of the tear-sheet metrics on random return series (seeded, bounded tries), through buy-and-hold ledgers
 * of the real backtester where a ledger is needed.
 */
class MetricsPropertyTest {
  private static double[] randomReturns(long seed, int n) {
    Random rnd = new Random(seed);
    double[] r = new double[n];
    double vol = 0.001 + rnd.nextDouble() * 0.05;
    double drift = (rnd.nextDouble() - 0.5) * vol;
    for (int i = 0; i < n; i++) {
      // fat-ish tails and some exact zeros
      double z = rnd.nextGaussian() * (rnd.nextInt(10) == 0 ? 3 : 1);
      r[i] = rnd.nextInt(12) == 0 ? 0.0 : Math.max(-0.5, drift + vol * z);
    }
    return r;
  }

  @Property(tries = 150, seed = "4001")
  void tailMetrics_orderedAndConsistent(@ForAll @LongRange long seed, @ForAll @IntRange(min = 4, max = 200) int n) {
    BacktestResult ledger = Ledgers.ofReturns(BarInterval.H4, randomReturns(seed, n));
    double[] net = ledger.netReturns();
    Metrics m = Metrics.of(ledger);
    double[] s = net.clone();
    Arrays.sort(s);

    assertThat(m.historicalConditionalValueAtRisk95()).isLessThanOrEqualTo(m.historicalValueAtRisk95() + 1e-15);
    assertThat(m.historicalValueAtRisk95()).isBetween(s[0] - 1e-12, s[n - 1] + 1e-12);
    if (Double.isFinite(m.valueAtRisk95())) {
      assertThat(m.conditionalValueAtRisk95()).isLessThanOrEqualTo(m.valueAtRisk95());
    }
    double sum = 0;
    boolean wins = false;
    boolean losses = false;
    for (double x : net) {
      sum += x;
      wins |= x > 0;
      losses |= x < 0;
    }
    if (wins && losses && Math.abs(sum) > 1e-9) {
      // profit factor = gains / losses and sum = gains - losses: PF > 1 exactly when the sum is positive
      assertThat(m.profitFactor() > 1).isEqualTo(sum > 0);
    }
  }

  @Property(tries = 150, seed = "4002")
  void scaleInvariance_momentsTailRatioProfitFactor(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 4, max = 300) int n, @ForAll @IntRange(min = 1, max = 50) int tenths) {
    double[] r = randomReturns(seed, n);
    double c = tenths / 10.0;
    double[] cr = new double[n];
    double[] neg = new double[n];
    for (int i = 0; i < n; i++) {
      cr[i] = c * r[i];
      neg[i] = -r[i];
    }
    double skew = Metrics.skew(r);
    double kurt = Metrics.excessKurtosis(r);

    if (Double.isFinite(skew)) {
      assertThat(Metrics.skew(cr)).isCloseTo(skew, within(1e-9 * (1 + Math.abs(skew))));
      assertThat(Metrics.skew(neg)).isCloseTo(-skew, within(1e-9 * (1 + Math.abs(skew))));
      assertThat(Metrics.excessKurtosis(cr)).isCloseTo(kurt, within(1e-9 * (1 + Math.abs(kurt))));
      assertThat(Metrics.excessKurtosis(neg)).isCloseTo(kurt, within(1e-9 * (1 + Math.abs(kurt))));
      // G2 = (n-1)((n+1) b2 - 3(n-1)) / ((n-2)(n-3)) with b2 = n m4 / m2^2 >= 1, so G2 >= -2(n-1)/(n-3)
      assertThat(kurt).isGreaterThanOrEqualTo(-2.0 * (n - 1) / (n - 3.0) - 1e-9);
    }
    double[] s = r.clone();
    Arrays.sort(s);
    double[] sc = cr.clone();
    Arrays.sort(sc);
    assertThat(Metrics.sortedQuantile(sc, 0.05)).isCloseTo(c * Metrics.sortedQuantile(s, 0.05), within(1e-12));
  }

  @Property(tries = 100, seed = "4003")
  void drawdownEpisodes_durationsConsistent(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 150) int n) {
    double[] r = randomReturns(seed, n);
    BacktestResult ledger = Ledgers.ofReturns(BarInterval.H4, r);
    Metrics m = Metrics.of(ledger);
    double bar = 4 / 24.0;

    assertThat(m.longestDrawdownDays()).isGreaterThanOrEqualTo(m.maxDrawdownDays());
    assertThat(m.longestDrawdownDays()).isLessThanOrEqualTo(n * bar + 1e-12);
    double bars = m.maxDrawdownDays() / bar;
    assertThat(bars).isCloseTo(Math.rint(bars), within(1e-9));
    assertThat(m.maxDrawdownDays() > 0).isEqualTo(m.maxDrawdown() > 0);
    if (m.maxDrawdownRecovery().isPresent()) {
      assertThat(m.maxDrawdownRecovery().get()).isAfter(m.maxDrawdownTrough().orElseThrow());
      // recovered: the episode ends the bar before the recovery, so it spans at most trough - start + bars
      long episodeMs = Math.round(m.maxDrawdownDays() * 86_400_000L);
      assertThat(m.maxDrawdownRecovery().get().toEpochMilli() - episodeMs)
          .isLessThanOrEqualTo(m.maxDrawdownTrough().get().toEpochMilli());
    }
  }

  @Property(tries = 40, seed = "4004")
  void monthlyReturns_compoundToTheTotalReturn(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 400) int n) {
    double[] r = randomReturns(seed, n);
    long[] t = new long[n];
    long day = 86_400_000L;
    Random rnd = new Random(seed);
    long now = 1_600_000_000_000L / day * day;
    for (int i = 0; i < n; i++) {
      now += day * (1 + rnd.nextInt(9)); // irregular daily closes across several years
      t[i] = now;
    }
    MonthlyReturns mr = MonthlyReturns.of(t, BarInterval.D1, r);
    double total = 1;
    for (double x : r) {
      total *= 1 + x;
    }
    double years = 1;
    double months = 1;
    for (int year : mr.years()) {
      if (Double.isFinite(mr.year(year))) {
        years *= 1 + mr.year(year);
      }
      for (int k = 1; k <= 12; k++) {
        if (Double.isFinite(mr.month(year, k))) {
          months *= 1 + mr.month(year, k);
        }
      }
    }

    assertThat(years).isCloseTo(total, within(1e-9 * total));
    assertThat(months).isCloseTo(total, within(1e-9 * total));
  }

  @Property(tries = 40, seed = "4005")
  void rollingSharpe_equalsMetricsSharpeOfTheWindow(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 40) int window, @ForAll @IntRange(min = 0, max = 30) int extra) {
    int n = window + extra;
    double[] r = randomReturns(seed, n);
    double[] rolling = RollingStats.sharpe(r, window, BarInterval.H4.periodsPerYear());
    double[] vol = RollingStats.volatility(r, window, BarInterval.H4.periodsPerYear());
    int i = n - 1;

    Metrics m = Metrics.of(Ledgers.ofReturns(BarInterval.H4, Arrays.copyOfRange(r, i - window + 1, i + 1)));

    if (Double.isFinite(m.sharpe())) {
      assertThat(rolling[i]).isCloseTo(m.sharpe(), within(1e-7 * (1 + Math.abs(m.sharpe()))));
    }
    assertThat(vol[i]).isCloseTo(m.annualVolatility(), within(1e-9 + 1e-7 * m.annualVolatility()));
    assertThat(rolling[window - 2]).isNaN();
  }
}
