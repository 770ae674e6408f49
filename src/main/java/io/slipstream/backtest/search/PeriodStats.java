package io.slipstream.backtest.search;

import io.slipstream.backtest.BacktestResult;

/**
 * Performance of a slice {@code [from, to)} of booked bars of a ledger, with the formulas of DESIGN.md convention
 * 10 applied to the slice alone: with {@code n = to - from} bars, net returns {@code r}, {@code ppy} bars per year,
 * <ul>
 *   <li>{@code total_return = prod(1 + r) - 1}; {@code cagr = (1 + total_return)^(ppy/n) - 1};</li>
 *   <li>{@code annual_volatility = stdev(r, ddof 1) sqrt(ppy)}; {@code sharpe = mean(r)/stdev(r) sqrt(ppy)};
 *       {@code sortino = mean(r)/sqrt(mean(min(r,0)^2)) sqrt(ppy)};</li>
 *   <li>{@code max_drawdown}: the largest fall of the slice's NAV (starting at 1) below its running peak, a
 *       positive fraction; {@code calmar = cagr / max_drawdown};</li>
 *   <li>{@code avg_turnover_per_rebalance}: mean turnover of the slice's rebalance bars (NAV fractions);
 *       {@code annual_fee_drag = sum fee_cost x ppy / n}; {@code annual_funding_pnl = -sum funding_cost x ppy / n}.</li>
 * </ul>
 * On the whole ledger these equal {@code analytics.Metrics} (tested). Undefined values (one bar, zero variance, no
 * drawdown, no rebalance) are NaN.
 *
 * @param bars booked bars in the slice
 * @param totalReturn fraction
 * @param cagr fraction per year
 * @param annualVolatility fraction per year
 * @param sharpe annualised
 * @param sortino annualised
 * @param maxDrawdown positive fraction
 * @param calmar CAGR / max drawdown
 * @param avgTurnoverPerRebalance NAV fractions per rebalance
 * @param annualFeeDrag fees per year, fraction of NAV
 * @param annualFundingPnl funding received per year, fraction of NAV (negative = paid)
 */
public record PeriodStats(int bars, double totalReturn, double cagr, double annualVolatility, double sharpe,
    double sortino, double maxDrawdown, double calmar, double avgTurnoverPerRebalance, double annualFeeDrag,
    double annualFundingPnl) implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Column names, in the order of {@link #values()}. */
  public static final String[] NAMES = {"bars", "total_return", "cagr", "annual_volatility", "sharpe", "sortino",
      "max_drawdown", "calmar", "avg_turnover_per_rebalance", "annual_fee_drag", "annual_funding_pnl"};

  /** Stats of an empty slice: zero bars, every value NaN. */
  public static final PeriodStats EMPTY = new PeriodStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
      Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /**
   * @param r a ledger
   * @param from first booked bar of the slice (index into the ledger)
   * @param to one past the last bar; {@code from == to} gives {@link #EMPTY}
   * @return the slice's stats
   * @throws IllegalArgumentException unless {@code 0 <= from <= to <= r.size()}
   */
  public static PeriodStats of(BacktestResult r, int from, int to) {
    if (from < 0 || from > to || to > r.size()) {
      throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside the ledger's " + r.size()
          + " bars");
    }
    int n = to - from;
    if (n == 0) {
      return EMPTY;
    }
    double ppy = r.interval().periodsPerYear();
    double[] net = r.netReturns();
    double[] turn = r.turnover();
    boolean[] reb = r.rebalanced();
    double[] fee = r.feeCosts();
    double[] fund = r.fundingCosts();
    double sum = 0;
    double down2 = 0;
    double nav = 1;
    double peak = 1;
    double mdd = 0;
    double turnSum = 0;
    int rebalances = 0;
    double fees = 0;
    double funding = 0;
    for (int i = from; i < to; i++) {
      double x = net[i];
      sum += x;
      double m = Math.min(x, 0);
      down2 += m * m;
      nav *= 1 + x;
      if (nav > peak) {
        peak = nav;
      }
      double dd = 1 - nav / peak;
      if (dd > mdd) {
        mdd = dd;
      }
      if (reb[i]) {
        rebalances++;
        turnSum += turn[i];
      }
      fees += fee[i];
      funding -= fund[i];
    }
    double mean = sum / n;
    double ss = 0;
    for (int i = from; i < to; i++) {
      double d = net[i] - mean;
      ss += d * d;
    }
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
    double sq = Math.sqrt(ppy);
    double cagr = Math.pow(nav, ppy / n) - 1;
    double downside = Math.sqrt(down2 / n);
    return new PeriodStats(n, nav - 1, cagr, sd * sq, sd > 0 ? mean / sd * sq : Double.NaN,
        downside > 0 ? mean / downside * sq : Double.NaN, mdd, mdd > 0 ? cagr / mdd : Double.NaN,
        rebalances > 0 ? turnSum / rebalances : Double.NaN, fees * ppy / n, funding * ppy / n);
  }

  /** @return the values in the order of {@link #NAMES} ({@code bars} as a double) */
  public double[] values() {
    return new double[] {bars, totalReturn, cagr, annualVolatility, sharpe, sortino, maxDrawdown, calmar,
        avgTurnoverPerRebalance, annualFeeDrag, annualFundingPnl};
  }

  /**
   * @param v values in the order of {@link #NAMES}
   * @return the stats
   */
  public static PeriodStats fromValues(double[] v) {
    if (v.length != NAMES.length) {
      throw new IllegalArgumentException("expected " + NAMES.length + " values, got " + v.length);
    }
    return new PeriodStats((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
  }
}
