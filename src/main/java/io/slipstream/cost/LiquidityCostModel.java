package io.slipstream.cost;

import io.slipstream.core.Checks;
import io.slipstream.core.Units;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.util.List;

/**
 * The liquidity cost model: fees, half-spread and square-root market impact over every coin (column) of one
 * {@link MarketData} panel, shared by the optimizer and the backtest ledger (cvxportfolio's single cost model).
 * At a decision bar {@code t} and an account value {@code navUsd}:
 * <pre>
 *   C(dw) = sum_i c_i |dw_i| + sum_i lambda_i |dw_i|^1.5                      (dw in NAV fractions)
 *   c_i      = feeRate + halfSpread_i(t)                                       (decimal fraction of notional)
 *   lambda_i = Y x sigma_i(t) x sqrt(navUsd / ADV_i(t))                        (NAV-fraction units)
 * </pre>
 * so that {@code lambda_i |dw|^1.5 = |dw| x Y sigma_i sqrt(|dw| navUsd / ADV_i)}: the traded notional (as a NAV
 * fraction) times the square-root-law impact {@code Y sigma sqrt(Q / V)} of a trade of {@code Q} USD against a daily
 * volume {@code V} (Almgren, Thum, Hauptmann and Li 2005, "Direct estimation of equity market impact"; Toth et al.
 * 2011, "Anomalous price impact and the critical nature of liquidity in financial markets"). Here
 * {@code feeRate = fees.feeRate()} (DESIGN.md convention 8), {@code halfSpread_i} is the configured half-spread or
 * the {@link SpreadEstimator} estimate, {@code sigma_i} the daily volatility of log returns (EW with span
 * {@code volSpanBars}, DESIGN.md convention 4, times {@code sqrt(24 / interval hours)}) and {@code ADV_i} the daily
 * dollar volume in USD (sum of {@code volume x close} over {@code advWindowHours}, scaled to one day; DESIGN.md
 * convention 6 for 24 hours).
 *
 * <p>Timing: every input at row {@code t} uses bars closed at or before {@code t}'s close only, so
 * {@code at(t, nav)} never changes when later bars change.
 *
 * <p>Missing values: when a coin has no valid half-spread, sigma ({@code sigma > 0}) or ADV ({@code ADV > 0}) at
 * row {@code t} (not yet listed, delisted, a gap, warm-up), its last valid value is used (forward fill: a coin
 * being closed after delisting still costs something); when it never had one, the most expensive value across the
 * coins at that row is used (largest half-spread, largest sigma, smallest ADV, each taken separately). So the
 * coefficients are never NaN and a missing input never makes them 0. Rows before {@link #firstValidRow()}, where no
 * coin has a value yet, are refused.
 *
 * <p>Cost: {@link #of} precomputes row-major panels once ({@code O(rows x coins x spread window)}); {@link #at} is
 * {@code O(coins)}. Immutable and thread-safe.
 */
public final class LiquidityCostModel implements CostModel {
  private final CostConfig config;
  private final List<String> coins;
  private final Panel grid;
  private final int rows;
  private final int n;
  private final double feeRate;
  private final double constantHalfSpread;
  /** Row-major filled half-spreads (fractions), null when the half-spread is configured. */
  private final double[] halfSpread;
  /** Row-major filled daily sigma, null when there is no impact. */
  private final double[] sigma;
  /** Row-major filled ADV in USD per day, null when there is no impact. */
  private final double[] adv;
  private final int firstValidRow;

  private LiquidityCostModel(MarketData data, CostConfig config) {
    this.config = config;
    this.grid = data.close();
    this.coins = data.coins();
    this.rows = data.rows();
    this.n = coins.size();
    this.feeRate = config.fees().feeRate();
    int first = 0;
    if (config.estimatesSpread()) {
      double[] raw = SpreadEstimator.abdiRanaldo(data.high(), data.low(), data.close(), config.spreadWindowBars())
          .toColumnMajor();
      this.halfSpread = new double[rows * n];
      first = Math.max(first, fill(raw, halfSpread, rows, n, true, false));
      this.constantHalfSpread = Double.NaN;
    } else {
      this.halfSpread = null;
      this.constantHalfSpread = Units.bpsToFraction(config.halfSpreadBps().getAsDouble());
    }
    if (config.impactCoefficient() > 0) {
      double[] rawSigma = CostKernels.dailyVolatility(data.close(), config.volSpanBars());
      double[] rawAdv = CostKernels.dailyDollarVolume(data.close(), data.volume(), config.advWindowHours());
      this.sigma = new double[rows * n];
      this.adv = new double[rows * n];
      first = Math.max(first, fill(rawSigma, sigma, rows, n, true, true));
      first = Math.max(first, fill(rawAdv, adv, rows, n, false, true));
    } else {
      CostKernels.advWindowBars(data.interval(), config.advWindowHours());
      this.sigma = null;
      this.adv = null;
    }
    this.firstValidRow = first;
  }

  /**
   * Builds the model and precomputes its panels.
   *
   * @param data the market data (OHLC in USD, base-asset volume); the model covers all its coins and rows
   * @param config the cost parameters
   * @return the model
   * @throws IllegalArgumentException if {@code adv_window_hours} is not a multiple of the bar interval
   * @throws io.slipstream.core.DataException if a high, low or close is zero, negative or infinite
   */
  public static LiquidityCostModel of(MarketData data, CostConfig config) {
    Checks.notNull(data, "data");
    Checks.notNull(config, "config");
    return new LiquidityCostModel(data, config);
  }

