package io.slipstream.portfolio;

import io.slipstream.core.Checks;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.factor.FactorHistory;
import io.slipstream.factor.FactorModel;
import io.slipstream.signal.EwVolatility;
import io.slipstream.signal.Ewma;
import java.util.Arrays;
import java.util.Optional;

/**
 * Joint forecast of the next H-period residual (idiosyncratic) return and the next H-period funding of every coin:
 * the alpha engine of the beta-neutral strategy and of {@code slipstream research joint}.
 *
 * <p><b>Grid.</b> Decisions are made at the base rows whose close time, in epoch hours, is a multiple of H
 * ({@code g_0 < g_1 < ...}, {@code h = H / interval} rows apart). Period j is {@code (g_{j-1}, g_j]}.
 *
 * <p><b>Realised values of period j</b> (known at the close of {@code g_j}):
 * <ul>
 *   <li>residual return {@code e_j = r^H_{g_j} - beta_i R_m} where {@code r^H_{g_j} = ln(C_{g_j} / C_{g_{j-1}})} and
 *       the factor model is the one in force at {@code g_{j-1}} ({@link FactorHistory#modelAt}), so {@code beta_i}
 *       and the market factor loadings were known when the period began; NaN when the coin is not in that model's
 *       estimation set or has no price at either end;</li>
 *   <li>funding {@code F_j} = the sum of the coin's per-bar funding over rows {@code g_{j-1}+1 .. g_j} (decimal
 *       fraction of notional; positive = longs pay), NaN when {@code r^H} is NaN.</li>
 * </ul>
 * <b>Features at {@code g_j}</b> (all from periods {@code <= j}): {@code z_j = e_j / sigma}, with sigma the EW
 * volatility ({@link EwVolatility}, span {@code volSpanPeriods}) of the coin's residual returns before period j;
 * momentum features {@code EWMA_s(z)} for each momentum span; funding features {@code EWMA_s(F)} for each funding
 * span. sigma is the last valid EW volatility, valid once the coin has had {@code volSpanPeriods} residual returns,
 * so {@code z} (and the momentum features) start one period later. A coin's feature vector is valid when
 * {@code e_j}, {@code F_j}, {@code z_j} and every feature are finite; otherwise it is NaN (a NaN input leaves the
 * EWMA states unchanged, DESIGN.md convention 3).
 *
 * <p><b>Targets and fit.</b> The sample (features at {@code g_j}; {@code e_{j+1}}, {@code F_{j+1}}) matures at
 * {@code g_{j+1}} and only then enters an expanding-window {@link RidgeAccumulator} (two targets, one feature
 * vector), which is refitted at every grid row once samples from {@code minTrainPeriods} periods have matured.
 * Forecasts at {@code g_j} are {@code alpha_price = a_e + b_e'x} and {@code F_hat = a_F + b_F'x}; the total alpha of a
 * long position is {@code alpha_price - F_hat}.
 *
 * <p><b>Causality.</b> Everything used at {@code g_j} comes from rows {@code <= g_j} of the panels and from factor
 * models estimated at rows {@code <= g_j}; a test truncates the data after {@code g_j} and finds the same forecast.
 * Calls must come in increasing row order; {@link #advanceTo} catches up over all earlier grid rows.
 */
public final class JointAlphaModel {
  /** The forecasts and realised values at one grid row; arrays are indexed by panel column, NaN = not available. */
  public record Snapshot(int row, long closeTimeMs, double[] alphaPrice, double[] fundingForecast,
      double[] realisedResidual, double[] realisedFunding, boolean fitted, double trainMeanResidual,
      double trainMeanFunding, long trainSamples) {
    /** @return {@code alpha_price - F_hat} per column (NaN where either is NaN) */
    public double[] totalAlpha() {
      double[] t = new double[alphaPrice.length];
      for (int c = 0; c < t.length; c++) {
        t[c] = alphaPrice[c] - fundingForecast[c];
      }
      return t;
    }
  }

  private final JointAlphaConfig config;
  private final MarketData data;
  private final FactorHistory factors;
  private final int n;
  private final int p;
  private final int[] gridRows;
  private final Panel rH;
  private final EwVolatility[] vol;
  private final double[] sigma;
  private final Ewma[][] mom;
  private final Ewma[][] fund;
  private final double[][] pending;
  private final RidgeAccumulator acc;
  private double[] coef;
  private int maturedPeriods;
  private int next;
  private Snapshot last;

  /**
   * @param config the forecast parameters; {@code horizonHours} must equal the factor history's
   * @param data masked market data with funding (per-bar funding panel)
   * @param factors factor models of horizon H over the same panel
   * @throws IllegalArgumentException when the horizons or the panels disagree
   */
  public JointAlphaModel(JointAlphaConfig config, MarketData data, FactorHistory factors) {
    this.config = Checks.notNull(config, "config");
    this.data = Checks.notNull(data, "data");
    this.factors = Checks.notNull(factors, "factors");
    if (factors.config().horizonHours() != config.horizonHours()) {
      throw new IllegalArgumentException("factor horizon " + factors.config().horizonHours()
          + " h differs from the forecast horizon " + config.horizonHours() + " h");
    }
    if (!factors.coins().equals(data.coins())) {
      throw new IllegalArgumentException("factor history and market data have different coins");
    }
    this.n = data.coins().size();
    this.p = config.featureCount();
    Panel close = data.close();
    long hMs = config.horizonHours() * 3_600_000L;
    int[] rows = new int[close.rows()];
    int k = 0;
    for (int t = 0; t < close.rows(); t++) {
      if (Math.floorMod(close.closeTimeMs(t), hMs) == 0) {
        rows[k++] = t;
      }
    }
    this.gridRows = Arrays.copyOf(rows, k);
    this.rH = factors.horizonLogReturns();
    vol = new EwVolatility[n];
    sigma = new double[n];
    Arrays.fill(sigma, Double.NaN);
    mom = new Ewma[n][config.momentumSpans().size()];
    fund = new Ewma[n][config.fundingSpans().size()];
    for (int c = 0; c < n; c++) {
      vol[c] = new EwVolatility(config.volSpanPeriods());
      for (int s = 0; s < mom[c].length; s++) {
        mom[c][s] = new Ewma(config.momentumSpans().get(s));
      }
      for (int s = 0; s < fund[c].length; s++) {
        fund[c][s] = new Ewma(config.fundingSpans().get(s));
      }
    }
    pending = new double[n][];
    acc = new RidgeAccumulator(p, 2);
  }

