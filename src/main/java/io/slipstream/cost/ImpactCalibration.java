package io.slipstream.cost;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.data.MarketData;

/**
 * Estimates the square-root-law prefactor {@code Y} of {@link LiquidityCostModel} from bars (no trade or order-book
 * data needed).
 *
 * <p>Method. For every coin {@code i} and bar {@code t} the bar's own traded dollar volume
 * {@code Q_t = volume_t x close_t} is treated as a "trade" and its price move as its impact:
 * <pre>
 *   y_t = |ln(C_t / C_{t-1})|,    x_t = sigma_{t-1} x sqrt(Q_t / ADV_{t-1}),    y_t = Y x_t + e_t
 * </pre>
 * with {@code sigma} the daily EW volatility and {@code ADV} the daily dollar volume exactly as the cost model
 * computes them, both known at the previous close. {@code Y} is the least-squares slope through the origin pooled
 * over coins and bars: {@code Y = sum x y / sum x^2}. Observations need a valid return, {@code sigma_{t-1} > 0},
 * {@code ADV_{t-1} > 0} and {@code Q_t > 0}.
 *
 * <p>Interpretation: an upper bound, not an unbiased estimate. Volume carries information (news moves prices and
 * brings volume at the same time) and all of the bar's diffusive move is attributed to its volume; only if every
 * price change were caused by order flow would the slope equal the impact prefactor. (On a pure random walk with
 * volume proportional to variance the slope is about {@code sqrt(2/pi) ~ 0.8}.) The literature reports {@code Y} of
 * order 1 for equities and futures (Toth et al. 2011), about 0.5-1 on metaorders (Almgren et al. 2005 fit 0.3-0.9
 * depending on the normalisation). On the Hyperliquid 4h bars 2022-11..2025-07 (186 coins, span 180, 24h ADV) this
 * method gives {@code Y = 0.600} (about 475,000 bars, clustered standard error 0.013, uncentered R^2 0.48).
 *
 * <p>Errors: {@code standardError} is the textbook one (independent, equal-variance residuals); the
 * {@code clusteredStandardError} clusters the residual scores by bar (robust to heteroskedasticity and to the
 * correlation of all coins within a bar) and is the one to quote. {@code rSquared} is the uncentered
 * {@code 1 - sum e^2 / sum y^2} of a regression through the origin.
 */
public final class ImpactCalibration {
  private ImpactCalibration() {
  }

  /**
   * Result of a calibration.
   *
   * @param impactCoefficient the slope {@code Y} (dimensionless)
   * @param standardError textbook standard error of {@code Y}: {@code sqrt(sum e^2 / (N - 1) / sum x^2)}
   * @param clusteredStandardError standard error clustered by bar:
   *     {@code sqrt(sum_t (sum_i x_ti e_ti)^2) / sum x^2}
   * @param rSquared uncentered R^2 of the regression through the origin
   * @param observations number of (coin, bar) observations {@code N}
   * @param coins number of coins with at least one observation
   * @param bars number of bars with at least one observation
   */
  public record Result(double impactCoefficient, double standardError, double clusteredStandardError,
      double rSquared, long observations, int coins, int bars) {
  }

  /**
   * Calibrates on all rows with the volatility span and ADV window of {@code config}.
   *
   * @param data market data (close in USD, base-asset volume)
   * @param config supplies {@code volSpanBars} and {@code advWindowHours}
   * @return the estimate
   * @throws DataException if fewer than 2 observations are usable
   */
  public static Result estimate(MarketData data, CostConfig config) {
    return estimate(data, config.volSpanBars(), config.advWindowHours(), 0, data.rows());
  }

  /**
   * Calibrates on the bars {@code t} in {@code [fromRow, toRow)} (their inputs from row {@code t-1} may lie before
   * {@code fromRow}; volatility and ADV warm up on all earlier rows).
   *
   * @param data market data (close in USD, base-asset volume); rows = bars, columns = coins
   * @param volSpanBars EW span of the volatility, {@code >= 1}
   * @param advWindowHours ADV window in hours, a multiple of the bar interval
   * @param fromRow first bar whose return is used (inclusive)
   * @param toRow last bar (exclusive), {@code fromRow <= toRow <= rows}
   * @return the estimate
   * @throws IllegalArgumentException on bad parameters or an empty row range
   * @throws DataException if fewer than 2 observations are usable
   */
  public static Result estimate(MarketData data, int volSpanBars, int advWindowHours, int fromRow, int toRow) {
    Checks.notNull(data, "data");
    Checks.positive(volSpanBars, "vol_span_bars");
    if (fromRow < 0 || toRow > data.rows() || fromRow >= toRow) {
      throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow + ") must be non-empty within [0, "
          + data.rows() + ")");
    }
    int rows = data.rows();
    int cols = data.coins().size();
    double[] sigma = CostKernels.dailyVolatility(data.close(), volSpanBars);
    double[] adv = CostKernels.dailyDollarVolume(data.close(), data.volume(), advWindowHours);
    double[] close = data.close().toColumnMajor();
    double[] volume = data.volume().toColumnMajor();
    int from = Math.max(1, fromRow);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    long obs = 0;
    int coinsUsed = 0;
    for (int c = 0; c < cols; c++) {
      int b = c * rows;
      long before = obs;
      for (int t = from; t < toRow; t++) {
        double x = regressor(close, volume, sigma, adv, b, t);
        if (x != x) {
          continue;
        }
        double y = Math.abs(Math.log(close[b + t] / close[b + t - 1]));
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
        obs++;
      }
      if (obs > before) {
        coinsUsed++;
      }
    }
    if (obs < 2) {
      throw new DataException("impact calibration needs at least 2 usable bars (valid return, volatility, ADV and "
          + "volume) in rows [" + fromRow + ", " + toRow + "), found " + obs);
    }
    double slope = sxy / sxx;
    double sse = 0;
    double[] score = new double[rows];
    boolean[] used = new boolean[rows];
    for (int c = 0; c < cols; c++) {
      int b = c * rows;
      for (int t = from; t < toRow; t++) {
        double x = regressor(close, volume, sigma, adv, b, t);
        if (x != x) {
          continue;
        }
        double e = Math.abs(Math.log(close[b + t] / close[b + t - 1])) - slope * x;
        sse += e * e;
        score[t] += x * e;
        used[t] = true;
      }
    }
    double clustered = 0;
    int bars = 0;
    for (int t = from; t < toRow; t++) {
      clustered += score[t] * score[t];
      bars += used[t] ? 1 : 0;
    }
    double se = Math.sqrt(sse / (obs - 1) / sxx);
    return new Result(slope, se, Math.sqrt(clustered) / sxx, 1.0 - sse / syy, obs, coinsUsed, bars);
  }

  /** @return {@code x_t} of the coin whose column starts at {@code b}, or NaN when the bar is not usable */
  private static double regressor(double[] close, double[] volume, double[] sigma, double[] adv, int b, int t) {
    double s = sigma[b + t - 1];
    double a = adv[b + t - 1];
    double q = volume[b + t] * close[b + t];
    double r = Math.log(close[b + t] / close[b + t - 1]);
    if (!(s > 0) || !(a > 0) || !(q > 0) || r != r || Double.isInfinite(q) || Double.isInfinite(a)) {
      return Double.NaN;
    }
    return s * Math.sqrt(q / a);
  }
}
