package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Performance metrics of a ledger (DESIGN.md convention 10), with the tear-sheet metrics of quantstats
 * ({@code quantstats/stats.py}, github.com/ranaroussi/quantstats). With {@code ppy = 365 x 24 / interval hours}
 * bars per year and {@code n} booked bars of net returns {@code r} (simple, per bar, decimal fractions):
 * <ul>
 *   <li>total return {@code = nav_end - 1}; CAGR {@code = nav_end^(ppy/n) - 1};</li>
 *   <li>annualised volatility {@code = stdev(r, ddof 1) sqrt(ppy)}; Sharpe {@code = mean(r) / stdev(r) sqrt(ppy)};
 *       Sortino {@code = mean(r) / sqrt(mean(min(r,0)^2)) sqrt(ppy)};</li>
 *   <li>max drawdown {@code = max over t of 1 - nav_t / max(1, max_{s<=t} nav_s)} (a positive fraction), with the
 *       peak and trough times; Calmar {@code = CAGR / max drawdown};</li>
 *   <li>drawdown durations: a bar is under water when {@code nav_t < max(1, max_{s<=t} nav_s)}; an episode is a
 *       maximal run of consecutive under-water bars and lasts {@code bars in the run x interval hours / 24} days
 *       (the close time of its last bar minus that of its first, plus one bar). On daily bars this is the
 *       {@code days} column of quantstats' {@code drawdown_details} ({@code (end - start).days + 1}); on intraday
 *       bars quantstats' formula truncates to whole days, we keep the exact fraction. The longest episode, and the
 *       episode that holds the max drawdown, are reported; an episode still open at the last bar counts up to it;</li>
 *   <li>skew and excess kurtosis of {@code r}: the bias-corrected sample estimators of pandas'
 *       {@code Series.skew()}/{@code Series.kurt()} that quantstats' {@code skew}/{@code kurtosis} call, with
 *       {@code m_k = sum (r - mean)^k}: {@code skew = n sqrt(n-1) / (n-2) x m_3 / m_2^1.5} (needs {@code n >= 3}),
 *       {@code kurt = n (n+1) (n-1) m_4 / ((n-2)(n-3) m_2^2) - 3 (n-1)^2 / ((n-2)(n-3))} (needs {@code n >= 4});
 *       NaN when the variance is zero (pandas returns 0 there);</li>
 *   <li>VaR 95% = quantstats' {@code value_at_risk} (variance-covariance): {@code mean(r) + stdev(r) z} with
 *       {@code z = Phi^-1(0.05) = -1.6448536...}; CVaR 95% ({@code cvar_95}) = quantstats'
 *       {@code conditional_value_at_risk} (quantstats 0.0.81, which has no {@code method} parameter): the mean of the
 *       returns strictly below that normal VaR, or the VaR itself when none is; the normal expected shortfall
 *       {@code mean(r) - stdev(r) phi(z) / 0.05} keeps its own name ({@code expected_shortfall_95_normal});
 *       historical VaR 95% = the 5% quantile of {@code r} with linear interpolation (pandas/numpy default:
 *       position {@code (n-1) 0.05} in the sorted returns) and historical CVaR 95% = the mean of the returns at or
 *       below it. All are per bar, decimal fractions, and negative for a loss ({@link ReturnStats});</li>
 *   <li>the same distribution statistics on daily returns ({@link DailyReturns}, 365 days a year) in
 *       {@link #daily()}, next to the per-bar ones in {@link #perBar()}; Omega, win/loss ratio, ulcer index
 *       ({@link Drawdowns#ulcerIndex}), best and worst bar, day and month, and the five worst drawdowns
 *       ({@link Drawdowns});</li>
 *   <li>tail ratio = quantstats' {@code tail_ratio}: {@code |q_0.95(r) / q_0.05(r)|} (linear-interpolation
 *       quantiles), NaN when {@code q_0.05 = 0};</li>
 *   <li>profit factor = quantstats' {@code profit_factor}: {@code sum of r >= 0 / |sum of r < 0|}, NaN when there is
 *       no losing bar (quantstats returns infinity, or 0 when there is no winning bar either);</li>
 *   <li>hit rate = share of bars with a non-zero net return that are positive;</li>
 *   <li>turnover per rebalance = mean turnover over bars that carry a rebalance; annual turnover
 *       {@code = sum turnover x ppy / n};</li>
 *   <li>fee drag = total fees (sum of fee costs, NAV fractions) and annualised ({@code x ppy / n});
 *       funding P&amp;L {@code = - sum funding_cost} (positive = received), also annualised;</li>
 *   <li>exposure: mean gross ({@code sum |w|}), mean net ({@code sum w}), mean long ({@code sum of w > 0}) and short
 *       ({@code sum of w < 0}, negative) exposure, mean long and short book sizes, and the share of bars with any
 *       position.</li>
 * </ul>
 * Undefined values (zero variance, no drawdown, no bars, too few bars for a moment) are NaN, never infinite.
 *
 * @param interval bar interval label
 * @param periodsPerYear bars per year
 * @param bars booked bars
 * @param start close time of the first booked bar minus one interval (when NAV is 1)
 * @param end close time of the last booked bar
 * @param totalReturn decimal
 * @param cagr decimal per year
 * @param annualVolatility decimal per year
 * @param sharpe annualised net Sharpe
 * @param grossSharpe annualised Sharpe of gross returns (before fees and funding)
 * @param grossCagr CAGR of gross returns compounded alone
 * @param sortino annualised Sortino
 * @param maxDrawdown decimal, positive
 * @param maxDrawdownPeak time of the NAV peak before the max drawdown (the start if the peak is the initial NAV);
 *     empty when NAV never falls below its running peak
 * @param maxDrawdownTrough time of the max drawdown's trough; empty when there is no drawdown
 * @param calmar CAGR / max drawdown
 * @param hitRate fraction of non-zero bars that are positive
 * @param rebalances bars that carry a rebalance
 * @param avgTurnoverPerRebalance NAV fractions per rebalance
 * @param annualTurnover NAV multiples per year
 * @param totalFees sum of fee costs, NAV fractions
 * @param annualFeeDrag fees per year, decimal
 * @param fundingPnl minus the sum of funding costs, NAV fractions (positive = received)
 * @param annualFundingPnl per year, decimal
 * @param avgGrossExposure mean {@code sum |w|}
 * @param avgNetExposure mean {@code sum w}
 * @param avgLongPositions mean long book size
 * @param avgShortPositions mean short book size
 * @param timeInMarket share of bars with any position
 * @param maxDrawdownDays duration of the under-water episode that holds the max drawdown, days; 0 without drawdown
 * @param longestDrawdownDays duration of the longest under-water episode, days; 0 without drawdown
 * @param maxDrawdownRecovery close time of the first bar at or above the max drawdown's peak again; empty when there
 *     is no drawdown or NAV has not recovered by the last bar
 * @param skew bias-corrected sample skewness of net bar returns (pandas {@code skew})
 * @param kurtosis bias-corrected sample excess kurtosis of net bar returns (pandas {@code kurt}; normal = 0)
 * @param valueAtRisk95 parametric (normal) 95% VaR of a bar, decimal (negative = loss)
 * @param conditionalValueAtRisk95 quantstats' CVaR 95% of a bar: mean of bar returns below the normal VaR, decimal
 * @param historicalValueAtRisk95 5% quantile of net bar returns, decimal
 * @param historicalConditionalValueAtRisk95 mean of net bar returns at or below their 5% quantile, decimal
 * @param tailRatio {@code |q_0.95 / q_0.05|} of net bar returns
 * @param profitFactor sum of gains over the absolute sum of losses, net bar returns
 * @param avgLongExposure mean sum of positive weights (NAV fraction)
 * @param avgShortExposure mean sum of negative weights (NAV fraction, {@code <= 0})
 * @param perBar distribution statistics of net bar returns
 * @param daily distribution statistics of net daily returns (UTC days, 365 per year)
 * @param ulcerIndex ulcer index of the NAV path, decimal
 * @param bestMonth best compounded calendar month, decimal (NaN without bars)
 * @param worstMonth worst compounded calendar month, decimal
 * @param worstDrawdowns up to five deepest drawdown episodes, deepest first
 */
public record Metrics(String interval, double periodsPerYear, int bars, Instant start, Instant end,
    double totalReturn, double cagr, double annualVolatility, double sharpe, double grossSharpe, double grossCagr,
    double sortino, double maxDrawdown, Optional<Instant> maxDrawdownPeak, Optional<Instant> maxDrawdownTrough, double calmar,
    double hitRate, int rebalances, double avgTurnoverPerRebalance, double annualTurnover, double totalFees,
    double annualFeeDrag, double fundingPnl, double annualFundingPnl, double avgGrossExposure,
    double avgNetExposure, double avgLongPositions, double avgShortPositions, double timeInMarket,
    double maxDrawdownDays, double longestDrawdownDays, Optional<Instant> maxDrawdownRecovery, double skew,
    double kurtosis, double valueAtRisk95, double conditionalValueAtRisk95, double historicalValueAtRisk95,
    double historicalConditionalValueAtRisk95, double tailRatio, double profitFactor, double avgLongExposure,
    double avgShortExposure, ReturnStats perBar, ReturnStats daily, double ulcerIndex, double bestMonth,
    double worstMonth, List<Drawdowns.Episode> worstDrawdowns) {

  /** Number of drawdown episodes kept in {@link #worstDrawdowns()}. */
  public static final int WORST_DRAWDOWNS = 5;

  /** Copies the list. */
  public Metrics {
    worstDrawdowns = List.copyOf(worstDrawdowns);
  }

  /** {@code Phi^-1(0.05)}, the 5% quantile of the standard normal distribution. */
  static final double Z_05 = -1.6448536269514722;
  /** {@code phi(Phi^-1(0.05)) / 0.05}: the standard normal expected shortfall at 95% is {@code -ES_FACTOR}. */
  static final double ES_FACTOR_05 = 2.0627128075074257;

  /**
   * Computes the metrics of a ledger.
   *
   * @param r the ledger (at least one bar)
   * @return the metrics
   * @throws IllegalArgumentException if the ledger is empty
   */
  public static Metrics of(BacktestResult r) {
    int n = r.size();
    if (n == 0) {
      throw new IllegalArgumentException("ledger has no bars");
    }
    double ppy = r.interval().periodsPerYear();
    double[] net = r.netReturns();
    double[] gross = r.grossReturns();
    double[] nav = r.nav();
    double navEnd = nav[n - 1];
    double cagr = Math.pow(navEnd, ppy / n) - 1;
    ReturnStats bar = ReturnStats.of("per " + r.interval().label() + " bar", net, ppy);
    DailyReturns dailyReturns = DailyReturns.of(r);
    MonthlyReturns monthly = MonthlyReturns.of(r);
    ReturnStats daily = ReturnStats.of("daily", dailyReturns.returns(), 365.0);
    double vol = bar.annualVolatility();
    double sharpe = bar.sharpe();
    double gm = mean(gross);
    double gsd = ReturnStats.stdev(gross, gm);
    double grossSharpe = gsd > 0 ? gm / gsd * Math.sqrt(ppy) : Double.NaN;
    double gnav = 1;
    for (double g : gross) {
      gnav *= 1 + g;
    }
    double grossCagr = Math.pow(gnav, ppy / n) - 1;
    double sortino = bar.sortino();

    // drawdown depth, its peak and trough, and the under-water episodes
    double peak = 1.0;
    int peakIdx = -1;
    double mdd = 0;
    int mddPeak = -1;
    int mddTrough = -1;
    int runStart = -1;
    int longestRun = 0;
    int mddRun = 0;
    int mddRecovery = -1;
    for (int i = 0; i < n; i++) {
      if (nav[i] > peak) {
        peak = nav[i];
        peakIdx = i;
      }
      boolean under = nav[i] < peak;
      if (under && runStart < 0) {
        runStart = i;
      }
      double dd = 1 - nav[i] / peak;
      if (dd > mdd) {
        mdd = dd;
        mddPeak = peakIdx;
        mddTrough = i;
        mddRecovery = -1;
      }
      if (!under && runStart >= 0) {
        int len = i - runStart;
        longestRun = Math.max(longestRun, len);
        if (mddTrough >= runStart && mddTrough < i) {
          mddRun = len;
          mddRecovery = i;
        }
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      int len = n - runStart;
      longestRun = Math.max(longestRun, len);
      if (mddTrough >= runStart) {
        mddRun = len;
      }
    }
    double daysPerBar = r.interval().hours() / 24.0;
    Instant first = r.time(0);
    Instant startTime = first.minus(r.interval().duration());
    Optional<Instant> peakTime = mddTrough < 0 ? Optional.empty()
        : Optional.of(mddPeak < 0 ? startTime : r.time(mddPeak));
    Optional<Instant> troughTime = mddTrough < 0 ? Optional.empty() : Optional.of(r.time(mddTrough));
    Optional<Instant> recoveryTime = mddRecovery < 0 ? Optional.empty() : Optional.of(r.time(mddRecovery));
    double calmar = mdd > 0 ? cagr / mdd : Double.NaN;
    boolean[] reb = r.rebalanced();
    double[] turn = r.turnover();
    int rebalances = 0;
    double turnSum = 0;
    for (int i = 0; i < n; i++) {
      turnSum += turn[i];
      if (reb[i]) {
        rebalances++;
      }
    }
    double fees = sum(r.feeCosts());
    double funding = -sum(r.fundingCosts());
    double[] lx = r.longExposure();
    double[] sx = r.shortExposure();
    int[] nl = r.nLong();
    int[] ns = r.nShort();
    double g = 0;
    double nx = 0;
    double lsum = 0;
    double ssum = 0;
    double al = 0;
    double as = 0;
    int inMarket = 0;
    for (int i = 0; i < n; i++) {
      g += lx[i] - sx[i];
      nx += lx[i] + sx[i];
      lsum += lx[i];
      ssum += sx[i];
      al += nl[i];
      as += ns[i];
      if (lx[i] != 0 || sx[i] != 0) {
        inMarket++;
      }
    }
    return new Metrics(r.interval().label(), ppy, n, startTime, r.time(n - 1), navEnd - 1, cagr, vol, sharpe,
        grossSharpe, grossCagr, sortino, mdd, peakTime, troughTime, calmar, bar.hitRate(), rebalances,
        rebalances > 0 ? turnSum / rebalances : Double.NaN, turnSum * ppy / n, fees, fees * ppy / n, funding,
        funding * ppy / n, g / n, nx / n, al / n, as / n, (double) inMarket / n,
        mddRun * daysPerBar, longestRun * daysPerBar, recoveryTime, bar.skew(), bar.kurtosis(), bar.valueAtRisk95(),
        bar.conditionalValueAtRisk95(), bar.historicalValueAtRisk95(), bar.historicalConditionalValueAtRisk95(),
        bar.tailRatio(), bar.profitFactor(), lsum / n, ssum / n, bar, daily, Drawdowns.ulcerIndex(nav),
        monthly.best(), monthly.worst(),
        Drawdowns.worst(Drawdowns.of(r), WORST_DRAWDOWNS));
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  private static double mean(double[] x) {
    return sum(x) / x.length;
  }

  /**
   * Bias-corrected sample skewness (pandas {@code Series.skew}): {@code n sqrt(n-1) / (n-2) x m_3 / m_2^1.5} with
   * {@code m_k = sum (x - mean)^k}.
   *
   * @param x values, not modified
   * @return the skewness; NaN for fewer than 3 values or zero variance
   */
  static double skew(double[] x) {
    int n = x.length;
    if (n < 3) {
      return Double.NaN;
    }
    double mean = mean(x);
    double m2 = 0;
    double m3 = 0;
    for (double v : x) {
      double d = v - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
    }
    if (!(m2 > 0)) {
      return Double.NaN;
    }
    return n * Math.sqrt(n - 1.0) / (n - 2.0) * m3 / Math.pow(m2, 1.5);
  }

  /**
   * Bias-corrected sample excess kurtosis (pandas {@code Series.kurt}, Fisher's G2):
   * {@code n (n+1) (n-1) m_4 / ((n-2)(n-3) m_2^2) - 3 (n-1)^2 / ((n-2)(n-3))} with {@code m_k = sum (x - mean)^k}.
   *
   * @param x values, not modified
   * @return the excess kurtosis (normal = 0); NaN for fewer than 4 values or zero variance
   */
  static double excessKurtosis(double[] x) {
    int n = x.length;
    if (n < 4) {
      return Double.NaN;
    }
    double mean = mean(x);
    double m2 = 0;
    double m4 = 0;
    for (double v : x) {
      double d = v - mean;
      double d2 = d * d;
      m2 += d2;
      m4 += d2 * d2;
    }
    if (!(m2 > 0)) {
      return Double.NaN;
    }
    double nn = n;
    return nn * (nn + 1) * (nn - 1) * m4 / ((nn - 2) * (nn - 3) * m2 * m2)
        - 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3));
  }

  /**
   * Quantile with linear interpolation (numpy/pandas default): position {@code h = (n-1) p},
   * {@code x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])}.
   *
   * @param sorted values in ascending order, not modified
   * @param p probability in [0, 1]
   * @return the quantile; NaN for no values
   */
  static double sortedQuantile(double[] sorted, double p) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  /** @return the metrics as an ordered map (snake_case keys; instants as ISO-8601 strings; NaN as null) */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("interval", interval);
    m.put("periods_per_year", periodsPerYear);
    m.put("bars", bars);
    m.put("start", start.toString());
    m.put("end", end.toString());
    m.put("total_return", num(totalReturn));
    m.put("cagr", num(cagr));
    m.put("annual_volatility", num(annualVolatility));
    m.put("sharpe", num(sharpe));
    m.put("gross_sharpe", num(grossSharpe));
    m.put("gross_cagr", num(grossCagr));
    m.put("sortino", num(sortino));
    m.put("max_drawdown", num(maxDrawdown));
    m.put("max_drawdown_peak", maxDrawdownPeak.map(Instant::toString).orElse(null));
    m.put("max_drawdown_trough", maxDrawdownTrough.map(Instant::toString).orElse(null));
    m.put("calmar", num(calmar));
    m.put("hit_rate", num(hitRate));
    m.put("rebalances", rebalances);
    m.put("avg_turnover_per_rebalance", num(avgTurnoverPerRebalance));
    m.put("annual_turnover", num(annualTurnover));
    m.put("total_fees", num(totalFees));
    m.put("annual_fee_drag", num(annualFeeDrag));
    m.put("funding_pnl", num(fundingPnl));
    m.put("annual_funding_pnl", num(annualFundingPnl));
    m.put("avg_gross_exposure", num(avgGrossExposure));
    m.put("avg_net_exposure", num(avgNetExposure));
    m.put("avg_long_positions", num(avgLongPositions));
    m.put("avg_short_positions", num(avgShortPositions));
    m.put("time_in_market", num(timeInMarket));
    m.put("max_drawdown_days", num(maxDrawdownDays));
    m.put("longest_drawdown_days", num(longestDrawdownDays));
    m.put("max_drawdown_recovery", maxDrawdownRecovery.map(Instant::toString).orElse(null));
    m.put("skew", num(skew));
    m.put("kurtosis", num(kurtosis));
    m.put("var_95", num(valueAtRisk95));
    m.put("cvar_95", num(conditionalValueAtRisk95));
    m.put("var_95_historical", num(historicalValueAtRisk95));
    m.put("cvar_95_historical", num(historicalConditionalValueAtRisk95));
    m.put("tail_ratio", num(tailRatio));
    m.put("profit_factor", num(profitFactor));
    m.put("avg_long_exposure", num(avgLongExposure));
    m.put("avg_short_exposure", num(avgShortExposure));
    m.put("expected_shortfall_95_normal", num(perBar.expectedShortfall95Normal()));
    m.put("omega", num(perBar.omega()));
    m.put("win_loss_ratio", num(perBar.winLossRatio()));
    m.put("ulcer_index", num(ulcerIndex));
    m.put("best_bar", num(perBar.best()));
    m.put("worst_bar", num(perBar.worst()));
    m.put("best_day", num(daily.best()));
    m.put("worst_day", num(daily.worst()));
    m.put("best_month", num(bestMonth));
    m.put("worst_month", num(worstMonth));
    m.put("ratios_per_bar", perBar.toMap());
    m.put("ratios_daily", daily.toMap());
    m.put("worst_drawdowns", worstDrawdowns.stream().map(Drawdowns.Episode::toMap).toList());
    return m;
  }

  static Double num(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
