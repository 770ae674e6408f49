package io.slipstream.strategy.gradient;

import io.slipstream.portfolio.WeightScheme;
import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.strategy.StrategyParams;
import java.util.List;

/**
 * Parameters of the Gradient cross-sectional momentum strategy (DESIGN.md conventions 3 to 7); config keys in
 * parentheses.
 *
 * @param interval bar interval ({@code interval})
 * @param concentrationPct share of the universe held on each side, percent in {@code (0, 50]}
 *     ({@code concentration_pct})
 * @param rebalanceFreqHours rebalance when the bar's close time in epoch hours is a multiple of this, {@code >= 1}
 *     ({@code rebalance_freq_hours})
 * @param weightScheme weights within a side ({@code weight_scheme})
 * @param lookbackSpans momentum EWMA spans in bars, each {@code >= 1} ({@code lookback_spans})
 * @param volSpan EW volatility span in bars, {@code >= 1} ({@code vol_span})
 * @param warmupBars valid z values before a coin's score is valid, {@code >= 0} ({@code warmup_bars})
 * @param liquidityThresholdUsd trade size in USD, {@code >= 0} ({@code liquidity_threshold_usd})
 * @param liquidityImpactPct largest share of ADV a trade may be, percent in {@code (0, 100]}
 *     ({@code liquidity_impact_pct})
 * @param grossLeverage {@code sum |w|} before clipping, NAV multiple {@code > 0} ({@code gross_leverage})
 * @param maxPositionPct cap on {@code |w|} per coin, percent of NAV in {@code (0, 100]} ({@code max_position_pct})
 */
public record GradientConfig(BarInterval interval, double concentrationPct, int rebalanceFreqHours,
    WeightScheme weightScheme, List<Integer> lookbackSpans, int volSpan, int warmupBars,
    double liquidityThresholdUsd, double liquidityImpactPct, double grossLeverage, double maxPositionPct)
    implements StrategyParams {
  /** Validates every field. @throws IllegalArgumentException naming the config key and the value */
  public GradientConfig {
    Checks.notNull(interval, "interval");
    Checks.notNull(weightScheme, "weight_scheme");
    if (!(concentrationPct > 0 && concentrationPct <= 50)) {
      throw new IllegalArgumentException("Argument 'concentration_pct' must be in (0, 50], was " + concentrationPct);
    }
    Checks.positive(rebalanceFreqHours, "rebalance_freq_hours");
    lookbackSpans = List.copyOf(Checks.notNull(lookbackSpans, "lookback_spans"));
    if (lookbackSpans.isEmpty()) {
      throw new IllegalArgumentException("Argument 'lookback_spans' must not be empty");
    }
    for (int s : lookbackSpans) {
      Checks.positive(s, "lookback_spans");
    }
    Checks.positive(volSpan, "vol_span");
    if (warmupBars < 0) {
      throw new IllegalArgumentException("Argument 'warmup_bars' must be >= 0, was " + warmupBars);
    }
    Checks.nonNegative(liquidityThresholdUsd, "liquidity_threshold_usd");
    if (!(liquidityImpactPct > 0 && liquidityImpactPct <= 100)) {
      throw new IllegalArgumentException(
          "Argument 'liquidity_impact_pct' must be in (0, 100], was " + liquidityImpactPct);
    }
    Checks.positive(grossLeverage, "gross_leverage");
    if (!(maxPositionPct > 0 && maxPositionPct <= 100)) {
      throw new IllegalArgumentException("Argument 'max_position_pct' must be in (0, 100], was " + maxPositionPct);
    }
  }

  /**
   * @param closeTimeMs a bar's close time, epoch ms UTC
   * @return whether that close is a rebalance time: close time in epoch hours is a multiple of
   *     {@code rebalanceFreqHours} (convention 7)
   */
  public boolean isRebalanceTime(long closeTimeMs) {
    return Math.floorMod(closeTimeMs, 3_600_000L) == 0
        && Math.floorMod(closeTimeMs / 3_600_000L, (long) rebalanceFreqHours) == 0;
  }
}
