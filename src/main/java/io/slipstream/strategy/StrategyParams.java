package io.slipstream.strategy;

import io.slipstream.core.BarInterval;

/**
 * A strategy's parsed config section (an immutable record owned by its {@link StrategySpec}). The few numbers every
 * runner needs without knowing the strategy are exposed here; everything else is the strategy's own business.
 */
public interface StrategyParams {
  /** @return the bar interval the parameters were written for */
  BarInterval interval();

  /**
   * @return the largest gross exposure {@code sum |w|} the strategy targets, NAV multiple; the live runner's default
   *     gross risk limit
   */
  double grossLeverage();

  /** @return the largest {@code |w|} per coin the strategy targets, percent of NAV; the live runner's default cap */
  double maxPositionPct();
}
