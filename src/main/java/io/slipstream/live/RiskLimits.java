package io.slipstream.live;

import io.slipstream.core.Checks;

/**
 * The live runner's risk limits, checked by {@link RiskChecks} before orders are sent ({@link RiskChecks#preTrade})
 * and after a rebalance ({@link RiskChecks#postTrade}). All notional limits are relative to the capital the targets
 * are sized from.
 *
 * @param maxPositionPct largest |target notional| of one coin, percent of capital ({@code 10} = 10%); finite,
 *     {@code > 0}
 * @param maxGrossLeverage largest {@code sum |target USD| / capital}; finite, {@code > 0}
 * @param maxNetLeverage largest {@code |sum target USD| / capital}; finite, {@code >= 0}
 * @param maxAdvFraction largest order notional as a share of the coin's dollar ADV ({@code 0.01} = 1% of the
 *     24-hour dollar volume); in {@code (0, 1]}
 * @param maxDataAgeMs largest age of the last closed bar, {@code now - close time}, ms; {@code > 0}
 * @param slippageAlertPct alert when a coin's average fill is more than this many percent worse than its decision
 *     price; finite, {@code >= 0} (default {@value #DEFAULT_SLIPPAGE_ALERT_PCT})
 * @param positionOffTargetAlertPct alert when a final position is off its target by more than this many percent of
 *     the target; finite, {@code > 0} (default {@value #DEFAULT_POSITION_OFF_TARGET_ALERT_PCT})
 */
public record RiskLimits(double maxPositionPct, double maxGrossLeverage, double maxNetLeverage, double maxAdvFraction,
    long maxDataAgeMs, double slippageAlertPct, double positionOffTargetAlertPct) {
  /** Default slippage alert threshold, percent. */
  public static final double DEFAULT_SLIPPAGE_ALERT_PCT = 1.0;
  /** Default off-target alert threshold, percent of the target. */
  public static final double DEFAULT_POSITION_OFF_TARGET_ALERT_PCT = 20.0;

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the field, the rule and the value when one is out of range
   */
  public RiskLimits {
    Checks.positive(maxPositionPct, "maxPositionPct");
    Checks.positive(maxGrossLeverage, "maxGrossLeverage");
    Checks.nonNegative(maxNetLeverage, "maxNetLeverage");
    if (!(maxAdvFraction > 0 && maxAdvFraction <= 1)) {
      throw new IllegalArgumentException("Argument 'maxAdvFraction' must be in (0, 1], was " + maxAdvFraction);
    }
    if (maxDataAgeMs <= 0) {
      throw new IllegalArgumentException("Argument 'maxDataAgeMs' must be > 0, was " + maxDataAgeMs);
    }
    Checks.nonNegative(slippageAlertPct, "slippageAlertPct");
    Checks.positive(positionOffTargetAlertPct, "positionOffTargetAlertPct");
  }

  /**
   * Limits with the default alert thresholds ({@value #DEFAULT_SLIPPAGE_ALERT_PCT}% slippage,
   * {@value #DEFAULT_POSITION_OFF_TARGET_ALERT_PCT}% off target).
   *
   * @param maxPositionPct percent of capital per coin
   * @param maxGrossLeverage gross notional / capital
   * @param maxNetLeverage |net notional| / capital
   * @param maxAdvFraction order notional / dollar ADV
   * @param maxDataAgeMs age of the last closed bar, ms
   * @return the limits
   * @throws IllegalArgumentException naming the field when one is out of range
   */
  public static RiskLimits of(double maxPositionPct, double maxGrossLeverage, double maxNetLeverage,
      double maxAdvFraction, long maxDataAgeMs) {
    return new RiskLimits(maxPositionPct, maxGrossLeverage, maxNetLeverage, maxAdvFraction, maxDataAgeMs,
        DEFAULT_SLIPPAGE_ALERT_PCT, DEFAULT_POSITION_OFF_TARGET_ALERT_PCT);
  }

  /** @return {@code maxPositionPct / 100 x capitalUsd}, USD @param capitalUsd capital, USD */
  public double maxPositionUsd(double capitalUsd) {
    return maxPositionPct / 100.0 * capitalUsd;
  }
}
