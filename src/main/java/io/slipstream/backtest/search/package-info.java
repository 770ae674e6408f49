/**
 * Parameter grid search over backtest configurations and its guards against overfitting: the grid
 * ({@code GridSpec}, {@code GridEvaluator}, engines, result files and summary), the deflated Sharpe ratio of the
 * selected configuration ({@link io.slipstream.backtest.search.DeflatedSharpe}, Bailey and Lopez de Prado 2014) and
 * the probability of backtest overfitting by combinatorially symmetric cross-validation
 * ({@link io.slipstream.backtest.search.ProbabilityOfBacktestOverfitting} over
 * {@link io.slipstream.backtest.search.BlockReturns}, Bailey, Borwein, Lopez de Prado and Zhu 2016).
 * Sharpe ratios here are per bar (not annualised) unless a name says otherwise.
 */
package io.slipstream.backtest.search;
