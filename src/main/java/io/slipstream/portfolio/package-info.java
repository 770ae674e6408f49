/**
 * Portfolio construction: {@link io.slipstream.portfolio.TargetSource}
 * (one object for backtest and live); the Gradient strategy and its rank/quantile book; the beta-neutral strategy
 * ({@link io.slipstream.strategy.betaneutral.BetaNeutralStrategy}) with its alpha + funding forecasts
 * ({@link io.slipstream.portfolio.JointAlphaModel}), the beta-neutral optimizer
 * ({@link io.slipstream.portfolio.BetaNeutralOptimizer}: closed form and cost-aware) and lot rounding with beta repair
 * ({@link io.slipstream.portfolio.LotRounder}).
 */
package io.slipstream.portfolio;
