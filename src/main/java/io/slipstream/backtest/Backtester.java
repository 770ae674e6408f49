package io.slipstream.backtest;

import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.cost.CostModel;
import io.slipstream.cost.FeeModel;
import io.slipstream.cost.TradeCosts;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.cost.CostConfig;
import io.slipstream.cost.LiquidityCostModel;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.strategy.SignalCache;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Path-dependent ledger of DESIGN.md convention 8. For each booked bar {@code t} (the bar after decision bar
 * {@code t-1}):
 * <ul>
 *   <li>if the decision bar is a rebalance, {@code turnover = sum |w_new - w_drifted|}, {@code w <- w_new},
 *       {@code fee_cost = C(w_new - w_drifted)} (booked in this bar) with {@code C} the {@link CostModel}'s
 *       {@link TradeCosts} at the decision bar and the NAV in USD then ({@code capital_usd x nav}); with a
 *       {@link FeeModel} this is {@code turnover x fee_rate}. When the cost model has a minimum trade size, a trade
 *       below it is not made (the coin keeps its drifted weight) unless it closes the position;</li>
 *   <li>{@code R = P_t / P_{t-1} - 1} on the forward-filled close; {@code gross = sum w R};
 *       {@code funding_cost = sum w F} with F the funding of bar t (zero when funding is off);</li>
 *   <li>{@code net = gross - funding_cost - fee_cost}, {@code nav_t = nav_{t-1} (1 + net)}, nav starts at 1;</li>
 *   <li>weights drift: {@code w <- w (1 + R) / (1 + gross)}; if {@code gross <= -1} the book is liquidated
 *       (all weights 0 until the next rebalance).</li>
 * </ul>
 * Booked bars (convention 9): open time {@code >= start} and close time {@code <= end}, i.e. close time in
 * {@code (start, end]} with the decision bar closing at or after {@code start}; signals warm up on all earlier
 * history; weights are zero until the first rebalance at or after {@code start}.
 */
public final class Backtester {
  private Backtester() {
  }

  /**
   * Runs the configured strategy (its registered spec's batch path) through the ledger with the config's cost model.
   *
   * @param data masked market data of the config's interval
   * @param config the run config
   * @return the ledger
   * @throws ConfigException when no bar closes in the window
   */
  public static BacktestResult run(MarketData data, BacktestConfig config) {
    CostModel costs = costModel(data, config);
    TargetSource targets = targets(config, data, costs, SignalCache.none());
    return run(data, targets, costs, config.funding(), config.capitalUsd(), config.start(), config.end());
  }

  /**
   * The targets of a config's strategy over a whole run: its registered spec's batch path (bit-identical to feeding
   * the strategy bar by bar).
   *
   * @param config the run config
   * @param data masked market data of the run
   * @param costs the run's cost model (see {@link #costModel})
   * @param cache precomputed signals shared between runs over the same data
   * @return target weights by decision row
   */
  public static TargetSource targets(BacktestConfig config, MarketData data, CostModel costs, SignalCache cache) {
    return config.spec().batch(config.params(), data, costs, cache);
  }

  /**
   * The run's cost model: fees only ({@link CostModel#flat}, DESIGN.md convention 8) when the config has no spread,
   * impact or minimum trade, else a {@link LiquidityCostModel} over the data. The same object is handed to the
   * strategy (cost-aware optimisers) and charged by the ledger.
   *
   * @param data market data of the run
   * @param config the run config
   * @return the cost model
   */
  public static CostModel costModel(MarketData data, BacktestConfig config) {
    CostConfig c = config.costConfig();
    if (c.equals(CostConfig.feesOnly(c.fees()))) {
      return CostModel.flat(c.fees(), data.coins().size());
    }
    return LiquidityCostModel.of(data, c);
  }

