package io.slipstream.analytics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distribution statistics of one return series on one basis (per bar, or per UTC day), with quantstats' definitions
 * (quantstats 0.0.81, {@code quantstats/stats.py}, github.com/ranaroussi/quantstats). With {@code n} returns
 * {@code r} (simple, decimal fractions) and {@code ppy} periods per year of that basis:
 * <ul>
 *   <li>volatility {@code = stdev(r, ddof 1) sqrt(ppy)}; Sharpe {@code = mean / stdev x sqrt(ppy)};
 *       Sortino {@code = mean / sqrt(sum(min(r,0)^2) / n) x sqrt(ppy)} ({@code stats.sortino});</li>
 *   <li>skew, excess kurtosis: pandas' bias-corrected estimators ({@link Metrics#skew}, {@link Metrics#excessKurtosis});</li>
 *   <li>{@code var_95} = {@code stats.value_at_risk}: the normal quantile {@code mean + stdev Phi^-1(0.05)};</li>
 *   <li>{@code cvar_95} = {@code stats.conditional_value_at_risk}: the mean of the returns strictly below
 *       {@code var_95} (the parametric VaR), or {@code var_95} itself when no return lies below it;</li>
 *   <li>{@code expected_shortfall_95_normal}: the normal expected shortfall {@code mean - stdev phi(z)/0.05}
 *       (what earlier versions of this project called {@code cvar_95});</li>
 *   <li>historical VaR: the 5% quantile with linear interpolation; historical CVaR: mean of returns at or below it;</li>
 *   <li>Omega ({@code stats.omega}, threshold 0): {@code sum of r > 0 / |sum of r < 0|};</li>
 *   <li>win/loss ratio ({@code stats.win_loss_ratio} = {@code payoff_ratio}): mean of {@code r > 0} over
 *       {@code |mean of r < 0|};</li>
 *   <li>profit factor ({@code stats.profit_factor}): {@code sum of r >= 0 / |sum of r < 0|};
 *       tail ratio ({@code stats.tail_ratio}): {@code |q_0.95 / q_0.05|};</li>
 *   <li>hit rate: share of non-zero returns that are positive ({@code stats.win_rate});
 *       best and worst: the largest and smallest return ({@code stats.best}/{@code worst}).</li>
 * </ul>
 * Undefined values (zero variance, no loss, too few returns) are NaN, never infinite.
 *
 * @param basis label of the basis ({@code "per 4h bar"}, {@code "daily"})
 * @param periodsPerYear periods of this basis per 365-day year
 * @param count number of returns
 * @param annualVolatility decimal per year
 * @param sharpe annualised Sharpe
 * @param sortino annualised Sortino
 * @param skew bias-corrected sample skewness
 * @param kurtosis bias-corrected sample excess kurtosis
 * @param valueAtRisk95 normal 95% VaR of one period, decimal (negative = loss)
 * @param conditionalValueAtRisk95 quantstats' CVaR: mean of returns below the normal VaR, decimal
 * @param expectedShortfall95Normal normal expected shortfall at 95%, decimal
 * @param historicalValueAtRisk95 5% quantile, decimal
 * @param historicalConditionalValueAtRisk95 mean of returns at or below the 5% quantile, decimal
 * @param omega Omega ratio at threshold 0
 * @param winLossRatio average win over absolute average loss
 * @param profitFactor sum of gains over absolute sum of losses
 * @param tailRatio {@code |q_0.95 / q_0.05|}
 * @param hitRate fraction of non-zero returns that are positive
 * @param best largest return, decimal
 * @param worst smallest return, decimal
 */
