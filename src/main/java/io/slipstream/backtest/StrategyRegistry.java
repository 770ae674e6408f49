package io.slipstream.backtest;

import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.portfolio.BetaNeutralStrategy;
import io.slipstream.portfolio.GradientStrategy;
import io.slipstream.portfolio.TargetSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps config strategy names to the code that builds them (DESIGN.md: a new strategy is one class plus one
 * registration here and its section in {@link ConfigParser}).
 */
public final class StrategyRegistry {
  /** Builds a strategy's target source for one run. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @param config the run config (its strategy-specific parameters)
     * @param data the market data the run covers
     * @param costs the run's cost model, which cost-aware strategies optimise against
     * @return target weights by decision row
     */
    TargetSource create(BacktestConfig config, MarketData data, CostModel costs);
  }

  private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put(GradientStrategy.NAME, (c, d, k) -> new GradientStrategy(c.gradient(), d.coins()).batch(d));
    FACTORIES.put(BetaNeutralStrategy.NAME, (c, d, k) -> new BetaNeutralStrategy(c.betaNeutral(), d, k));
  }

  private StrategyRegistry() {
  }

  /** @return the registered names, in registration order */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /**
   * @param config the run config
   * @param data market data
   * @param costs cost model
   * @return the strategy's target source
   * @throws ConfigException ({@code strategy}) for an unregistered name
   */
  public static TargetSource create(BacktestConfig config, MarketData data, CostModel costs) {
    Factory f = FACTORIES.get(config.strategy());
    if (f == null) {
      throw new ConfigException("strategy", "unknown strategy \"" + config.strategy() + "\" (known: "
          + String.join(", ", FACTORIES.keySet()) + ")");
    }
    return f.create(config, data, costs);
  }
}
