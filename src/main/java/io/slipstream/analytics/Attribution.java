package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.Checks;
import io.slipstream.data.Panel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P&amp;L attribution of a ledger by coin, by source (price, funding, fees) and by leg (long, short), in NAV units
 * (fractions of the initial NAV), with the book's size and holding periods over time. For booked bar {@code i} with
 * NAV {@code nav_{i-1}} before it, weight {@code w_c} held over it, forward-filled close return {@code R_c} and
 * funding rate {@code F_c} (DESIGN.md convention 8, exactly as the ledger books them):
 * <ul>
 *   <li>price P&amp;L of coin c: {@code nav_{i-1} w_c R_c}; funding P&amp;L: {@code -nav_{i-1} w_c F_c} (0 when the
 *       run books no funding);</li>
 *   <li>fees of coin c: the bar's fee cost split over the coins in proportion to each coin's traded weight
 *       {@code |w_c - w_c,drifted|} at the rebalance: {@code -nav_{i-1} fee_i |dw_c| / sum |dw|}. With the flat fee
 *       model this is exactly {@code |dw_c| x fee_rate}; with a non-linear cost model (spread, square-root impact)
 *       it is a pro-rata allocation of the exact total;</li>
 *   <li>a coin's P&amp;L counts in the long leg over the bars where its weight is positive, in the short leg where
 *       negative; a trade's fee counts in the leg of the new weight (of the old one when the trade closes).</li>
 * </ul>
 * The parts sum to the total P&amp;L {@code nav_end - 1}: {@code sum_i nav_{i-1} net_i} telescopes to it;
 * {@link #residual()} is what is left (rounding, ~1e-15), reported rather than hidden. Positions over time count the
 * coins held long and short over each bar; the universe over time counts the coins with a price (a non-NaN close)
 * at each bar, i.e. the coins tradable in the data, not a strategy's filtered universe. A holding period is a maximal
 * run of consecutive bars over which a coin is held on one side (a run still open at the last bar counts up to it),
 * in days.
 */
public final class Attribution {
  private final List<String> coins;
  private final double[] price;
  private final double[] funding;
  private final double[] fees;
  private final double[] legLong;
  private final double[] legShort;
  private final double totalPnl;
  private final double residual;
  private final long[] closeTimesMs;
  private final int[] nLong;
  private final int[] nShort;
  private final int[] universe;
  private final double[] cumLong;
  private final double[] cumShort;
  private final double[] holdLong;
  private final double[] holdShort;

  private Attribution(List<String> coins, double[] price, double[] funding, double[] fees, double[] legLong,
      double[] legShort, double totalPnl, double residual, long[] closeTimesMs, int[] nLong, int[] nShort,
      int[] universe, double[] cumLong, double[] cumShort, double[] holdLong, double[] holdShort) {
    this.coins = List.copyOf(coins);
    this.price = price;
    this.funding = funding;
    this.fees = fees;
    this.legLong = legLong;
    this.legShort = legShort;
    this.totalPnl = totalPnl;
    this.residual = residual;
    this.closeTimesMs = closeTimesMs;
    this.nLong = nLong;
    this.nShort = nShort;
    this.universe = universe;
    this.cumLong = cumLong;
    this.cumShort = cumShort;
    this.holdLong = holdLong;
    this.holdShort = holdShort;
  }

  /**
   * Attributes a ledger.
   *
   * @param r the ledger
   * @param close the run's close prices (USD), rows = bars of the ledger's grid, columns = {@code r.coins()}
   * @param fundingRates the run's funding per bar (decimal rate of the bar, as the ledger books it), same shape
   * @param withFunding whether the run booked funding
   * @return the attribution
   * @throws IllegalArgumentException if the panels' coins differ from the ledger's
   */
  public static Attribution of(BacktestResult r, Panel close, Panel fundingRates, boolean withFunding) {
    List<String> coins = r.coins();
    if (!close.coins().equals(coins) || !fundingRates.coins().equals(coins)) {
      throw new IllegalArgumentException("Arguments 'close' and 'fundingRates' must have the ledger's "
          + coins.size() + " coins, had " + close.columns() + " and " + fundingRates.columns());
    }
    int n = r.size();
    int nc = coins.size();
    long[] t = r.closeTimesMs();
    double[] nav = r.nav();
    double[] gross = r.grossReturns();
    double[] fee = r.feeCosts();
    boolean[] reb = r.rebalanced();
    int[] wr = r.weightRows();
    int[] wc = r.weightCoins();
    double[] wv = r.weightValues();
    int rows = close.rows();
    double[] closeCm = close.toColumnMajor();
    double[] fundCm = fundingRates.toColumnMajor();
    double[] price = new double[nc];
    double[] fund = new double[nc];
    double[] fees = new double[nc];
    double[] legL = new double[3];
    double[] legS = new double[3];
    int[] nL = new int[n];
    int[] nS = new int[n];
    int[] uni = new int[n];
    double[] cumL = new double[n];
    double[] cumS = new double[n];
    double[] prevW = new double[nc];
    double[] prevR = new double[nc];
    double[] curW = new double[nc];
    double[] curR = new double[nc];
    int[] runStart = new int[nc];
    Arrays.fill(runStart, -1);
    List<Double> holdL = new ArrayList<>();
    List<Double> holdS = new ArrayList<>();
    double daysPerBar = r.interval().hours() / 24.0;
    double unallocated = 0;
    double sumL = 0;
    double sumS = 0;
    int e = 0;
    for (int i = 0; i < n; i++) {
      int row = close.lastRowClosedBy(t[i]);
      double scale = i == 0 ? 1.0 : nav[i - 1];
      Arrays.fill(curW, 0);
      while (e < wr.length && wr[e] == i) {
        int c = wc[e];
        double w = wv[e];
        double p0 = lastValid(closeCm, c * rows, row - 1);
        double p = closeCm[c * rows + row];
        double p1 = p == p ? p : p0;
        double rc = p1 / p0 - 1.0;
        curW[c] = w;
        curR[c] = rc;
        double g = scale * (w * rc);
        double f = withFunding ? -scale * (w * fundCm[c * rows + row]) : 0.0;
        price[c] += g;
        fund[c] += f;
        double[] leg = w > 0 ? legL : legS;
        leg[0] += g;
        leg[1] += f;
        if (w > 0) {
          nL[i]++;
          sumL += g + f;
        } else {
          nS[i]++;
          sumS += g + f;
        }
        e++;
      }
      if (reb[i] && fee[i] != 0) {
        // traded weight per coin: new weight minus the previous bar's weight drifted through its return
        double prevDenom = i == 0 ? 1.0 : 1.0 + gross[i - 1];
        double tot = 0;
        double[] dw = new double[nc];
        for (int c = 0; c < nc; c++) {
          double drifted = prevW[c] == 0 || !(prevDenom > 0) ? 0.0 : prevW[c] * (1.0 + prevR[c]) / prevDenom;
          dw[c] = Math.abs(curW[c] - drifted);
          tot += dw[c];
        }
        if (tot > 0) {
          for (int c = 0; c < nc; c++) {
            if (dw[c] > 0) {
              double fc = -scale * fee[i] * (dw[c] / tot);
              fees[c] += fc;
              boolean isLong = curW[c] != 0 ? curW[c] > 0 : prevW[c] > 0;
              (isLong ? legL : legS)[2] += fc;
              if (isLong) {
                sumL += fc;
              } else {
                sumS += fc;
              }
            }
          }
        } else {
          unallocated -= scale * fee[i];
        }
      }
      cumL[i] = sumL;
      cumS[i] = sumS;
      int u = 0;
      for (int c = 0; c < nc; c++) {
        if (!Double.isNaN(closeCm[c * rows + row])) {
          u++;
        }
        // holding periods: a run ends when the side changes or the coin is dropped
        int side = Double.compare(curW[c], 0.0);
        int prevSide = Double.compare(prevW[c], 0.0);
        if (prevSide != 0 && side != prevSide) {
          (prevSide > 0 ? holdL : holdS).add((i - runStart[c]) * daysPerBar);
          runStart[c] = -1;
        }
        if (side != 0 && runStart[c] < 0) {
          runStart[c] = i;
        }
      }
      uni[i] = u;
      // this bar's weights become the previous ones (only coins held now or before change)
      for (int c = 0; c < nc; c++) {
        prevW[c] = curW[c];
        prevR[c] = curW[c] != 0 ? curR[c] : 0;
      }
    }
    for (int c = 0; c < nc; c++) {
      if (runStart[c] >= 0) {
        (prevW[c] > 0 ? holdL : holdS).add((n - runStart[c]) * daysPerBar);
      }
    }
    double total = nav[n - 1] - 1;
    double attributed = unallocated;
    for (int c = 0; c < nc; c++) {
      attributed += price[c] + fund[c] + fees[c];
    }
    double[] legLong = {legL[0], legL[1], legL[2], legL[0] + legL[1] + legL[2]};
    double[] legShort = {legS[0], legS[1], legS[2], legS[0] + legS[1] + legS[2]};
    return new Attribution(coins, price, fund, fees, legLong, legShort, total, total - attributed, t, nL, nS, uni,
        cumL, cumS, holdL.stream().mapToDouble(Double::doubleValue).toArray(),
        holdS.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double lastValid(double[] cm, int base, int row) {
    for (int k = row; k >= 0; k--) {
      double p = cm[base + k];
      if (p == p) {
        return p;
      }
    }
    return Double.NaN;
  }

  /** One coin's P&amp;L, NAV fractions. */
  public record CoinPnl(String coin, double price, double funding, double fees, double net) {
  }

  /** @return every coin that was held or traded, sorted by net P&amp;L descending (ties: coin name) */
  public List<CoinPnl> byCoin() {
    List<CoinPnl> out = new ArrayList<>();
    for (int c = 0; c < coins.size(); c++) {
      if (price[c] != 0 || funding[c] != 0 || fees[c] != 0) {
        out.add(new CoinPnl(coins.get(c), price[c], funding[c], fees[c], price[c] + funding[c] + fees[c]));
      }
    }
    out.sort(Comparator.comparingDouble(CoinPnl::net).reversed().thenComparing(CoinPnl::coin));
    return out;
  }

  /** @return long leg {price, funding, fees, net} P&amp;L, NAV fractions */
  public double[] longLeg() {
    return legLong.clone();
  }

  /** @return short leg {price, funding, fees, net} P&amp;L, NAV fractions */
  public double[] shortLeg() {
    return legShort.clone();
  }

  /** @return {@code nav_end - 1}, NAV fractions */
  public double totalPnl() {
    return totalPnl;
  }

  /** @return total P&amp;L minus the sum of all attributed parts (rounding only) */
  public double residual() {
    return residual;
  }

  /** @return the ledger's bar close times, epoch ms */
  public long[] closeTimesMs() {
    return closeTimesMs.clone();
  }

  /** @return coins held long over each bar */
  public int[] longPositions() {
    return nLong.clone();
  }

  /** @return coins held short over each bar */
  public int[] shortPositions() {
    return nShort.clone();
  }

  /** @return coins with a price at each bar (tradable in the data) */
  public int[] universeSize() {
    return universe.clone();
  }

  /** @return cumulative P&amp;L of the long leg after each bar, NAV fractions */
  public double[] cumulativeLong() {
    return cumLong.clone();
  }

  /** @return cumulative P&amp;L of the short leg after each bar, NAV fractions */
  public double[] cumulativeShort() {
    return cumShort.clone();
  }

  /** @return holding periods of long positions, days */
  public double[] holdingDaysLong() {
    return holdLong.clone();
  }

  /** @return holding periods of short positions, days */
  public double[] holdingDaysShort() {
    return holdShort.clone();
  }

  /**
   * @param k how many at each end
   * @return the summary for {@code metrics.json}: total, residual, legs, top and bottom {@code k} coins, holding
   *     period statistics
   */
  public Map<String, Object> toMap(int k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basis", "NAV fractions (P&L over the run / initial NAV); fees split pro rata to traded weight");
    m.put("total_pnl", totalPnl);
    m.put("residual", residual);
    m.put("long_leg", leg(legLong));
    m.put("short_leg", leg(legShort));
    List<CoinPnl> all = byCoin();
    m.put("coins_traded", all.size());
    m.put("top_coins", all.subList(0, Math.min(k, all.size())).stream().map(Attribution::coin).toList());
    List<CoinPnl> bottom = new ArrayList<>(all.subList(Math.max(0, all.size() - k), all.size()));
    java.util.Collections.reverse(bottom);
    m.put("bottom_coins", bottom.stream().map(Attribution::coin).toList());
    m.put("holding_days_long", holdingStats(holdLong));
    m.put("holding_days_short", holdingStats(holdShort));
    return m;
  }

  private static Map<String, Object> leg(double[] l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("price", l[0]);
    m.put("funding", l[1]);
    m.put("fees", l[2]);
    m.put("net", l[3]);
    return m;
  }

  private static Map<String, Object> coin(CoinPnl c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("coin", c.coin());
    m.put("price", c.price());
    m.put("funding", c.funding());
    m.put("fees", c.fees());
    m.put("net", c.net());
    return m;
  }

  /**
   * @param days holding periods; not modified
   * @return count, mean, median, max (NaN as null when empty)
   */
  public static Map<String, Object> holdingStats(double[] days) {
    Checks.notNull(days, "days");
    double[] s = days.clone();
    Arrays.sort(s);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.length);
    m.put("mean", Metrics.num(s.length > 0 ? Arrays.stream(s).sum() / s.length : Double.NaN));
    m.put("median", Metrics.num(Metrics.sortedQuantile(s, 0.5)));
    m.put("max", Metrics.num(s.length > 0 ? s[s.length - 1] : Double.NaN));
    return m;
  }
}
