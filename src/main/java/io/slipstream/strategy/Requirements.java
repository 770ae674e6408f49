package io.slipstream.strategy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;

/**
 * What a strategy needs from the runner that feeds it (Strata's {@code requirements()}): the backtest's warm-up, the
 * walk-forward's shortest train window and the live history fetch read this instead of knowing strategy names.
 *
 * @param interval the bar interval the strategy is fed
 * @param warmupBars bars of history the strategy needs before its first meaningful decision, {@code >= 0}; a train
 *     window (walk-forward) or a live history fetch must hold at least this many bars
 * @param readsFunding whether the strategy reads {@link BarContext#funding()} (the live runner fetches funding only
 *     then)
 * @param readsHighLow whether the strategy reads {@link BarContext#high()}/{@link BarContext#low()} (or open)
 * @param decisionEveryHours the decision schedule: the strategy may return targets only at bars whose close time in
 *     epoch hours is a multiple of this, {@code >= 1} (1 with hourly bars = every bar)
 */
public record Requirements(BarInterval interval, int warmupBars, boolean readsFunding, boolean readsHighLow,
    int decisionEveryHours) {
  /** Validates. @throws IllegalArgumentException for a null interval, negative warm-up or a schedule below 1 hour */
  public Requirements {
    Checks.notNull(interval, "interval");
    if (warmupBars < 0) {
      throw new IllegalArgumentException("Argument 'warmupBars' must be >= 0, was " + warmupBars);
    }
    Checks.positive(decisionEveryHours, "decisionEveryHours");
  }

  /**
   * @param closeTimeMs a bar's close time, epoch ms UTC
   * @return whether that close is on the decision schedule ({@code closeTime in hours % decisionEveryHours == 0})
   */
  public boolean isDecisionTime(long closeTimeMs) {
    return Math.floorMod(closeTimeMs, 3_600_000L) == 0
        && Math.floorMod(closeTimeMs / 3_600_000L, (long) decisionEveryHours) == 0;
  }
}
