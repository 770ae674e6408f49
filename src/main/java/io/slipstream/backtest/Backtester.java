package io.slipstream.backtest;

import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.GradientStrategy;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Path-dependent ledger of DESIGN.md convention 8. For each booked bar {@code t} (the bar after decision bar
 * {@code t-1}):
 * <ul>
 *   <li>if the decision bar is a rebalance, {@code turnover = sum |w_new - w_drifted|}, {@code w <- w_new},
 *       {@code fee_cost = turnover x fee_rate} (booked in this bar);</li>
 *   <li>{@code R = P_t / P_{t-1} - 1} on the forward-filled close; {@code gross = sum w R};
 *       {@code funding_cost = sum w F} with F the funding of bar t (zero when funding is off);</li>
 *   <li>{@code net = gross - funding_cost - fee_cost}, {@code nav_t = nav_{t-1} (1 + net)}, nav starts at 1;</li>
 *   <li>weights drift: {@code w <- w (1 + R) / (1 + gross)}.</li>
 * </ul>
 * Booked bars (convention 9): open time {@code >= start} and close time {@code <= end}, i.e. close time in
 * {@code (start, end]} with the decision bar closing at or after {@code start}; signals warm up on all earlier
 * history; weights are zero until the first rebalance at or after {@code start}.
 */
public final class Backtester {
  private Backtester() {
  }

  /**
   * Runs the configured strategy (vectorised signals) through the ledger.
   *
   * @param data masked market data of the config's interval
   * @param config the run config
   * @return the ledger
   * @throws ConfigException when no bar closes in the window
   */
  public static BacktestResult run(MarketData data, BacktestConfig config) {
    GradientStrategy strategy = new GradientStrategy(config.gradient(), data.coins());
    return run(data, strategy.batch(data), config.costs(), config.funding(), config.start(), config.end());
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
    Panel close = data.close();
    Panel fundingPanel = data.funding();
    int rows = close.rows();
    int n = close.columns();
    long startMs = start.map(Instant::toEpochMilli).orElse(close.openTimeMs(0));
    long endMs = end.map(Instant::toEpochMilli).orElse(close.closeTimeMs(rows - 1));
    long step = close.interval().millis();
    int t0 = (int) Math.max(0, Math.min(rows, ceilDiv(startMs - close.firstOpenMs(), step)));
    int t1 = (int) Math.min(rows - 1L, Math.floorDiv(endMs - close.firstOpenMs(), step) - 1);
    if (t0 > t1) {
      throw new ConfigException(start.isPresent() ? "start" : "end", "no bar closes in (" + Instant.ofEpochMilli(startMs)
          + ", " + Instant.ofEpochMilli(endMs) + "]: the data covers bars closing " + close.closeTime(0) + " .. "
          + close.closeTime(rows - 1));
    }
    double feeRate = costs.feeRate();
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

    double[] closeCm = close.toColumnMajor();
    double[] fundCm = withFunding ? fundingPanel.toColumnMajor() : null;
    double[] last = new double[n];
    Arrays.fill(last, Double.NaN);
    for (int c = 0; c < n; c++) {
      int base = c * rows;
      for (int t = 0; t < t0; t++) {
        double p = closeCm[base + t];
        if (p == p) {
          last[c] = p;
        }
      }
    }
    double[] w = new double[n];
    double[] r = new double[n];
    double navNow = 1.0;
    int curLong = 0;
    int curShort = 0;
    for (int t = t0; t <= t1; t++) {
      int i = t - t0;
      int d = t - 1;
      double turnover = 0.0;
      if (d >= 0) {
        Optional<TargetWeights> tw = targets.targetsAt(d);
        if (tw.isPresent()) {
          TargetWeights target = tw.get();
          for (int c = 0; c < n; c++) {
            double nw = target.weight(c);
            if (nw != 0.0 && !(last[c] == last[c])) {
              throw new DataException("target holds " + close.coins().get(c) + " at " + close.closeTime(d)
                  + " but it has no price");
            }
            turnover += Math.abs(nw - w[c]);
            w[c] = nw;
          }
          curLong = target.nLong();
          curShort = target.nShort();
          reb[i] = true;
        }
      }
      double g = 0.0;
      double f = 0.0;
      double longX = 0.0;
      double shortX = 0.0;
      for (int c = 0; c < n; c++) {
        double p = closeCm[c * rows + t];
        double wc = w[c];
        if (wc != 0.0) {
          double p0 = last[c];
          double p1 = p == p ? p : p0;
          double rc = p1 / p0 - 1.0;
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
          if (entries == wRow.length) {
            int nc = wRow.length * 2;
            wRow = Arrays.copyOf(wRow, nc);
            wCoin = Arrays.copyOf(wCoin, nc);
            wVal = Arrays.copyOf(wVal, nc);
          }
          wRow[entries] = i;
          wCoin[entries] = c;
          wVal[entries] = wc;
          entries++;
        }
        if (p == p) {
          last[c] = p;
        }
      }
      double fc = turnover * feeRate;
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
      for (int c = 0; c < n; c++) {
        if (w[c] != 0.0) {
          w[c] = w[c] * (1.0 + r[c]) / denom;
        }
      }
    }
    return new BacktestResult(close.interval(), close.coins(), times, gross, fund, fee, net, nav, turn, reb, nl, ns,
        lx, sx, Arrays.copyOf(wRow, entries), Arrays.copyOf(wCoin, entries), Arrays.copyOf(wVal, entries));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
