package io.slipstream.strategy.betaneutral;

import io.slipstream.portfolio.JointAlphaConfig;
import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.factor.VolumeWeighting;
import io.slipstream.strategy.StrategyParams;
import java.util.Locale;

/**
 * Parameters of the beta-neutral strategy ({@link BetaNeutralStrategy}); config keys (section
 * {@code beta_neutral}) in parentheses.
 *
 * @param interval bar interval of the data ({@code interval}, top level)
 * @param horizonHours holding period H: decisions every H hours, factors and forecasts at horizon H
 *     ({@code horizon_hours}), a multiple of the interval
 * @param lookbackPeriods K: factor and covariance lookback of K x H hours ({@code lookback_periods})
 * @param weighting PCA volume weighting ({@code weight_method}: none, sqrt, log, sqrt_dollar)
 * @param nFactors principal components estimated ({@code n_factors}); beta is to the first (market) factor
 * @param forecast alpha and funding forecast parameters ({@code momentum_spans}, {@code funding_spans},
 *     {@code vol_span_periods}, {@code ridge_penalty}, {@code min_train_periods})
 * @param fundingCovariance whether {@code S = S_price + S_funding} (true) or {@code S_price} only
 *     ({@code funding_covariance})
 * @param optimizer {@code closed_form} or {@code cost_aware} ({@code optimizer})
 * @param riskAversion gamma of the cost-aware objective {@code w'alpha - gamma/2 w'Sw - C(dw)}, {@code > 0}
 *     ({@code risk_aversion})
 * @param grossLeverage L: {@code sum |w| = L} (closed form) or {@code <= L} (cost aware) ({@code gross_leverage})
 * @param maxPositionPct per-coin bound {@code |w_i| <= max_position_pct / 100} (cost aware) ({@code max_position_pct})
 * @param dollarNeutral add {@code sum w = 0} ({@code dollar_neutral})
 * @param liquidityThresholdUsd universe: {@code ADV >= liquidity_threshold_usd / (liquidity_impact_pct / 100)}
 *     ({@code liquidity_threshold_usd})
 * @param liquidityImpactPct see above ({@code liquidity_impact_pct})
 * @param lotRounding round target weights to exchange lots with beta repair ({@code lot_rounding})
 * @param betaTolerance stopping tolerance {@code |beta'w|} of the lot rounding, NAV fraction ({@code beta_tolerance})
 */
public record BetaNeutralConfig(BarInterval interval, int horizonHours, int lookbackPeriods, VolumeWeighting weighting,
    int nFactors, JointAlphaConfig forecast, boolean fundingCovariance, Optimizer optimizer, double riskAversion,
    double grossLeverage, double maxPositionPct, boolean dollarNeutral, double liquidityThresholdUsd,
    double liquidityImpactPct, boolean lotRounding, double betaTolerance)
    implements StrategyParams {
  /** Optimizer choice. */
  public enum Optimizer {
    /** {@code w* = S^-1 (alpha - lambda beta)} rescaled to gross leverage L. */
    CLOSED_FORM,
    /** {@code max w'alpha - gamma/2 w'Sw - C(w - w_prev)} s.t. {@code beta'w = 0}, {@code sum |w| <= L}, bounds. */
    COST_AWARE;

    /**
     * @param key {@code "closed_form"} or {@code "cost_aware"}
     * @return the choice
     * @throws IllegalArgumentException naming the value
     */
    public static Optimizer of(String key) {
      String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
      if (k.equals("closed_form")) {
        return CLOSED_FORM;
      }
      if (k.equals("cost_aware")) {
        return COST_AWARE;
      }
      throw new IllegalArgumentException("must be \"closed_form\" or \"cost_aware\", was \"" + key + "\"");
    }

    /** @return the config key */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates. @throws IllegalArgumentException naming the config key and value */
  public BetaNeutralConfig {
    Checks.notNull(interval, "interval");
    Checks.positive(horizonHours, "horizon_hours");
    if (horizonHours % interval.hours() != 0) {
      throw new IllegalArgumentException("Argument 'horizon_hours' must be a multiple of the " + interval.label()
          + " interval, was " + horizonHours);
    }
    Checks.positive(lookbackPeriods, "lookback_periods");
    Checks.notNull(weighting, "weight_method");
    Checks.positive(nFactors, "n_factors");
    Checks.notNull(forecast, "forecast");
    if (forecast.horizonHours() != horizonHours) {
      throw new IllegalArgumentException("forecast horizon " + forecast.horizonHours() + " differs from horizon_hours "
          + horizonHours);
    }
    Checks.notNull(optimizer, "optimizer");
    Checks.positive(riskAversion, "risk_aversion");
    if (!(grossLeverage > 0 && grossLeverage <= 100)) {
      throw new IllegalArgumentException("Argument 'gross_leverage' must be in (0, 100], was " + grossLeverage);
    }
    if (!(maxPositionPct > 0 && maxPositionPct <= 100)) {
      throw new IllegalArgumentException("Argument 'max_position_pct' must be in (0, 100], was " + maxPositionPct);
    }
    Checks.nonNegative(liquidityThresholdUsd, "liquidity_threshold_usd");
    if (!(liquidityImpactPct > 0 && liquidityImpactPct <= 100)) {
      throw new IllegalArgumentException("Argument 'liquidity_impact_pct' must be in (0, 100], was "
          + liquidityImpactPct);
    }
    Checks.nonNegative(betaTolerance, "beta_tolerance");
  }

  /** @return H in bars of the interval */
  public int horizonBars() {
    return horizonHours / interval.hours();
  }
}
