package io.slipstream.ml;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.signal.EwVolatility;
import io.slipstream.signal.Indicators;
import io.slipstream.signal.LogReturns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Builds the ML feature matrix of one coin from candles and funding ({@link MarketData}), with the kernels of
 * {@link Indicators}, {@link LogReturns} and {@link EwVolatility}.
 *
 * <p>Rows: every bar of the data's grid, in order (row {@code t} of the matrix is row {@code t} of the panels),
 * keyed by the bar's close time; warm-up and missing bars give NaN, so a caller trains on
 * {@link FeatureMatrix#completeRows()} (NaN rows are dropped explicitly, never zero-filled). Causal: row
 * {@code t} uses only bars with close time {@code <= close(t)} (the funding of bar {@code t} is paid by its
 * close), so truncating the data after row {@code t} leaves rows {@code <= t} bit for bit unchanged.
 *
 * <p>Features, with {@code C} = close (USD), {@code V} = base volume, {@code F} = the bar's funding (the
 * {@link MarketData#funding()} panel: the sum of the hourly rates paid in the bar, decimal), {@code r_t =
 * ln(C_t/C_{t-1})} and {@code B} = BTC's close. Missing bars are never forward-filled: a missing close is NaN
 * and so is {@code F} at that bar (the funding panel counts a missing rate as 0, so it is masked where the coin
 * has no bar). NaN handling per feature (windowed = NaN when any input in the window is NaN; EMA-type = NaN
 * inputs skipped, NaN at that bar; see {@link Indicators}):
 * <ul>
 *   <li>{@code ret_h = ln(C_t / C_{t-h})}: NaN when either endpoint close is NaN (the closes in between are
 *       not used, so a gap strictly inside the span does not matter);</li>
 *   <li>{@code sma_ratio_n = C_t / SMA_n(C)_t - 1}: windowed;</li>
 *   <li>{@code macd, macd_signal, macd_hist} = MACD(fast, slow, signal) of {@code C}, each divided by
 *       {@code C_t} (unitless): EMA-type, seeded at the first valid close (no warm-up);</li>
 *   <li>{@code bb_pct_b, bb_width}: {@link Indicators#bollinger} of {@code C} (std with ddof 1): windowed;</li>
 *   <li>{@code rsi_n}: Wilder RSI of {@code C} in {@code [0, 100]}: EMA-type over 1-bar changes;</li>
 *   <li>{@code roc_n = C_t / C_{t-n} - 1}: NaN when either close is NaN;</li>
 *   <li>{@code realised_vol_n}: rolling std (ddof 1) of {@code r} over {@code n} bars (decimal per bar):
 *       windowed over {@code r};</li>
 *   <li>{@code ew_vol_S}: {@link EwVolatility} of {@code r} (decimal per bar): EMA-type, valid from the
 *       {@code S}-th valid return on;</li>
 *   <li>{@code vol_z_n}: {@link Indicators#rollingZScore} of {@code ln V} (window includes the bar): windowed;
 *       a volume {@code <= 0} counts as missing (DESIGN.md convention 1, as {@code Lake} masks it);</li>
 *   <li>{@code funding = F_t}; {@code funding_chg = F_t - F_{t-1}} (NaN when either is NaN);
 *       {@code funding_sum_n}: rolling sum of {@code F}, windowed;</li>
 *   <li>{@code btc_ret_1 = ln(B_t/B_{t-1})}, NaN when either is NaN (it does not depend on the coin's bar);
 *       {@code btc_corr_n}: {@link Indicators#rollingCorrelation} of {@code r} and BTC's {@code r}, windowed
 *       over both;</li>
 *   <li>{@code hour}: UTC hour of the bar's open time, 0..23; {@code dow}: ISO day of week of the open time,
 *       1 = Monday .. 7 = Sunday. Calendar facts, defined for every row.</li>
 * </ul>
 * Reference: the independent pandas implementation {@code tools/ml_features_reference.py}.
 */
public final class FeatureBuilder {
  /** The coin whose return and correlation the BTC features use. */
  public static final String BTC = "BTC";
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 86_400_000L;

  private FeatureBuilder() {
  }

  /**
   * Builds the features of {@code coin} with {@link FeatureConfig#DEFAULT}.
   *
   * @see #build(MarketData, String, FeatureConfig)
   */
  public static FeatureMatrix build(MarketData data, String coin) {
    return build(data, coin, FeatureConfig.DEFAULT);
  }

  /**
   * Builds the features of {@code coin}, columns {@link FeatureConfig#featureNames()} (see the class doc for the
   * formulas and NaN rules).
   *
   * @param data candles and funding on one grid (rows = bars by open time, columns = coins)
   * @param coin the coin, e.g. {@code "SOL"}
   * @param cfg the feature parameters
   * @return one row per bar of the grid, keyed by bar close time (epoch ms UTC)
   * @throws IllegalArgumentException if an argument is null, {@code coin} is not in the data (naming it), or
   *     {@code cfg.btcFeatures()} and {@code BTC} is not in the data
   * @throws DataException if a close of the coin or of BTC is not NaN and not {@code > 0} (naming coin, row and
   *     time)
   */
  public static FeatureMatrix build(MarketData data, String coin, FeatureConfig cfg) {
    Checks.notNull(data, "data");
    Checks.notNull(coin, "coin");
    Checks.notNull(cfg, "cfg");
    int col = column(data, coin, "");
    Panel closePanel = data.close();
    int rows = data.rows();
    double[] c = closePanel.column(col);
    checkPrices(closePanel, coin, c);
    double[] v = data.volume().column(col);
    double[] f = data.funding().column(col);
    for (int t = 0; t < rows; t++) {
      if (c[t] != c[t]) {
        f[t] = Double.NaN;
      }
    }
    double[] r1 = logReturns(c, 1);

    List<double[]> cols = new ArrayList<>();
    for (int h : cfg.returnHorizonsBars()) {
      cols.add(h == 1 ? r1 : logReturns(c, h));
    }
    for (int n : cfg.smaWindowsBars()) {
      double[] sma = Indicators.sma(c, n);
      double[] out = new double[rows];
      for (int t = 0; t < rows; t++) {
        out[t] = c[t] / sma[t] - 1.0;
      }
      cols.add(out);
    }
    Indicators.MacdResult macd = Indicators.macd(c, cfg.macdFastSpanBars(), cfg.macdSlowSpanBars(),
        cfg.macdSignalSpanBars());
    cols.add(dividedBy(macd.macd(), c));
    cols.add(dividedBy(macd.signal(), c));
    cols.add(dividedBy(macd.histogram(), c));
    Indicators.BollingerResult bb = Indicators.bollinger(c, cfg.bollingerWindowBars(), cfg.bollingerWidthStd());
    cols.add(bb.percentB());
    cols.add(bb.bandwidth());
    cols.add(Indicators.rsi(c, cfg.rsiWindowBars()));
    cols.add(Indicators.roc(c, cfg.rocLagBars()));
    cols.add(Indicators.rollingStd(r1, cfg.realisedVolWindowBars()));
    EwVolatility ev = new EwVolatility(cfg.ewVolSpanBars());
    double[] ewv = new double[rows];
    for (int t = 0; t < rows; t++) {
      ewv[t] = ev.update(r1[t]);
    }
    cols.add(ewv);
    double[] logV = new double[rows];
    for (int t = 0; t < rows; t++) {
      logV[t] = v[t] > 0 ? Math.log(v[t]) : Double.NaN;
    }
    for (int n : cfg.volumeZWindowsBars()) {
      cols.add(Indicators.rollingZScore(logV, n));
    }
    cols.add(f);
    double[] fchg = new double[rows];
    fchg[0] = Double.NaN;
    for (int t = 1; t < rows; t++) {
      fchg[t] = f[t] - f[t - 1];
    }
    cols.add(fchg);
    cols.add(Indicators.rollingSum(f, cfg.fundingSumWindowBars()));
    if (cfg.btcFeatures()) {
      int bcol = column(data, BTC, " (needed by the BTC features; set btcFeatures false to build without them)");
      double[] b = closePanel.column(bcol);
      checkPrices(closePanel, BTC, b);
      double[] br1 = logReturns(b, 1);
      cols.add(br1);
      cols.add(Indicators.rollingCorrelation(r1, br1, cfg.btcCorrWindowBars()));
    }
    if (cfg.calendarFeatures()) {
      double[] hour = new double[rows];
      double[] dow = new double[rows];
      for (int t = 0; t < rows; t++) {
        long open = closePanel.openTimeMs(t);
        hour[t] = Math.floorMod(open, DAY_MS) / HOUR_MS;
        dow[t] = Math.floorMod(Math.floorDiv(open, DAY_MS) + 3, 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
      }
      cols.add(hour);
      cols.add(dow);
    }

    List<String> names = cfg.featureNames();
    if (names.size() != cols.size()) {
      throw new IllegalStateException("built " + cols.size() + " columns for " + names.size() + " names");
    }
    double[] values = new double[rows * cols.size()];
    for (int j = 0; j < cols.size(); j++) {
      System.arraycopy(cols.get(j), 0, values, j * rows, rows);
    }
    long[] times = new long[rows];
    for (int t = 0; t < rows; t++) {
      times[t] = closePanel.closeTimeMs(t);
    }
    return FeatureMatrix.of(times, names, values);
  }

  private static int column(MarketData data, String coin, String why) {
    OptionalInt c = data.close().columnOf(coin);
    if (c.isEmpty()) {
      throw new IllegalArgumentException("coin '" + coin + "' is not in the market data" + why + " ("
          + data.coins().size() + " coins)");
    }
    return c.getAsInt();
  }

  private static void checkPrices(Panel close, String coin, double[] c) {
    for (int t = 0; t < c.length; t++) {
      if (!(c[t] > 0) && c[t] == c[t]) {
        throw new DataException("coin " + coin + " row " + t + " (open " + Instant.ofEpochMilli(close.openTimeMs(t))
            + "): close " + c[t] + " is not > 0");
      }
    }
  }

  /** {@code ln(C_t / C_{t-h})}, NaN for {@code t < h} or when either close is NaN. */
  private static double[] logReturns(double[] c, int h) {
    double[] out = new double[c.length];
    for (int t = 0; t < c.length; t++) {
      out[t] = t < h ? Double.NaN : LogReturns.of(c[t], c[t - h]);
    }
    return out;
  }

  private static double[] dividedBy(double[] x, double[] c) {
    double[] out = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      out[t] = x[t] / c[t];
    }
    return out;
  }
}
