package io.slipstream.strategy.betaneutral;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.strategy.BarContext;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.Strategy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bar-by-bar form of the beta-neutral strategy: it keeps every bar fed (close, volume, funding; open, high and
 * low are not read), and at each decision close ({@code horizon_hours} schedule) builds a {@link BetaNeutralStrategy}
 * over exactly the history visible then and asks it for that row with the context's NAV, drifted book and cost
 * model. Because every step of {@link BetaNeutralStrategy} is causal per row, the targets equal the batch path's bit
 * for bit (the strategy contract test checks it).
 *
 * <p>Cost: each decision re-estimates the factor history and the forecasts from the first bar, {@code O(T)} per
 * decision; a live rebalance makes one decision, a bar-by-bar backtest of T bars {@code O(T^2)} (backtests use the
 * batch path).
 */
public final class BetaNeutralBarStrategy implements Strategy {
  private final BetaNeutralConfig config;
  private final List<String> coins;
  private final int n;
  private final Requirements requirements;
  private double[][] close = new double[0][];
  private double[][] volume = new double[0][];
  private double[][] funding = new double[0][];
  private int rows;
  private long firstOpenMs;

  /**
   * @param config the strategy parameters
   * @param coins the coins, in the column order of the contexts that will be fed
   */
  public BetaNeutralBarStrategy(BetaNeutralConfig config, List<String> coins) {
    this.config = config;
    this.coins = List.copyOf(coins);
    this.n = this.coins.size();
    this.requirements = BetaNeutralSpec.requirementsOf(config);
  }

  @Override
  public String name() {
    return BetaNeutralSpec.NAME;
  }

  @Override
  public List<String> coins() {
    return coins;
  }

  @Override
  public Requirements requirements() {
    return requirements;
  }

  @Override
  public Optional<TargetWeights> onBar(BarContext bar) {
    if (rows == 0) {
      firstOpenMs = bar.closeTimeMs() - config.interval().millis();
    } else if (bar.closeTimeMs() != firstOpenMs + (rows + 1L) * config.interval().millis()) {
      throw new IllegalArgumentException("bars must come one interval apart: bar " + rows + " closes at "
          + bar.closeTimeMs() + ", expected " + (firstOpenMs + (rows + 1L) * config.interval().millis()));
    }
    if (rows == close.length) {
      int cap = Math.max(64, rows * 2);
      close = Arrays.copyOf(close, cap);
      volume = Arrays.copyOf(volume, cap);
      funding = Arrays.copyOf(funding, cap);
    }
    close[rows] = bar.close().clone();
    volume[rows] = bar.volume().clone();
    funding[rows] = bar.funding().clone();
    rows++;
    if (!requirements.isDecisionTime(bar.closeTimeMs())) {
      return Optional.empty();
    }
    MarketData visible = visible();
    BetaNeutralStrategy batch = new BetaNeutralStrategy(config, visible, bar.costs());
    return batch.targetsAt(rows - 1, bar.navUsd(), bar.weights());
  }

  /** The bars fed so far as panels (open, high and low are NaN: the strategy does not read them). */
  private MarketData visible() {
    BarInterval iv = config.interval();
    double[] c = new double[rows * n];
    double[] v = new double[rows * n];
    double[] f = new double[rows * n];
    for (int t = 0; t < rows; t++) {
      for (int k = 0; k < n; k++) {
        c[k * rows + t] = close[t][k];
        v[k * rows + t] = volume[t][k];
        f[k * rows + t] = funding[t][k];
      }
    }
    double[] nan = new double[rows * n];
    Arrays.fill(nan, Double.NaN);
    Panel cp = Panel.of(iv, firstOpenMs, rows, coins, c);
    Panel nanPanel = cp.withValues(nan);
    return new MarketData(nanPanel, nanPanel, nanPanel, cp, cp.withValues(v), cp.withValues(f));
  }
}