  /**
   * Forward-fills a column-major panel into a row-major one, then fills what is still missing at a row with the
   * most expensive value across coins at that row.
   *
   * @param raw column-major input, NaN = missing. Not modified.
   * @param out row-major output
   * @param expensiveIsLarge whether the most expensive value is the largest (spread, sigma) or the smallest (ADV)
   * @param positiveOnly whether only values {@code > 0} count as valid (sigma, ADV) rather than {@code >= 0}
   * @return the first row at which some coin has a value ({@code rows} if none ever has)
   */
  private static int fill(double[] raw, double[] out, int rows, int n, boolean expensiveIsLarge, boolean positiveOnly) {
    double[] last = new double[n];
    java.util.Arrays.fill(last, Double.NaN);
    int first = rows;
    for (int t = 0; t < rows; t++) {
      double worst = Double.NaN;
      boolean missing = false;
      for (int c = 0; c < n; c++) {
        double x = raw[c * rows + t];
        boolean valid = positiveOnly ? x > 0 && x < Double.POSITIVE_INFINITY : x >= 0 && x < Double.POSITIVE_INFINITY;
        if (valid) {
          last[c] = x;
        }
        double v = last[c];
        out[t * n + c] = v;
        if (v == v) {
          if (worst != worst || (expensiveIsLarge ? v > worst : v < worst)) {
            worst = v;
          }
        } else {
          missing = true;
        }
      }
      if (worst == worst) {
        first = Math.min(first, t);
        if (missing) {
          for (int c = 0; c < n; c++) {
            if (out[t * n + c] != out[t * n + c]) {
              out[t * n + c] = worst;
            }
          }
        }
      }
    }
    return first;
  }

  /**
   * Cost coefficients at a decision bar.
   *
   * @param row decision bar row, {@code firstValidRow() <= row < rows}
   * @param navUsd account value in USD, finite and {@code > 0}
   * @return {@code c_i} and {@code lambda_i} for every coin, in the panel's column order; finite and {@code >= 0}
   * @throws IllegalArgumentException if {@code row} is outside {@code [firstValidRow(), rows)} (warm-up) or
   *     {@code navUsd} is not finite and positive
   */
  @Override
  public TradeCosts at(int row, double navUsd) {
    checkRow(row);
    Checks.positive(navUsd, "navUsd");
    double[] c = new double[n];
    double[] lambda = new double[n];
    int base = row * n;
    for (int i = 0; i < n; i++) {
      c[i] = feeRate + (halfSpread == null ? constantHalfSpread : halfSpread[base + i]);
    }
    if (sigma != null) {
      double y = config.impactCoefficient();
      for (int i = 0; i < n; i++) {
        lambda[i] = y * sigma[base + i] * Math.sqrt(navUsd / adv[base + i]);
      }
    }
    return TradeCosts.of(c, lambda);
  }

  private void checkRow(int row) {
    if (row < firstValidRow || row >= rows) {
      throw new IllegalArgumentException("Argument 'row' must be in [" + firstValidRow + ", " + rows
          + ") (rows before " + firstValidRow + " are the cost model's warm-up: no coin has a spread"
          + (sigma != null ? ", volatility or ADV" : "") + " yet), was " + row);
    }
  }

  /** @return the configured minimum trade notional in USD ({@code min_trade_usd}) */
  @Override
  public double minTradeUsd() {
    return config.minTradeUsd();
  }

  /** @return the config the model was built with */
  public CostConfig config() {
    return config;
  }

  /** @return the coins, in column order */
  public List<String> coins() {
    return coins;
  }

  /** @return number of rows (bars) of the panel the model was built on */
  public int rows() {
    return rows;
  }

  /**
   * @return the first row {@link #at} accepts: 0 with a configured half-spread and no impact; otherwise the
   *     first row at which at least one coin has every needed input (spread-estimator window, {@code volSpanBars}
   *     valid returns, a full ADV window)
   */
  public int firstValidRow() {
    return firstValidRow;
  }

  /**
   * @return the half-spreads {@code at} uses, decimal fractions; rows = bars, columns = coins; NaN before
   *     {@link #firstValidRow()}; a constant panel when the half-spread is configured
   */
  public Panel halfSpreads() {
    if (halfSpread == null) {
      double[] v = new double[rows * n];
      java.util.Arrays.fill(v, constantHalfSpread);
      return grid.withValues(v);
    }
    return toPanel(halfSpread);
  }

  /**
   * @return the daily volatilities {@code at} uses (decimal per day), after filling; NaN before
   *     {@link #firstValidRow()}
   * @throws IllegalStateException when the model has no impact ({@code impact_coefficient = 0})
   */
  public Panel dailyVolatilities() {
    if (sigma == null) {
      throw new IllegalStateException("no impact term (impact_coefficient = 0): volatilities were not computed");
    }
    return toPanel(sigma);
  }

  /**
   * @return the daily dollar volumes {@code at} uses (USD per day), after filling; NaN before
   *     {@link #firstValidRow()}
   * @throws IllegalStateException when the model has no impact ({@code impact_coefficient = 0})
   */
  public Panel dailyDollarVolumesUsd() {
    if (adv == null) {
      throw new IllegalStateException("no impact term (impact_coefficient = 0): dollar volumes were not computed");
    }
    return toPanel(adv);
  }

  private Panel toPanel(double[] rowMajor) {
    double[] v = new double[rows * n];
    for (int t = 0; t < rows; t++) {
      for (int c = 0; c < n; c++) {
        v[c * rows + t] = t < firstValidRow ? Double.NaN : rowMajor[t * n + c];
      }
    }
    return grid.withValues(v);
  }
}
