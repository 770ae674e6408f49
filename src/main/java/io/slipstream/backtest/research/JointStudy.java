package io.slipstream.backtest.research;

import io.slipstream.backtest.research.JointStudyResult.DecileRow;
import io.slipstream.backtest.research.JointStudyResult.Estimate;
import io.slipstream.backtest.research.JointStudyResult.HorizonResult;
import io.slipstream.core.Checks;
import io.slipstream.data.MarketData;
import io.slipstream.factor.FactorHistory;
import io.slipstream.factor.FactorPipeline;
import io.slipstream.factor.PcaConfig;
import io.slipstream.portfolio.JointAlphaConfig;
import io.slipstream.portfolio.JointAlphaModel;
import io.slipstream.portfolio.JointAlphaModel.Snapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Which holding period H* makes alpha plus funding most predictable? For each H: timescale-matched PCA factors
 * ({@link FactorPipeline}), the {@link JointAlphaModel} forecasts of the next H-period residual return and funding
 * made at every grid row with an expanding-window ridge fit on matured samples only, and an honest out-of-sample
 * evaluation of those forecasts:
 * <ul>
 *   <li>out-of-sample R^2 {@code = 1 - sum (y - y_hat)^2 / sum (y - y_bench)^2} over all (period, coin) samples, with
 *       {@code y_bench} the expanding training mean known at the forecast (Campbell and Thompson 2008) and, for
 *       residual returns, also against a zero forecast; for the total alpha {@code y = e - F},
 *       {@code y_hat = alpha_price - F_hat};</li>
 *   <li>confidence intervals from {@code bootstrapResamples} resamples of whole periods with replacement (all
 *       coins of a period move together, which keeps their cross-sectional correlation), seeded, percentile 2.5% and
 *       97.5%;</li>
 *   <li>a decile table: in each period with at least 10 forecasts, coins are ranked by predicted total alpha and
 *       split into deciles ({@code floor(10 rank / m)}); per decile the per-period means are averaged over periods,
 *       with the t-statistic {@code mean / (sd / sqrt(periods))}; and the top-minus-bottom spread.</li>
 * </ul>
 * H* is the H with the highest point R^2 of the total alpha. Whatever the data says is the result.
 */
public final class JointStudy {
  private JointStudy() {
  }

  /**
   * Runs the study.
   *
   * @param data masked market data with funding, of the bar interval every H is a multiple of
   * @param config the study parameters
   * @param phase receives one line per phase (progress), may ignore it
   * @return the per-H results and H*
   * @throws IllegalArgumentException when an H is not a multiple of the bar interval (from the factor pipeline)
   */
  public static JointStudyResult run(MarketData data, JointStudyConfig config, Consumer<String> phase) {
    Checks.notNull(data, "data");
    Checks.notNull(config, "config");
    List<HorizonResult> out = new ArrayList<>();
    int best = -1;
    double bestR2 = Double.NEGATIVE_INFINITY;
    double bestT = Double.NEGATIVE_INFINITY;
    for (int h : config.horizonsHours()) {
      phase.accept("H = " + h + "h: factors");
      PcaConfig pca = new PcaConfig(h, config.lookbackPeriods(), config.weighting(), 60, config.nFactors(), 1e-10);
      FactorHistory factors = FactorPipeline.run(data, pca);
      phase.accept("H = " + h + "h: forecasts and bootstrap");
      JointAlphaConfig f = config.forecast();
      JointAlphaConfig fc = new JointAlphaConfig(h, f.momentumSpans(), f.fundingSpans(), f.volSpanPeriods(),
          f.ridgePenalty(), f.minTrainPeriods());
      HorizonResult r = evaluate(data, factors, fc, config);
      out.add(r);
      double r2 = r.r2Total().value();
      if (r2 == r2 && (r2 > bestR2 || (r2 == bestR2 && r.spreadTStat() > bestT))) {
        best = h;
        bestR2 = r2;
        bestT = r.spreadTStat();
      }
    }
    return new JointStudyResult(out, best);
  }

