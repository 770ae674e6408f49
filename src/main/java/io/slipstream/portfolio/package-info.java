/**
 * Portfolio construction: {@link io.slipstream.portfolio.Strategy} (one object for backtest and live), the Gradient
 * strategy and its rank/quantile book with inverse-vol or equal weights, gross leverage and position caps.
 */
package io.slipstream.portfolio;
