package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strategy against its benchmark (quantstats 0.0.81 {@code stats.greeks}, {@code information_ratio}, {@code r2};
 * pairs where either return is NaN are dropped, as quantstats' {@code _paired_observations}). With strategy returns
 * {@code r}, benchmark returns {@code b} and active returns {@code a = r - b} on one basis with {@code ppy} periods
 * per year:
 * <ul>
 *   <li>{@code beta = cov(r, b) / var(b)} (the OLS slope of {@code r} on {@code b});
 *       {@code alpha = (mean(r) - beta mean(b)) x ppy} (annualised intercept, decimal per year);</li>
 *   <li>correlation = Pearson's {@code rho(r, b)}; {@code R^2 = rho^2};</li>
 *   <li>tracking error {@code = stdev(a, ddof 1) sqrt(ppy)} (decimal per year);</li>
 *   <li>information ratio {@code = mean(a) / stdev(a)} per period, exactly quantstats' (not annualised), and the
 *       annualised {@code x sqrt(ppy)} next to it.</li>
 * </ul>
 * Computed on bar returns and on daily returns (both compounded to UTC days, {@link DailyReturns}).
 *
 * @param benchmark name of the benchmark
 * @param perBar greeks on bar returns
 * @param daily greeks on daily returns
 * @param benchmarkTotalReturn compounded benchmark return over the run (NaN bars flat), decimal
 * @param benchmarkCagr benchmark CAGR over the run's bars, decimal per year
 * @param benchmarkSharpe annualised Sharpe of the benchmark's known bar returns
 * @param benchmarkMaxDrawdown max drawdown of the benchmark NAV, positive fraction
 */
public record BenchmarkStats(String benchmark, Greeks perBar, Greeks daily, double benchmarkTotalReturn,
    double benchmarkCagr, double benchmarkSharpe, double benchmarkMaxDrawdown) {

  /** Window of the rolling beta chart, days. */
  public static final int ROLLING_BETA_DAYS = 90;

  /**
   * Regression statistics on one basis.
   *
   * @param basis label of the basis
   * @param pairs number of paired observations used
   * @param alpha annualised alpha, decimal per year
   * @param beta beta
   * @param correlation Pearson correlation
   * @param rSquared squared correlation
   * @param trackingError annualised tracking error, decimal per year
   * @param informationRatio mean / stdev of active returns, per period (quantstats)
   * @param informationRatioAnnualised the same x sqrt(periods per year)
   */
  public record Greeks(String basis, int pairs, double alpha, double beta, double correlation, double rSquared,
      double trackingError, double informationRatio, double informationRatioAnnualised) {
    /** @return the greeks as an ordered map (NaN as null) */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("basis", basis);
      m.put("pairs", pairs);
      m.put("alpha", Metrics.num(alpha));
      m.put("beta", Metrics.num(beta));
      m.put("correlation", Metrics.num(correlation));
      m.put("r_squared", Metrics.num(rSquared));
      m.put("tracking_error", Metrics.num(trackingError));
      m.put("information_ratio", Metrics.num(informationRatio));
      m.put("information_ratio_annualised", Metrics.num(informationRatioAnnualised));
      return m;
    }
  }

  /**
   * Computes the statistics of a ledger against a benchmark on the same bars.
   *
   * @param r the ledger
   * @param b the benchmark, aligned to {@code r}'s bars
   * @return the statistics
   * @throws IllegalArgumentException if {@code b} is not on {@code r}'s bars
   */
  public static BenchmarkStats of(BacktestResult r, Benchmark b) {
    long[] t = r.closeTimesMs();
    if (!java.util.Arrays.equals(t, b.closeTimesMs())) {
      throw new IllegalArgumentException("Argument 'b' must be aligned to the ledger's " + t.length + " bars");
    }
    double ppy = r.interval().periodsPerYear();
    double[] net = r.netReturns();
    double[] br = b.returns();
    Greeks bar = greeks("per " + r.interval().label() + " bar", net, br, ppy);
    DailyReturns ds = DailyReturns.of(t, r.interval(), net);
    DailyReturns db = DailyReturns.of(t, r.interval(), br);
    Greeks day = greeks("daily", ds.returns(), db.returns(), 365.0);
    double[] nav = b.nav();
    double peak = 1;
    double mdd = 0;
    for (double v : nav) {
      peak = Math.max(peak, v);
      mdd = Math.max(mdd, 1 - v / peak);
    }
    int known = 0;
    double s = 0;
    for (double x : br) {
      if (!Double.isNaN(x)) {
        known++;
        s += x;
      }
    }
    double[] kb = new double[known];
    int k = 0;
    for (double x : br) {
      if (!Double.isNaN(x)) {
        kb[k++] = x;
      }
    }
    double sd = ReturnStats.stdev(kb, known > 0 ? s / known : Double.NaN);
    double navEnd = nav[nav.length - 1];
    return new BenchmarkStats(b.name(), bar, day, navEnd - 1, Math.pow(navEnd, ppy / nav.length) - 1,
        sd > 0 ? s / known / sd * Math.sqrt(ppy) : Double.NaN, mdd);
  }

  /**
   * Greeks of paired series.
   *
   * @param basis label
   * @param r strategy returns; not modified
   * @param b benchmark returns, same length, NaN = unknown; not modified
   * @param ppy periods per year
   * @return the greeks (NaN where undefined: fewer than 2 pairs, zero variance)
   */
  static Greeks greeks(String basis, double[] r, double[] b, double ppy) {
    Checks.sameLength(b.length, r.length, "b");
    int n = 0;
    double sr = 0;
    double sb = 0;
    for (int i = 0; i < r.length; i++) {
      if (!Double.isNaN(r[i]) && !Double.isNaN(b[i])) {
        n++;
        sr += r[i];
        sb += b[i];
      }
    }
    if (n < 2) {
      return new Greeks(basis, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    double mr = sr / n;
    double mb = sb / n;
    double crr = 0;
    double cbb = 0;
    double crb = 0;
    double sa = 0;
    for (int i = 0; i < r.length; i++) {
      if (!Double.isNaN(r[i]) && !Double.isNaN(b[i])) {
        double dr = r[i] - mr;
        double db = b[i] - mb;
        crr += dr * dr;
        cbb += db * db;
        crb += dr * db;
        sa += r[i] - b[i];
      }
    }
    double ma = sa / n;
    double caa = 0;
    for (int i = 0; i < r.length; i++) {
      if (!Double.isNaN(r[i]) && !Double.isNaN(b[i])) {
        double d = r[i] - b[i] - ma;
        caa += d * d;
      }
    }
    double beta = cbb > 0 ? crb / cbb : Double.NaN;
    double alpha = (mr - beta * mb) * ppy;
    double corr = crr > 0 && cbb > 0 ? crb / Math.sqrt(crr * cbb) : Double.NaN;
    double sdA = Math.sqrt(caa / (n - 1));
    double ir = sdA > 0 ? ma / sdA : Double.NaN;
    return new Greeks(basis, n, alpha, beta, corr, corr * corr, sdA * Math.sqrt(ppy), ir, ir * Math.sqrt(ppy));
  }

  /**
   * Rolling beta over a trailing window of bars: {@code cov(r, b) / var(b)} of the last {@code window} bars.
   *
   * @param r strategy returns; not modified
   * @param b benchmark returns, same length; not modified
   * @param window bars
   * @return beta per bar; NaN for the first {@code window - 1} bars and for windows holding a NaN or a benchmark
   *     without variance
   * @throws IllegalArgumentException if {@code window < 2} or the lengths differ
   */
  public static double[] rollingBeta(double[] r, double[] b, int window) {
    Checks.sameLength(b.length, r.length, "b");
    if (window < 2) {
      throw new IllegalArgumentException("Argument 'window' must be >= 2, was " + window);
    }
    double[] out = new double[r.length];
    java.util.Arrays.fill(out, Double.NaN);
    for (int i = window - 1; i < r.length; i++) {
      double sr = 0;
      double sb = 0;
      boolean ok = true;
      for (int j = i - window + 1; j <= i && ok; j++) {
        ok = !Double.isNaN(r[j]) && !Double.isNaN(b[j]);
        sr += r[j];
        sb += b[j];
      }
      if (!ok) {
        continue;
      }
      double mr = sr / window;
      double mb = sb / window;
      double crb = 0;
      double cbb = 0;
      for (int j = i - window + 1; j <= i; j++) {
        crb += (r[j] - mr) * (b[j] - mb);
        cbb += (b[j] - mb) * (b[j] - mb);
      }
      out[i] = cbb > 0 ? crb / cbb : Double.NaN;
    }
    return out;
  }

  /** @return the statistics as an ordered map for {@code metrics.json} (NaN as null) */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", benchmark);
    m.put("total_return", Metrics.num(benchmarkTotalReturn));
    m.put("cagr", Metrics.num(benchmarkCagr));
    m.put("sharpe", Metrics.num(benchmarkSharpe));
    m.put("max_drawdown", Metrics.num(benchmarkMaxDrawdown));
    m.put("per_bar", perBar.toMap());
    m.put("daily", daily.toMap());
    return m;
  }
}
