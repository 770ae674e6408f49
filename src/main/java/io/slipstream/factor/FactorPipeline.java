package io.slipstream.factor;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Timescale-matched PCA factors over a base panel: one {@link FactorModel} at every estimation time.
 *
 * <p>Definitions (base panel of interval {@code I} hours; {@code H} a positive multiple of {@code I};
 * {@code h = H / I} bars):
 * <ul>
 *   <li>H-hour log return at base row {@code t}: {@code r^H_t = ln(C_t / C_{t-h})} on the masked close (NaN when
 *       either close is NaN). Observations are sampled at every base bar (overlapping H-hour returns), so the
 *       lookback of {@code K x H} hours holds {@code T = K * h} observations, rows {@code t-T+1 .. t}.</li>
 *   <li>Estimation times: base rows {@code t} whose close time in epoch hours is a multiple of {@code H} and that
 *       have {@code T} observations behind them ({@code t >= T + h - 1}).</li>
 *   <li>Estimation set (listing / delisting rule): the coins whose {@code r^H} is finite on every one of the
 *       {@code T} window rows and whose raw volume weight ({@link VolumeWeights}) is finite on them. A coin that
 *       lists enters once it has a complete window; a coin that delists or has a gap (a missing or zero-volume
 *       bar) drops out at once, until it again has {@code T} complete rows. All-NaN rows therefore empty the set
 *       for the windows that contain them.</li>
 *   <li>Too few coins: when the set has fewer than {@code nFactors + 1} coins, no model is produced at that time
 *       (recorded in {@link FactorHistory#skippedRows()}), and {@link FactorHistory#modelAt} keeps returning the
 *       previous one. (The kernel {@link PcaFactorEstimator#estimate} itself throws in that case.)</li>
 *   <li>Observations: {@code x_{s,i} = w_{s,i} r^H_{s,i}} with the raw weights normalised to mean 1 over the set at
 *       every window row {@code s}; then {@link PcaFactorEstimator} (demean, covariance with ridge, eigen,
 *       sign convention, explained-variance ratios).</li>
 *   <li>Market factor = PC1, betas and residuals from the raw returns: see {@link FactorModel}.</li>
 * </ul>
 *
 * <p>No look-ahead, by construction: every quantity used for the model at row {@code t} is a function of rows
 * {@code <= t} only. {@code r^H_s} reads closes {@code s} and {@code s-h}; {@code vbar_s} reads volumes
 * {@code <= s} (its block sums only combine blocks that end before {@code s} with the head of the block holding
 * {@code s}); the estimation set reads a run-length of valid rows ending at {@code t}; the window is rows
 * {@code t-T+1 .. t}; whether {@code t} is an estimation time depends only on its close time and on {@code t}.
 * A bar at row {@code t} closes at {@code open_t + interval}, so the model at {@code t} uses bars closed at or
 * before its close. A property test checks that truncating the data after {@code t}, or changing any bar after
 * {@code t}, leaves the model at {@code t} bit-identical.
 *
 * <p>Errors: {@link IllegalArgumentException} when {@code H} is not a multiple of the interval or
 * {@code T < nFactors + 1}; {@link DataException} naming the time for a singular covariance (rank below
 * {@code nFactors}) or a zero market-factor variance in an estimation window. The pipeline never returns NaN
 * loadings or betas.
 */
public final class FactorPipeline {
  private static final long HOUR_MS = 3_600_000L;

  private FactorPipeline() {
  }

  /**
   * Estimates a model at every estimation time of the panel (see the class doc).
   *
   * @param data the market data (close and volume are used); rows = bars, columns = coins
   * @param config the parameters; {@code horizonHours} must be a multiple of the data's interval hours
   * @return the history (possibly without models when the panel is too short or too sparse)
   * @throws IllegalArgumentException when {@code H} is not a multiple of the interval or the window is too short
   * @throws DataException naming the time for a singular covariance or zero market variance in a window
   */
  public static FactorHistory run(MarketData data, PcaConfig config) {
    return run(data, config, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * As {@link #run(MarketData, PcaConfig)}, estimating only at estimation times whose close time lies in
   * {@code (afterCloseMs, untilCloseMs]} (all history before is still used as lookback, so a model is the same
   * as in the unrestricted run).
   *
   * @param afterCloseMs exclusive lower bound on the estimation close time, epoch ms UTC
   * @param untilCloseMs inclusive upper bound, epoch ms UTC
   * @throws IllegalArgumentException as the 2-argument form
   * @throws DataException as the 2-argument form
   */
  public static FactorHistory run(MarketData data, PcaConfig config, long afterCloseMs, long untilCloseMs) {
    Checks.notNull(data, "data");
    Checks.notNull(config, "config");
    int h = config.horizonBars(data.interval());
    int window = config.windowObservations(data.interval());
    int nf = config.nFactors();
    if (window < nf + 1) {
      throw new IllegalArgumentException("Argument 'lookbackPeriods' gives T = K * h = " + window
          + " observations, fewer than nFactors + 1 = " + (nf + 1));
    }
    Panel close = data.close();
    int rows = close.rows();
    int cols = close.columns();
    Panel rh = horizonLogReturns(close, h);
    double[] r = rh.toColumnMajor();
    double[] w = VolumeWeights.rawWeights(close, data.volume(), h, config.volumeWindowPeriods(),
        config.weighting()).toColumnMajor();
    // run[c * rows + t] = number of consecutive rows ending at t with finite r^H and finite raw weight
    int[] run = new int[rows * cols];
    for (int c = 0; c < cols; c++) {
      int o = c * rows;
      int n = 0;
      for (int t = 0; t < rows; t++) {
        n = Double.isFinite(r[o + t]) && Double.isFinite(w[o + t]) ? n + 1 : 0;
        run[o + t] = n;
      }
    }
    PcaFactorEstimator estimator = new PcaFactorEstimator(config);
    List<String> panelCoins = close.coins();
    List<Integer> estRows = new ArrayList<>();
    List<FactorModel> models = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    List<Integer> skippedCounts = new ArrayList<>();
    int[] set = new int[cols];
    for (int t = window + h - 1; t < rows; t++) {
      long closeMs = close.closeTimeMs(t);
      if (!isEstimationTime(closeMs, config.horizonHours()) || closeMs <= afterCloseMs || closeMs > untilCloseMs) {
        continue;
      }
      int n = 0;
      for (int c = 0; c < cols; c++) {
        if (run[c * rows + t] >= window) {
          set[n++] = c;
        }
      }
      if (n < nf + 1) {
        skipped.add(t);
        skippedCounts.add(n);
        continue;
      }
      models.add(estimate(estimator, r, w, rows, t, window, set, n, panelCoins, closeMs));
      estRows.add(t);
    }
    return new FactorHistory(config, h, close, rh, toInts(estRows), models, toInts(skipped),
        toInts(skippedCounts));
  }

  private static FactorModel estimate(PcaFactorEstimator estimator, double[] r, double[] w, int rows, int t,
      int window, int[] set, int n, List<String> panelCoins, long closeMs) {
    int first = t - window + 1;
    double[] x = new double[window * n];
    double[] ret = new double[window * n];
    for (int j = 0; j < window; j++) {
      int s = first + j;
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += w[set[k] * rows + s];
      }
      double mean = sum / n;
      if (!(mean > 0) || Double.isInfinite(mean)) {
        throw new DataException("at " + Instant.ofEpochMilli(closeMs) + ": raw volume weights at row " + s
            + " have mean " + mean + " over the " + n + " coins of the set; cannot normalise to mean 1");
      }
      int o = j * n;
      for (int k = 0; k < n; k++) {
        int idx = set[k] * rows + s;
        double rv = r[idx];
        ret[o + k] = rv;
        x[o + k] = w[idx] / mean * rv;
      }
    }
    int[] columns = java.util.Arrays.copyOf(set, n);
    List<String> coins = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      coins.add(panelCoins.get(columns[k]));
    }
    Instant at = Instant.ofEpochMilli(closeMs);
    PcaResult pca = estimator.estimate(x, window, n, coins, at);
    double[] betas = marketBetas(pca, ret, window, n, at);
    return new FactorModel(closeMs, t, panelCoins.size(), columns, pca, betas);
  }

  /**
   * OLS slopes with intercept of each coin's raw returns on the market factor over the window.
   *
   * @param pca the estimation (PC1 loadings)
   * @param ret {@code T x N} raw returns, row-major, all finite
   */
  private static double[] marketBetas(PcaResult pca, double[] ret, int window, int n, Instant at) {
    double[] l = pca.loadings(0);
    double ss = 0;
    for (double v : l) {
      ss += v * v;
    }
    double norm = Math.sqrt(ss);
    double[] rm = new double[window];
    double meanM = 0;
    for (int j = 0; j < window; j++) {
      int o = j * n;
      double num = 0;
      for (int k = 0; k < n; k++) {
        num += l[k] * ret[o + k];
      }
      rm[j] = num / norm;
      meanM += rm[j];
    }
    meanM /= window;
    double varM = 0;
    double[] meanR = new double[n];
    for (int j = 0; j < window; j++) {
      double d = rm[j] - meanM;
      varM += d * d;
      int o = j * n;
      for (int k = 0; k < n; k++) {
        meanR[k] += ret[o + k];
      }
    }
    if (!(varM > 0) || Double.isInfinite(varM)) {
      throw new DataException("at " + at + ": the market factor return has variance " + varM + " over the "
          + window + " window rows; betas are undefined");
    }
    double[] cov = new double[n];
    for (int k = 0; k < n; k++) {
      meanR[k] /= window;
    }
    for (int j = 0; j < window; j++) {
      double d = rm[j] - meanM;
      int o = j * n;
      for (int k = 0; k < n; k++) {
        cov[k] += (ret[o + k] - meanR[k]) * d;
      }
    }
    for (int k = 0; k < n; k++) {
      cov[k] /= varM;
    }
    return cov;
  }

  /**
   * {@code r^H_t = ln(C_t / C_{t-h})}.
   *
   * @param close masked closes (USD); rows = bars, columns = coins. Not modified.
   * @param horizonBars {@code h >= 1}
   * @return decimal log returns over {@code h} bars, same shape; NaN in rows {@code < h} and where either close is
   *     NaN
   * @throws IllegalArgumentException for {@code h < 1}
   */
  public static Panel horizonLogReturns(Panel close, int horizonBars) {
    Checks.positive(horizonBars, "horizonBars");
    int rows = close.rows();
    double[] c = close.toColumnMajor();
    double[] out = new double[c.length];
    for (int col = 0; col < close.columns(); col++) {
      int o = col * rows;
      for (int t = 0; t < rows; t++) {
        out[o + t] = t < horizonBars ? Double.NaN : Math.log(c[o + t] / c[o + t - horizonBars]);
      }
    }
    return close.withValues(out);
  }

  /**
   * @param closeMs a bar close time, epoch ms UTC
   * @param horizonHours {@code H > 0}
   * @return whether the close time is a whole number of hours that is a multiple of {@code H}
   */
  public static boolean isEstimationTime(long closeMs, int horizonHours) {
    return Math.floorMod(closeMs, horizonHours * HOUR_MS) == 0;
  }

  private static int[] toInts(List<Integer> xs) {
    int[] out = new int[xs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(i);
    }
    return out;
  }
}