  /** Evaluates the forecasts of one horizon (package-private for tests). */
  static HorizonResult evaluate(MarketData data, FactorHistory factors, JointAlphaConfig fc, JointStudyConfig config) {
    JointAlphaModel model = new JointAlphaModel(fc, data, factors);
    int[] grid = model.gridRows();
    long fromMs = config.evaluateFrom().map(java.time.Instant::toEpochMilli).orElse(Long.MIN_VALUE);
    // per OOS period: samples (pred e, pred F, real e, real F, bench e, bench F)
    List<double[]> periods = new ArrayList<>();
    Snapshot prev = null;
    for (int g : grid) {
      Snapshot s = model.advanceTo(g).orElseThrow();
      if (prev != null && prev.fitted() && prev.closeTimeMs() >= fromMs) {
        double[] rows = new double[6 * s.realisedResidual().length];
        int m = 0;
        for (int c = 0; c < s.realisedResidual().length; c++) {
          double pe = prev.alphaPrice()[c];
          double pf = prev.fundingForecast()[c];
          double ye = s.realisedResidual()[c];
          double yf = s.realisedFunding()[c];
          if (pe == pe && pf == pf && ye == ye && yf == yf) {
            rows[6 * m] = pe;
            rows[6 * m + 1] = pf;
            rows[6 * m + 2] = ye;
            rows[6 * m + 3] = yf;
            rows[6 * m + 4] = prev.trainMeanResidual();
            rows[6 * m + 5] = prev.trainMeanFunding();
            m++;
          }
        }
        if (m > 0) {
          periods.add(Arrays.copyOf(rows, 6 * m));
        }
      }
      prev = s;
    }
    int tp = periods.size();
    // per-period sums: [sseE, sstE, sst0E, sseF, sstF, sseT, sstT]
    double[][] sums = new double[tp][7];
    long samples = 0;
    for (int k = 0; k < tp; k++) {
      double[] r = periods.get(k);
      int m = r.length / 6;
      samples += m;
      for (int i = 0; i < m; i++) {
        double pe = r[6 * i];
        double pf = r[6 * i + 1];
        double ye = r[6 * i + 2];
        double yf = r[6 * i + 3];
        double be = r[6 * i + 4];
        double bf = r[6 * i + 5];
        sums[k][0] += sq(ye - pe);
        sums[k][1] += sq(ye - be);
        sums[k][2] += sq(ye);
        sums[k][3] += sq(yf - pf);
        sums[k][4] += sq(yf - bf);
        sums[k][5] += sq((ye - yf) - (pe - pf));
        sums[k][6] += sq((ye - yf) - (be - bf));
      }
    }
    Estimate r2e = bootstrap(sums, 0, 1, config);
    Estimate r2e0 = bootstrap(sums, 0, 2, config);
    Estimate r2f = bootstrap(sums, 3, 4, config);
    Estimate r2t = bootstrap(sums, 5, 6, config);
    // deciles
    int nd = 10;
    List<double[]> decMeans = new ArrayList<>(); // per period: nd x 4 (pred total, e, F, total)
    for (double[] r : periods) {
      int m = r.length / 6;
      if (m < nd) {
        continue;
      }
      Integer[] idx = new Integer[m];
      double[] pt = new double[m];
      for (int i = 0; i < m; i++) {
        idx[i] = i;
        pt[i] = r[6 * i] - r[6 * i + 1];
      }
      Arrays.sort(idx, (a, b) -> Double.compare(pt[a], pt[b]));
      double[] acc = new double[nd * 4];
      int[] cnt = new int[nd];
      for (int rank = 0; rank < m; rank++) {
        int i = idx[rank];
        int d = (int) ((long) rank * nd / m);
        acc[d * 4] += pt[i];
        acc[d * 4 + 1] += r[6 * i + 2];
        acc[d * 4 + 2] += r[6 * i + 3];
        acc[d * 4 + 3] += r[6 * i + 2] - r[6 * i + 3];
        cnt[d]++;
      }
      for (int d = 0; d < nd; d++) {
        for (int q = 0; q < 4; q++) {
          acc[d * 4 + q] /= cnt[d];
        }
      }
      decMeans.add(acc);
    }
    List<DecileRow> deciles = new ArrayList<>();
    int np = decMeans.size();
    for (int d = 0; d < nd; d++) {
      double[] tot = new double[np];
      double[] mean = new double[4];
      for (int k = 0; k < np; k++) {
        double[] a = decMeans.get(k);
        for (int q = 0; q < 4; q++) {
          mean[q] += a[d * 4 + q] / np;
        }
        tot[k] = a[d * 4 + 3];
      }
      deciles.add(new DecileRow(d + 1, np == 0 ? Double.NaN : mean[0], np == 0 ? Double.NaN : mean[1],
          np == 0 ? Double.NaN : mean[2], np == 0 ? Double.NaN : mean[3], tStat(tot), np));
    }
    double[] spread = new double[np];
    for (int k = 0; k < np; k++) {
      double[] a = decMeans.get(k);
      spread[k] = a[(nd - 1) * 4 + 3] - a[3];
    }
    double spreadMean = np == 0 ? Double.NaN : Arrays.stream(spread).average().orElse(Double.NaN);
    int p = fc.featureCount();
    List<Double> ce = new ArrayList<>();
    List<Double> cf = new ArrayList<>();
    Optional<double[]> coef = model.coefficients();
    if (coef.isPresent()) {
      for (int k = 0; k <= p; k++) {
        ce.add(coef.get()[k]);
        cf.add(coef.get()[p + 1 + k]);
      }
    }
    return new HorizonResult(fc.horizonHours(), tp, samples, r2e, r2e0, r2f, r2t, deciles, spreadMean,
        tStat(spread), fc.featureNames(), ce, cf);
  }

