package io.slipstream.backtest;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.cost.CostConfig;
import io.slipstream.cost.FeeModel;
import io.slipstream.portfolio.BetaNeutralConfig;
import io.slipstream.portfolio.GradientConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * A backtest run: the strategy and its parameters, costs, funding switch and the booked window.
 *
 * @param strategy registry name of the strategy ({@code strategy}: {@code "gradient"} or {@code "beta_neutral"})
 * @param interval bar interval ({@code interval})
 * @param gradientParams Gradient parameters, present iff the strategy is {@code gradient}
 * @param betaNeutralParams beta-neutral parameters, present iff the strategy is {@code beta_neutral}
 * @param costConfig cost model parameters ({@code costs})
 * @param funding whether funding payments are booked ({@code funding})
 * @param capitalUsd account size in USD at nav 1 ({@code capital_usd}), {@code > 0}; impact costs and lot sizes
 *     scale with it
 * @param start booked bars close in {@code (start, end]}; empty = from the first bar of the data ({@code start})
 * @param end empty = to the last bar of the data ({@code end})
 */
public record BacktestConfig(String strategy, BarInterval interval, Optional<GradientConfig> gradientParams,
    Optional<BetaNeutralConfig> betaNeutralParams, CostConfig costConfig, boolean funding, double capitalUsd,
    Optional<Instant> start, Optional<Instant> end) {
  /** Validates. @throws IllegalArgumentException when the parameters do not match the strategy or start >= end */
  public BacktestConfig {
    Checks.notNull(strategy, "strategy");
    Checks.notNull(interval, "interval");
    Checks.notNull(gradientParams, "gradient");
    Checks.notNull(betaNeutralParams, "beta_neutral");
    Checks.notNull(costConfig, "costs");
    Checks.positive(capitalUsd, "capital_usd");
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    if (gradientParams.isPresent() == betaNeutralParams.isPresent()) {
      throw new IllegalArgumentException("exactly one of the gradient and beta_neutral parameter sets must be given");
    }
    gradientParams.ifPresent(g -> {
      if (g.interval() != interval) {
        throw new IllegalArgumentException("gradient interval " + g.interval() + " differs from " + interval);
      }
    });
    betaNeutralParams.ifPresent(b -> {
      if (b.interval() != interval) {
        throw new IllegalArgumentException("beta_neutral interval " + b.interval() + " differs from " + interval);
      }
    });
    if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
      throw new IllegalArgumentException("start " + start.get() + " must be before end " + end.get());
    }
  }

  /**
   * A Gradient run with fee-only costs (DESIGN.md convention 8).
   *
   * @param strategy registry name
   * @param gradient Gradient parameters
   * @param costs fee model
   * @param funding whether funding is booked
   * @param capitalUsd account size, USD
   * @param start window start
   * @param end window end
   */
  public BacktestConfig(String strategy, GradientConfig gradient, FeeModel costs, boolean funding, double capitalUsd,
      Optional<Instant> start, Optional<Instant> end) {
    this(strategy, gradient.interval(), Optional.of(gradient), Optional.empty(), CostConfig.feesOnly(costs), funding,
        capitalUsd, start, end);
  }

  /**
   * @return the Gradient parameters
   * @throws IllegalStateException when the strategy is not {@code gradient}
   */
  public GradientConfig gradient() {
    return gradientParams.orElseThrow(() -> new IllegalStateException("strategy " + strategy + " is not gradient"));
  }

  /**
   * @return the beta-neutral parameters
   * @throws IllegalStateException when the strategy is not {@code beta_neutral}
   */
  public BetaNeutralConfig betaNeutral() {
    return betaNeutralParams.orElseThrow(() -> new IllegalStateException("strategy " + strategy
        + " is not beta_neutral"));
  }

  /** @return the fee model of the cost config */
  public FeeModel costs() {
    return costConfig.fees();
  }

  /** @return a copy with another window */
  public BacktestConfig withWindow(Optional<Instant> newStart, Optional<Instant> newEnd) {
    return new BacktestConfig(strategy, interval, gradientParams, betaNeutralParams, costConfig, funding, capitalUsd,
        newStart, newEnd);
  }
}
