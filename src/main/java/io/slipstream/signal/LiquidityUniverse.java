package io.slipstream.signal;

import io.slipstream.core.Checks;
import io.slipstream.data.Panel;

/**
 * The tradable universe of the Gradient strategy at a bar (DESIGN.md convention 6): a coin is in when its score is
 * valid, {@code sigma_t > 0} and {@code ADV_t >= liquidity_threshold_usd / (liquidity_impact_pct / 100)}, i.e. a
 * trade of {@code liquidity_threshold_usd} is at most {@code liquidity_impact_pct} percent of a day's dollar volume.
 */
public final class LiquidityUniverse {
  private final double minAdvUsd;

  /**
   * @param liquidityThresholdUsd trade size in USD, {@code >= 0}
   * @param liquidityImpactPct the largest share of ADV one trade may be, in percent, {@code > 0}
   * @throws IllegalArgumentException on out-of-range values
   */
  public LiquidityUniverse(double liquidityThresholdUsd, double liquidityImpactPct) {
    Checks.nonNegative(liquidityThresholdUsd, "liquidityThresholdUsd");
    Checks.positive(liquidityImpactPct, "liquidityImpactPct");
    this.minAdvUsd = liquidityThresholdUsd / (liquidityImpactPct / 100.0);
  }

  /** @return the ADV floor in USD */
  public double minAdvUsd() {
    return minAdvUsd;
  }

  /**
   * @param score momentum score (NaN = not valid)
   * @param sigma EW volatility (decimal per bar)
   * @param advUsd dollar ADV (USD)
   * @return whether the coin is in the universe
   */
  public boolean contains(double score, double sigma, double advUsd) {
    return score == score && sigma > 0 && advUsd >= minAdvUsd;
  }

  /**
   * Batch form: 1.0 where the coin is in the universe, 0.0 elsewhere (never NaN).
   *
   * @param score scores; rows = bars, columns = coins. Not modified.
   * @param sigma EW volatility, same shape. Not modified.
   * @param adv dollar ADV in USD, same shape. Not modified.
   * @return membership panel
   */
  public Panel mask(Panel score, Panel sigma, Panel adv) {
    double[] s = score.toColumnMajor();
    double[] v = sigma.toColumnMajor();
    double[] a = adv.toColumnMajor();
    double[] out = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = contains(s[i], v[i], a[i]) ? 1.0 : 0.0;
    }
    return score.withValues(out);
  }
}