  /**
   * Runs target weights through the ledger.
   *
   * @param data masked market data (closes in USD, funding per bar as decimal rates)
   * @param targets target weights by decision row; asked in increasing row order
   * @param costs fee model
   * @param withFunding whether funding is booked
   * @param start booked bars close after this instant; empty = from the first bar
   * @param end booked bars close at or before this instant; empty = to the last bar
   * @return the ledger
   * @throws ConfigException ({@code start}/{@code end}) when no bar of the data lies in the window
   * @throws DataException when a target holds a coin that has no price at the decision bar
   */
  public static BacktestResult run(MarketData data, TargetSource targets, FeeModel costs, boolean withFunding,
      Optional<Instant> start, Optional<Instant> end) {
    return run(data, targets, CostModel.flat(costs, data.close().columns()), withFunding, 1.0, start, end);
  }

  /**
   * Runs target weights through the ledger with a general cost model.
   *
   * @param data masked market data (closes in USD, funding per bar as decimal rates)
   * @param targets target weights by decision row; asked in increasing row order, told the NAV in USD and the
   *     drifted weights at the decision
   * @param costs cost model over the columns of {@code data}, asked at each rebalance's decision bar
   * @param withFunding whether funding is booked
   * @param capitalUsd account value in USD at nav 1, {@code > 0}; the NAV in USD is {@code capitalUsd x nav}
   * @param start booked bars close after this instant; empty = from the first bar
   * @param end booked bars close at or before this instant; empty = to the last bar
   * @return the ledger
   * @throws ConfigException ({@code start}/{@code end}) when no bar of the data lies in the window
   * @throws DataException when a target holds a coin that has no price at the decision bar
   */
  public static BacktestResult run(MarketData data, TargetSource targets, CostModel costs, boolean withFunding,
      double capitalUsd, Optional<Instant> start, Optional<Instant> end) {
    io.slipstream.core.Checks.positive(capitalUsd, "capital_usd");
    Panel close = data.close();
    Panel fundingPanel = data.funding();
    int rows = close.rows();
    int n = close.columns();
    int[] booked = bookedRows(close, start, end);
    int t0 = booked[0];
    int t1 = booked[1];
    double minTradeUsd = costs.minTradeUsd();
    double[] dw = new double[n];
    int m = t1 - t0 + 1;
    long[] times = new long[m];
    double[] gross = new double[m];
    double[] fund = new double[m];
    double[] fee = new double[m];
    double[] net = new double[m];
    double[] nav = new double[m];
    double[] turn = new double[m];
    boolean[] reb = new boolean[m];
    int[] nl = new int[m];
    int[] ns = new int[m];
    double[] lx = new double[m];
    double[] sx = new double[m];
    int cap = Math.max(16, m * 4);
    int[] wRow = new int[cap];
    int[] wCoin = new int[cap];
    double[] wVal = new double[cap];
    int entries = 0;

    // Column-major copies; the per-bar loop touches only the coins held, each walking down its own column, so
    // every cache line read serves several consecutive bars.
    double[] closeCm = close.toColumnMajor();
    double[] fundCm = withFunding ? fundingPanel.toColumnMajor() : null;
    double[] last = new double[n];
    double[] w = new double[n];
    double[] r = new double[n];
    int[] held = new int[n];
    int nHeld = 0;
    double navNow = 1.0;
    int curLong = 0;
    int curShort = 0;
    for (int t = t0; t <= t1; t++) {
      int i = t - t0;
      int d = t - 1;
      double turnover = 0.0;
      double fc = 0.0;
      if (d >= 0) {
        double navUsd = capitalUsd * navNow;
        Optional<TargetWeights> tw = targets.targetsAt(d, navUsd, w);
        if (tw.isPresent()) {
          TargetWeights target = tw.get();
          nHeld = 0;
          for (int c = 0; c < n; c++) {
            double nw = target.weight(c);
            if (minTradeUsd > 0 && nw != 0.0 && Math.abs(nw - w[c]) * navUsd < minTradeUsd) {
              nw = w[c];
            }
            double delta = nw - w[c];
            dw[c] = delta;
            turnover += Math.abs(delta);
            if (nw != 0.0) {
              if (w[c] == 0.0) {
                last[c] = lastValid(close, c, d);
              }
              held[nHeld++] = c;
            }
            w[c] = nw;
          }
          curLong = target.nLong();
          curShort = target.nShort();
          reb[i] = true;
          fc = costs.at(d, navUsd).cost(dw);
        }
      }
      double g = 0.0;
      double f = 0.0;
      double longX = 0.0;
      double shortX = 0.0;
      if (entries + nHeld > wRow.length) {
        int nc = Math.max(wRow.length * 2, entries + nHeld);
        wRow = Arrays.copyOf(wRow, nc);
        wCoin = Arrays.copyOf(wCoin, nc);
        wVal = Arrays.copyOf(wVal, nc);
      }
      for (int k = 0; k < nHeld; k++) {
        int c = held[k];
        double wc = w[c];
        double p = closeCm[c * rows + t];
        double p0 = last[c];
        double p1 = p == p ? p : p0;
        double rc = p1 / p0 - 1.0;
        last[c] = p1;
        r[c] = rc;
        g += wc * rc;
        if (fundCm != null) {
          f += wc * fundCm[c * rows + t];
        }
        if (wc > 0) {
          longX += wc;
        } else {
          shortX += wc;
        }
        wRow[entries] = i;
        wCoin[entries] = c;
        wVal[entries] = wc;
        entries++;
      }
      double nr = g - f - fc;
      navNow *= 1.0 + nr;
      times[i] = close.closeTimeMs(t);
      gross[i] = g;
      fund[i] = f;
      fee[i] = fc;
      net[i] = nr;
      nav[i] = navNow;
      turn[i] = turnover;
      nl[i] = curLong;
      ns[i] = curShort;
      lx[i] = longX;
      sx[i] = shortX;
      double denom = 1.0 + g;
      if (!(denom > 0)) {
        // the book lost 100% or more of NAV over this bar: it is liquidated, nothing is held until the next rebalance
        for (int k = 0; k < nHeld; k++) {
          w[held[k]] = 0.0;
        }
        nHeld = 0;
      }
      for (int k = 0; k < nHeld; k++) {
        int c = held[k];
        w[c] = w[c] * (1.0 + r[c]) / denom;
      }
    }
    return new BacktestResult(close.interval(), close.coins(), times, gross, fund, fee, net, nav, turn, reb, nl, ns,
        lx, sx, Arrays.copyOf(wRow, entries), Arrays.copyOf(wCoin, entries), Arrays.copyOf(wVal, entries));
  }

