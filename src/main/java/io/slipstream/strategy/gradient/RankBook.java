package io.slipstream.strategy.gradient;

import io.slipstream.portfolio.TargetWeights;
import io.slipstream.portfolio.WeightScheme;
import io.slipstream.signal.LiquidityUniverse;
import java.util.List;

/**
 * Rank/quantile book of the Gradient strategy (DESIGN.md convention 7). At a rebalance bar, over the universe
 * ({@link LiquidityUniverse}: valid score, {@code sigma > 0}, ADV above the floor) of size {@code N}:
 * {@code n = floor(concentration_pct x N / 100 + 1e-9)}; no positions if {@code n < 1}; coins sorted by score
 * descending (ties: coin name ascending); long the first {@code n}, short the last {@code n}. Per side, weights are
 * proportional to {@code 1/sigma} ({@link WeightScheme#INVERSE_VOL}) or equal, each side summing to
 * {@code gross_leverage / 2} (shorts negative), then clipped to {@code +-max_position_pct / 100} without
 * redistribution, so a side may sum to less after clipping.
 *
 * <p>Reusable per strategy instance (not thread-safe: it keeps scratch arrays).
 */
public final class RankBook {
  private final GradientConfig config;
  private final List<String> coins;
  private final LiquidityUniverse universe;
  private final int[] nameRank;
  private final int[] scratch;
  private final int[] tmp;

  /**
   * @param config strategy parameters
   * @param coins column names, in panel order
   */
  public RankBook(GradientConfig config, List<String> coins) {
    this.config = config;
    this.coins = List.copyOf(coins);
    this.universe = new LiquidityUniverse(config.liquidityThresholdUsd(), config.liquidityImpactPct());
    int n = coins.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> this.coins.get(a).compareTo(this.coins.get(b)));
    this.nameRank = new int[n];
    for (int r = 0; r < n; r++) {
      nameRank[order[r]] = r;
    }
    this.scratch = new int[n];
    this.tmp = new int[n];
  }

  /** @return the universe rule in use */
  public LiquidityUniverse universe() {
    return universe;
  }

  /**
   * Builds the book.
   *
   * @param decisionTimeMs the rebalance bar's close time, epoch ms UTC
   * @param score momentum score per coin (NaN = not valid). Not modified.
   * @param sigma EW volatility per coin (decimal per bar). Not modified.
   * @param advUsd dollar ADV per coin (USD). Not modified.
   * @return target weights (all zero when {@code n < 1})
   */
  public TargetWeights build(long decisionTimeMs, double[] score, double[] sigma, double[] advUsd) {
    int m = 0;
    for (int c = 0; c < coins.size(); c++) {
      if (universe.contains(score[c], sigma[c], advUsd[c])) {
        scratch[m++] = c;
      }
    }
    double[] w = new double[coins.size()];
    int n = (int) Math.floor(config.concentrationPct() * m / 100.0 + 1e-9);
    if (n < 1) {
      return new TargetWeights(decisionTimeMs, coins, w, 0, 0);
    }
    sort(scratch, 0, m, score);
    double half = config.grossLeverage() / 2.0;
    double cap = config.maxPositionPct() / 100.0;
    setSide(w, scratch, 0, n, sigma, half, cap);
    setSide(w, scratch, m - n, m, sigma, -half, cap);
    return new TargetWeights(decisionTimeMs, coins, w, n, n);
  }

  private void setSide(double[] w, int[] idx, int from, int to, double[] sigma, double sideSum, double cap) {
    int n = to - from;
    if (config.weightScheme() == WeightScheme.EQUAL) {
      double each = sideSum / n;
      for (int i = from; i < to; i++) {
        w[idx[i]] += clip(each, cap);
      }
      return;
    }
    double sumInv = 0.0;
    for (int i = from; i < to; i++) {
      sumInv += 1.0 / sigma[idx[i]];
    }
    for (int i = from; i < to; i++) {
      w[idx[i]] += clip(sideSum * (1.0 / sigma[idx[i]]) / sumInv, cap);
    }
  }

  private static double clip(double x, double cap) {
    return Math.max(-cap, Math.min(cap, x));
  }

  /** Stable merge sort of {@code idx[from, to)} by score descending, then coin name ascending. */
  private void sort(int[] idx, int from, int to, double[] score) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    sort(idx, from, mid, score);
    sort(idx, mid, to, score);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      tmp[k++] = before(idx[j], idx[i], score) ? idx[j++] : idx[i++];
    }
    while (i < mid) {
      tmp[k++] = idx[i++];
    }
    while (j < to) {
      tmp[k++] = idx[j++];
    }
    System.arraycopy(tmp, from, idx, from, to - from);
  }

  private boolean before(int a, int b, double[] score) {
    double sa = score[a];
    double sb = score[b];
    if (sa != sb) {
      return sa > sb;
    }
    return nameRank[a] < nameRank[b];
  }
}