  /** R^2 = 1 - sum(sse)/sum(sst) over periods, with a percentile bootstrap over periods. */
  static Estimate bootstrap(double[][] sums, int sse, int sst, JointStudyConfig config) {
    int tp = sums.length;
    if (tp == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }
    double a = 0;
    double b = 0;
    for (double[] s : sums) {
      a += s[sse];
      b += s[sst];
    }
    double point = b > 0 ? 1 - a / b : Double.NaN;
    SplittableRandom rnd = new SplittableRandom(config.seed());
    int nb = config.bootstrapResamples();
    double[] boot = new double[nb];
    for (int k = 0; k < nb; k++) {
      double x = 0;
      double y = 0;
      for (int i = 0; i < tp; i++) {
        double[] s = sums[rnd.nextInt(tp)];
        x += s[sse];
        y += s[sst];
      }
      boot[k] = y > 0 ? 1 - x / y : Double.NaN;
    }
    Arrays.sort(boot);
    return new Estimate(point, percentile(boot, 0.025), percentile(boot, 0.975));
  }

  /** Linear-interpolated percentile of sorted values (NaNs sort last and are excluded). */
  static double percentile(double[] sorted, double q) {
    int m = sorted.length;
    while (m > 0 && Double.isNaN(sorted[m - 1])) {
      m--;
    }
    if (m == 0) {
      return Double.NaN;
    }
    double pos = q * (m - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(m - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** {@code mean / (sd / sqrt(n))} with ddof 1; NaN for fewer than 2 values or zero sd. */
  static double tStat(double[] x) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double m = 0;
    for (double v : x) {
      m += v;
    }
    m /= n;
    double ss = 0;
    for (double v : x) {
      ss += sq(v - m);
    }
    double sd = Math.sqrt(ss / (n - 1));
    return sd > 0 ? m / (sd / Math.sqrt(n)) : Double.NaN;
  }

  private static double sq(double x) {
    return x * x;
  }
}