  /**
   * The rows a run over {@code (start, end]} books (convention 9): open time {@code >= start}, close time
   * {@code <= end}.
   *
   * @param panel any panel of the run's data (its time grid is used)
   * @param start booked bars close after this instant; empty = from the first bar
   * @param end booked bars close at or before this instant; empty = to the last bar
   * @return {@code {first, last}} booked rows, inclusive
   * @throws ConfigException ({@code start}, else {@code end}) when no bar lies in the window
   */
  public static int[] bookedRows(Panel panel, Optional<Instant> start, Optional<Instant> end) {
    int rows = panel.rows();
    long startMs = start.map(Instant::toEpochMilli).orElse(panel.openTimeMs(0));
    long endMs = end.map(Instant::toEpochMilli).orElse(panel.closeTimeMs(rows - 1));
    long step = panel.interval().millis();
    int t0 = (int) Math.max(0, Math.min(rows, ceilDiv(startMs - panel.firstOpenMs(), step)));
    int t1 = (int) Math.min(rows - 1L, Math.floorDiv(endMs - panel.firstOpenMs(), step) - 1);
    if (t0 > t1) {
      throw new ConfigException(start.isPresent() ? "start" : "end", "no bar closes in (" + Instant.ofEpochMilli(startMs)
          + ", " + Instant.ofEpochMilli(endMs) + "]: the data covers bars closing " + panel.closeTime(0) + " .. "
          + panel.closeTime(rows - 1));
    }
    return new int[] {t0, t1};
  }

  /** The last non-NaN close of column c at or before row d (forward fill); throws when the coin has no price. */
  private static double lastValid(Panel close, int c, int d) {
    for (int t = d; t >= 0; t--) {
      double p = close.get(t, c);
      if (p == p) {
        return p;
      }
    }
    throw new DataException("target holds " + close.coins().get(c) + " at " + close.closeTime(d)
        + " but it has no price at or before that bar");
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
