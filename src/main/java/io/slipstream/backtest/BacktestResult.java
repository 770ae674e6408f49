package io.slipstream.backtest;

import io.slipstream.core.BarInterval;
import java.time.Instant;
import java.util.List;

/**
 * The ledger of a backtest, one row per booked bar (DESIGN.md convention 8): close time, gross return, funding
 * cost, fee cost, net return (decimal fractions of NAV), NAV (starts at 1 before the first row), turnover of the
 * rebalance decided at the previous bar's close (NAV fractions), book sizes chosen at the last rebalance, and the
 * weights held over each bar (signed NAV fractions, stored sparsely). Immutable; arrays are copied out.
 */
public final class BacktestResult {
  private final BarInterval interval;
  private final List<String> coins;
  private final long[] closeTimeMs;
  private final double[] gross;
  private final double[] funding;
  private final double[] fee;
  private final double[] net;
  private final double[] nav;
  private final double[] turnover;
  private final boolean[] rebalanced;
  private final int[] nLong;
  private final int[] nShort;
  private final double[] longExposure;
  private final double[] shortExposure;
  private final int[] weightRow;
  private final int[] weightCoin;
  private final double[] weightValue;

  BacktestResult(BarInterval interval, List<String> coins, long[] closeTimeMs, double[] gross, double[] funding,
      double[] fee, double[] net, double[] nav, double[] turnover, boolean[] rebalanced, int[] nLong, int[] nShort,
      double[] longExposure, double[] shortExposure, int[] weightRow, int[] weightCoin, double[] weightValue) {
    this.interval = interval;
    this.coins = List.copyOf(coins);
    this.closeTimeMs = closeTimeMs;
    this.gross = gross;
    this.funding = funding;
    this.fee = fee;
    this.net = net;
    this.nav = nav;
    this.turnover = turnover;
    this.rebalanced = rebalanced;
    this.nLong = nLong;
    this.nShort = nShort;
    this.longExposure = longExposure;
    this.shortExposure = shortExposure;
    this.weightRow = weightRow;
    this.weightCoin = weightCoin;
    this.weightValue = weightValue;
  }

  /** @return the bar interval */
  public BarInterval interval() {
    return interval;
  }

  /** @return the coins (columns of the data) */
  public List<String> coins() {
    return coins;
  }

  /** @return number of booked bars */
  public int size() {
    return closeTimeMs.length;
  }

  /** @return close time of booked bar {@code i} */
  public Instant time(int i) {
    return Instant.ofEpochMilli(closeTimeMs[i]);
  }

  /** @return close times of the booked bars, epoch ms UTC */
  public long[] closeTimesMs() {
    return closeTimeMs.clone();
  }

  /** @return gross returns {@code sum w R} per bar (decimal) */
  public double[] grossReturns() {
    return gross.clone();
  }

  /** @return funding costs {@code sum w F} per bar (decimal of NAV; positive = paid) */
  public double[] fundingCosts() {
    return funding.clone();
  }

  /** @return fee costs per bar (decimal of NAV) */
  public double[] feeCosts() {
    return fee.clone();
  }

  /** @return net returns per bar (decimal) */
  public double[] netReturns() {
    return net.clone();
  }

  /** @return NAV after each bar (starts from 1) */
  public double[] nav() {
    return nav.clone();
  }

  /** @return turnover booked in each bar (NAV fractions; 0 where no rebalance) */
  public double[] turnover() {
    return turnover.clone();
  }

  /** @return whether each bar carries a rebalance (decided at the previous close) */
  public boolean[] rebalanced() {
    return rebalanced.clone();
  }

  /** @return long book size chosen at the last rebalance, per bar */
  public int[] nLong() {
    return nLong.clone();
  }

  /** @return short book size chosen at the last rebalance, per bar */
  public int[] nShort() {
    return nShort.clone();
  }

  /** @return sum of positive weights held over each bar (NAV fraction) */
  public double[] longExposure() {
    return longExposure.clone();
  }

  /** @return sum of negative weights held over each bar (NAV fraction, {@code <= 0}) */
  public double[] shortExposure() {
    return shortExposure.clone();
  }

  /** @return number of non-zero (bar, coin) weight entries */
  public int weightEntries() {
    return weightRow.length;
  }

  /** @return booked-bar index of each weight entry */
  public int[] weightRows() {
    return weightRow.clone();
  }

  /** @return coin column of each weight entry */
  public int[] weightCoins() {
    return weightCoin.clone();
  }

  /** @return weight (signed NAV fraction held over the bar) of each entry */
  public double[] weightValues() {
    return weightValue.clone();
  }
}