  /** @return the configuration */
  public JointAlphaConfig config() {
    return config;
  }

  /** @return the grid rows (copy), ascending */
  public int[] gridRows() {
    return gridRows.clone();
  }

  /** @return whether {@code row} is a grid (decision) row */
  public boolean isGridRow(int row) {
    return Arrays.binarySearch(gridRows, row) >= 0;
  }

  /**
   * Processes every grid row up to {@code row}.
   *
   * @param row a base row, not before the last one processed
   * @return the snapshot at {@code row} if it is a grid row, else empty
   * @throws IllegalArgumentException when {@code row} is before a grid row already processed
   */
  public Optional<Snapshot> advanceTo(int row) {
    if (next > 0 && row < gridRows[next - 1]) {
      throw new IllegalArgumentException("row " + row + " is before the last processed grid row " + gridRows[next - 1]);
    }
    while (next < gridRows.length && gridRows[next] <= row) {
      last = step(next);
      next++;
    }
    return last != null && last.row() == row ? Optional.of(last) : Optional.empty();
  }

  /** @return the current coefficients (target 0 = residual return, 1 = funding; {@code a, b_1..b_p}), empty before the first fit */
  public Optional<double[]> coefficients() {
    return coef == null ? Optional.empty() : Optional.of(coef.clone());
  }

  private Snapshot step(int j) {
    int g = gridRows[j];
    double[] e = new double[n];
    double[] f = new double[n];
    Arrays.fill(e, Double.NaN);
    Arrays.fill(f, Double.NaN);
    int h = factors.horizonBars();
    if (j > 0 && gridRows[j - 1] == g - h) {
      int prev = gridRows[j - 1];
      Optional<FactorModel> m = factors.modelAt(prev);
      double[] r = rH.row(g);
      double rm = m.isPresent() ? m.get().marketReturn(r) : Double.NaN;
      Panel funding = data.funding();
      for (int c = 0; c < n; c++) {
        if (!Double.isFinite(r[c])) {
          continue;
        }
        double fs = 0;
        for (int t = prev + 1; t <= g; t++) {
          double x = funding.get(t, c);
          if (x == x) {
            fs += x;
          }
        }
        f[c] = fs;
        if (m.isPresent() && Double.isFinite(rm)) {
          double beta = m.get().betaOfColumn(c);
          if (Double.isFinite(beta)) {
            e[c] = r[c] - beta * rm;
          }
        }
      }
    }
    boolean matured = false;
    double[] y = new double[2];
    for (int c = 0; c < n; c++) {
      if (pending[c] != null && Double.isFinite(e[c])) {
        y[0] = e[c];
        y[1] = f[c];
        acc.add(pending[c], y);
        matured = true;
      }
      pending[c] = null;
    }
    if (matured) {
      maturedPeriods++;
    }
    if (maturedPeriods >= config.minTrainPeriods() && acc.count() >= 2L * (p + 1)) {
      coef = acc.fit(config.ridgePenalty());
    }
    double[] alpha = new double[n];
    double[] fhat = new double[n];
    Arrays.fill(alpha, Double.NaN);
    Arrays.fill(fhat, Double.NaN);
    int nm = mom[0].length;
    for (int c = 0; c < n; c++) {
      double ec = e[c];
      double fc = f[c];
      double s = sigma[c];
      double z = (ec == ec && s > 0) ? ec / s : Double.NaN;
      double sig = vol[c].update(ec);
      if (sig == sig) {
        sigma[c] = sig;
      }
      double[] x = new double[p];
      boolean ok = z == z && fc == fc;
      for (int k = 0; k < nm; k++) {
        x[k] = mom[c][k].update(z);
        ok &= x[k] == x[k];
      }
      for (int k = 0; k < fund[c].length; k++) {
        x[nm + k] = fund[c][k].update(fc);
        ok &= x[nm + k] == x[nm + k];
      }
      if (ok) {
        pending[c] = x;
        if (coef != null) {
          alpha[c] = predict(0, x);
          fhat[c] = predict(1, x);
        }
      }
    }
    return new Snapshot(g, data.close().closeTimeMs(g), alpha, fhat, e, f, coef != null,
        acc.targetMean(0), acc.targetMean(1), acc.count());
  }

  private double predict(int target, double[] x) {
    int o = target * (p + 1);
    double v = coef[o];
    for (int k = 0; k < p; k++) {
      v += coef[o + 1 + k] * x[k];
    }
    return v;
  }
}
