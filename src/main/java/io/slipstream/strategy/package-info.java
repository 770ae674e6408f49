/**
 * The strategy layer (DESIGN.md "Strategy layer"): the {@link io.slipstream.strategy.Strategy} contract fed every
 * closed bar through a {@link io.slipstream.strategy.BarContext}, its declared
 * {@link io.slipstream.strategy.Requirements}, the per-strategy {@link io.slipstream.strategy.StrategySpec} (config
 * section, grid keys, signal-cache key, report parameters) and the {@link io.slipstream.strategy.StrategyRegistry}
 * that finds every spec through {@link java.util.ServiceLoader}. Backtest, grid search, walk-forward, studies, the
 * notebooks and the live runner ask this package, never a strategy by name. Each registered strategy lives in its
 * own sub-package (or in a package higher up, such as {@code ml}) and is listed by one line in
 * {@code META-INF/services/io.slipstream.strategy.StrategySpec}.
 */
package io.slipstream.strategy;
