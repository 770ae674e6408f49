package io.slipstream.backtest;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.cost.CostConfig;
import io.slipstream.cost.FeeModel;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.StrategyRegistry;
import io.slipstream.strategy.StrategySpec;
import java.time.Instant;
import java.util.Optional;

/**
 * A backtest run: the registered strategy and its parameters, costs, funding switch and the booked window.
 *
 * @param strategy registry name of the strategy ({@code strategy}; see {@link StrategyRegistry})
 * @param interval bar interval ({@code interval})
 * @param params the strategy's parameters, parsed by its {@link StrategySpec}; their interval equals {@code interval}
 * @param costConfig cost model parameters ({@code costs})
 * @param funding whether funding payments are booked ({@code funding})
 * @param capitalUsd account size in USD at nav 1 ({@code capital_usd}), {@code > 0}; impact costs and lot sizes
 *     scale with it
 * @param start booked bars close in {@code (start, end]}; empty = from the first bar of the data ({@code start})
 * @param end empty = to the last bar of the data ({@code end})
 */
public record BacktestConfig(String strategy, BarInterval interval, StrategyParams params, CostConfig costConfig,
    boolean funding, double capitalUsd, Optional<Instant> start, Optional<Instant> end) {
  /** Validates. @throws IllegalArgumentException when the parameters' interval differs or start >= end */
  public BacktestConfig {
    Checks.notNull(strategy, "strategy");
    Checks.notNull(interval, "interval");
    Checks.notNull(params, "params");
    Checks.notNull(costConfig, "costs");
    Checks.positive(capitalUsd, "capital_usd");
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    if (params.interval() != interval) {
      throw new IllegalArgumentException(strategy + " interval " + params.interval() + " differs from " + interval);
    }
    if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
      throw new IllegalArgumentException("start " + start.get() + " must be before end " + end.get());
    }
  }

  /**
   * A run with fee-only costs (DESIGN.md convention 8).
   *
   * @param strategy registry name
   * @param params the strategy's parameters
   * @param costs fee model
   * @param funding whether funding is booked
   * @param capitalUsd account size, USD
   * @param start window start
   * @param end window end
   */
  public BacktestConfig(String strategy, StrategyParams params, FeeModel costs, boolean funding, double capitalUsd,
      Optional<Instant> start, Optional<Instant> end) {
    this(strategy, params.interval(), params, CostConfig.feesOnly(costs), funding, capitalUsd, start, end);
  }

  /**
   * @param type the parameter type expected
   * @param <T> that type
   * @return the parameters as that type
   * @throws IllegalStateException when the strategy's parameters are of another type
   */
  public <T extends StrategyParams> T params(Class<T> type) {
    if (!type.isInstance(params)) {
      throw new IllegalStateException("strategy " + strategy + " has " + params.getClass().getSimpleName()
          + " parameters, not " + type.getSimpleName());
    }
    return type.cast(params);
  }

  /**
   * @return the registered spec of {@link #strategy()}
   * @throws io.slipstream.core.ConfigException when the strategy is not registered
   */
  public StrategySpec spec() {
    return StrategyRegistry.spec(strategy);
  }

  /**
   * @return whether a run must load funding: the ledger books it ({@code funding}) or the strategy reads it
   *     ({@link io.slipstream.strategy.Requirements#readsFunding()})
   */
  public boolean needsFunding() {
    return funding || spec().requirements(params).readsFunding();
  }

  /** @return the fee model of the cost config */
  public FeeModel costs() {
    return costConfig.fees();
  }

  /** @return a copy with another window */
  public BacktestConfig withWindow(Optional<Instant> newStart, Optional<Instant> newEnd) {
    return new BacktestConfig(strategy, interval, params, costConfig, funding, capitalUsd, newStart, newEnd);
  }
}
