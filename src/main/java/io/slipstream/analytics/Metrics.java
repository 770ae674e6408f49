package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Performance metrics of a ledger (DESIGN.md convention 10). With {@code ppy = 365 x 24 / interval hours}
 * bars per year and {@code n} booked bars of net returns {@code r}:
 * <ul>
 *   <li>total return {@code = nav_end - 1}; CAGR {@code = nav_end^(ppy/n) - 1};</li>
 *   <li>annualised volatility {@code = stdev(r, ddof 1) sqrt(ppy)}; Sharpe {@code = mean(r) / stdev(r) sqrt(ppy)};
 *       Sortino {@code = mean(r) / sqrt(mean(min(r,0)^2)) sqrt(ppy)};</li>
 *   <li>max drawdown {@code = max over t of 1 - nav_t / max(1, max_{s<=t} nav_s)} (a positive fraction), with the
 *       peak and trough times; Calmar {@code = CAGR / max drawdown};</li>
 *   <li>hit rate = share of bars with a non-zero net return that are positive;</li>
 *   <li>turnover per rebalance = mean turnover over bars that carry a rebalance; annual turnover
 *       {@code = sum turnover x ppy / n};</li>
 *   <li>fee drag = total fees (sum of fee costs, NAV fractions) and annualised ({@code x ppy / n});
 *       funding P&amp;L {@code = - sum funding_cost} (positive = received), also annualised;</li>
 *   <li>exposure: mean gross ({@code sum |w|}), mean net ({@code sum w}), mean long and short book sizes, and the
 *       share of bars with any position.</li>
 * </ul>
 * Undefined values (zero variance, no drawdown, no bars) are NaN, never infinite.
 *
 * @param interval bar interval label
 * @param periodsPerYear bars per year
 * @param bars booked bars
 * @param start close time of the first booked bar
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
 */
public record Metrics(String interval, double periodsPerYear, int bars, Instant start, Instant end,
    double totalReturn, double cagr, double annualVolatility, double sharpe, double grossSharpe, double grossCagr,
    double sortino, double maxDrawdown, Optional<Instant> maxDrawdownPeak, Optional<Instant> maxDrawdownTrough, double calmar,
    double hitRate, int rebalances, double avgTurnoverPerRebalance, double annualTurnover, double totalFees,
    double annualFeeDrag, double fundingPnl, double annualFundingPnl, double avgGrossExposure,
    double avgNetExposure, double avgLongPositions, double avgShortPositions, double timeInMarket) {

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
    double mean = mean(net);
    double sd = stdev(net, mean);
    double vol = sd * Math.sqrt(ppy);
    double sharpe = sd > 0 ? mean / sd * Math.sqrt(ppy) : Double.NaN;
    double gm = mean(gross);
    double gsd = stdev(gross, gm);
    double grossSharpe = gsd > 0 ? gm / gsd * Math.sqrt(ppy) : Double.NaN;
    double gnav = 1;
    for (double g : gross) {
      gnav *= 1 + g;
    }
    double grossCagr = Math.pow(gnav, ppy / n) - 1;
    double dd2 = 0;
    for (double x : net) {
      double m = Math.min(x, 0);
      dd2 += m * m;
    }
    double downside = Math.sqrt(dd2 / n);
    double sortino = downside > 0 ? mean / downside * Math.sqrt(ppy) : Double.NaN;
    double peak = 1.0;
    int peakIdx = -1;
    double mdd = 0;
    int mddPeak = -1;
    int mddTrough = -1;
    for (int i = 0; i < n; i++) {
      if (nav[i] > peak) {
        peak = nav[i];
        peakIdx = i;
      }
      double dd = 1 - nav[i] / peak;
      if (dd > mdd) {
        mdd = dd;
        mddPeak = peakIdx;
        mddTrough = i;
      }
    }
    Instant first = r.time(0);
    Instant startTime = first.minus(r.interval().duration());
    Optional<Instant> peakTime = mddTrough < 0 ? Optional.empty()
        : Optional.of(mddPeak < 0 ? startTime : r.time(mddPeak));
    Optional<Instant> troughTime = mddTrough < 0 ? Optional.empty() : Optional.of(r.time(mddTrough));
    double calmar = mdd > 0 ? cagr / mdd : Double.NaN;
    int pos = 0;
    int nonZero = 0;
    for (double x : net) {
      if (x != 0) {
        nonZero++;
        if (x > 0) {
          pos++;
        }
      }
    }
    double hit = nonZero > 0 ? (double) pos / nonZero : Double.NaN;
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
    double al = 0;
    double as = 0;
    int inMarket = 0;
    for (int i = 0; i < n; i++) {
      g += lx[i] - sx[i];
      nx += lx[i] + sx[i];
      al += nl[i];
      as += ns[i];
      if (lx[i] != 0 || sx[i] != 0) {
        inMarket++;
      }
    }
    return new Metrics(r.interval().label(), ppy, n, startTime, r.time(n - 1), navEnd - 1, cagr, vol, sharpe,
        grossSharpe, grossCagr, sortino, mdd, peakTime, troughTime, calmar, hit, rebalances,
        rebalances > 0 ? turnSum / rebalances : Double.NaN, turnSum * ppy / n, fees, fees * ppy / n, funding,
        funding * ppy / n, g / n, nx / n, al / n, as / n, (double) inMarket / n);
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

  private static double stdev(double[] x, double mean) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return Math.sqrt(s / (x.length - 1));
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
    return m;
  }

  private static Double num(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
