package io.slipstream.backtest;

import io.slipstream.core.Checks;
import io.slipstream.cost.FeeModel;
import io.slipstream.portfolio.GradientConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * A backtest run: the strategy's parameters, costs, funding switch and the booked window.
 *
 * @param strategy registry name of the strategy ({@code strategy}, default {@code "gradient"})
 * @param gradient Gradient strategy parameters
 * @param costs fee model ({@code costs})
 * @param funding whether funding payments are booked ({@code funding})
 * @param capitalUsd account size in USD, for USD figures in reports ({@code capital_usd}), {@code > 0}
 * @param start booked bars close in {@code (start, end]}; empty = from the first bar of the data ({@code start})
 * @param end empty = to the last bar of the data ({@code end})
 */
public record BacktestConfig(String strategy, GradientConfig gradient, FeeModel costs, boolean funding,
    double capitalUsd, Optional<Instant> start, Optional<Instant> end) {
  /** Validates. @throws IllegalArgumentException when start is not before end */
  public BacktestConfig {
    Checks.notNull(strategy, "strategy");
    Checks.notNull(gradient, "gradient");
    Checks.notNull(costs, "costs");
    Checks.positive(capitalUsd, "capital_usd");
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
      throw new IllegalArgumentException("start " + start.get() + " must be before end " + end.get());
    }
  }

  /** @return a copy with another window */
  public BacktestConfig withWindow(Optional<Instant> newStart, Optional<Instant> newEnd) {
    return new BacktestConfig(strategy, gradient, costs, funding, capitalUsd, newStart, newEnd);
  }
}