public record ReturnStats(String basis, double periodsPerYear, int count, double annualVolatility, double sharpe,
    double sortino, double skew, double kurtosis, double valueAtRisk95, double conditionalValueAtRisk95,
    double expectedShortfall95Normal, double historicalValueAtRisk95, double historicalConditionalValueAtRisk95,
    double omega, double winLossRatio, double profitFactor, double tailRatio, double hitRate, double best,
    double worst) {

  /**
   * Computes the statistics.
   *
   * @param basis label of the basis
   * @param r returns, decimal fractions, no NaN; not modified
   * @param periodsPerYear periods of this basis per year
   * @return the statistics (NaN where undefined)
   * @throws IllegalArgumentException if {@code r} holds a NaN
   */
  public static ReturnStats of(String basis, double[] r, double periodsPerYear) {
    int n = r.length;
    double sum = 0;
    double dd2 = 0;
    double gains = 0;
    double losses = 0;
    double gainsPos = 0;
    int nPos = 0;
    int nNeg = 0;
    double best = Double.NaN;
    double worst = Double.NaN;
    for (int i = 0; i < n; i++) {
      double x = r[i];
      if (Double.isNaN(x)) {
        throw new IllegalArgumentException("Argument 'r' must not hold NaN, was NaN at index " + i);
      }
      sum += x;
      if (x < 0) {
        dd2 += x * x;
        losses -= x;
        nNeg++;
      } else {
        gains += x;
        if (x > 0) {
          gainsPos += x;
          nPos++;
        }
      }
      best = i == 0 ? x : Math.max(best, x);
      worst = i == 0 ? x : Math.min(worst, x);
    }
    double mean = n > 0 ? sum / n : Double.NaN;
    double sd = stdev(r, mean);
    double rootPpy = Math.sqrt(periodsPerYear);
    double sharpe = sd > 0 ? mean / sd * rootPpy : Double.NaN;
    double downside = n > 0 ? Math.sqrt(dd2 / n) : Double.NaN;
    double sortino = downside > 0 ? mean / downside * rootPpy : Double.NaN;
    double var95 = mean + sd * Metrics.Z_05;
    double es95 = mean - sd * Metrics.ES_FACTOR_05;
    double below = 0;
    int nBelow = 0;
    for (double x : r) {
      if (x < var95) {
        below += x;
        nBelow++;
      }
    }
    double cvar95 = nBelow > 0 ? below / nBelow : var95;
    double[] sorted = r.clone();
    Arrays.sort(sorted);
    double q05 = Metrics.sortedQuantile(sorted, 0.05);
    double q95 = Metrics.sortedQuantile(sorted, 0.95);
    double tailSum = 0;
    int tailN = 0;
    for (double x : sorted) {
      if (x > q05) {
        break;
      }
      tailSum += x;
      tailN++;
    }
    double hcvar = tailN > 0 ? tailSum / tailN : Double.NaN;
    double avgWin = nPos > 0 ? gainsPos / nPos : Double.NaN;
    double avgLoss = nNeg > 0 ? losses / nNeg : Double.NaN;
    return new ReturnStats(basis, periodsPerYear, n, sd * rootPpy, sharpe, sortino, Metrics.skew(r),
        Metrics.excessKurtosis(r), var95, cvar95, es95, q05, hcvar, losses > 0 ? gainsPos / losses : Double.NaN,
        avgLoss > 0 ? avgWin / avgLoss : Double.NaN, losses > 0 ? gains / losses : Double.NaN,
        q05 != 0 ? Math.abs(q95 / q05) : Double.NaN, nPos + nNeg > 0 ? (double) nPos / (nPos + nNeg) : Double.NaN,
        best, worst);
  }

  static double stdev(double[] x, double mean) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /** @return the statistics as an ordered map (snake_case keys, NaN as null) for {@code metrics.json} */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basis", basis);
    m.put("periods_per_year", periodsPerYear);
    m.put("count", count);
    m.put("annual_volatility", Metrics.num(annualVolatility));
    m.put("sharpe", Metrics.num(sharpe));
    m.put("sortino", Metrics.num(sortino));
    m.put("skew", Metrics.num(skew));
    m.put("kurtosis", Metrics.num(kurtosis));
    m.put("var_95", Metrics.num(valueAtRisk95));
    m.put("cvar_95", Metrics.num(conditionalValueAtRisk95));
    m.put("expected_shortfall_95_normal", Metrics.num(expectedShortfall95Normal));
    m.put("var_95_historical", Metrics.num(historicalValueAtRisk95));
    m.put("cvar_95_historical", Metrics.num(historicalConditionalValueAtRisk95));
    m.put("omega", Metrics.num(omega));
    m.put("win_loss_ratio", Metrics.num(winLossRatio));
    m.put("profit_factor", Metrics.num(profitFactor));
    m.put("tail_ratio", Metrics.num(tailRatio));
    m.put("hit_rate", Metrics.num(hitRate));
    m.put("best", Metrics.num(best));
    m.put("worst", Metrics.num(worst));
    return m;
  }
}
