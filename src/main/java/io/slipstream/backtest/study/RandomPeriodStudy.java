package io.slipstream.backtest.study;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.strategy.SignalCache;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The random-period study of the seed strategy ("100 random 10-day periods"): {@code n} windows of {@code days}
 * days placed uniformly at random in the config's booked window, each an independent backtest, and the
 * distribution of their total return, annualised Sharpe, max drawdown and turnover, next to one continuous run over
 * the full period.
 *
 * <p>Draws: with {@code m} booked bars from row {@code b0} and {@code L = days x 24 / interval hours} bars per
 * window, window {@code i = 0..n-1} books rows {@code [b0 + s_i, b0 + s_i + L)} where
 * {@code s_i = new java.util.SplittableRandom(seed).nextInt(m - L + 1)} drawn in order from one generator: uniform
 * over every start bar that fits, with replacement (windows may overlap or repeat). The same seed gives the same
 * windows on the same data.
 *
 * <p>Each window is {@link Backtester#run(MarketData, BacktestConfig)} of the config with the window
 * {@code (open time of its first bar, close time of its last bar]}, as the seed did: it starts flat (NAV 1, no
 * positions), buys its book at the first rebalance (that entry turnover and its fees are in the window), signals
 * warmed up on all earlier history, and the book is not closed at the end. The results are bit-identical to those
 * plain runs (tested); precomputed signals (the strategy's signal cache) and the cost model are computed once and shared. Windows run in parallel.
 *
 * <p>Mean window Sharpe and full-period Sharpe are different statistics: short windows give noisy, heavy-tailed
 * Sharpe ratios, and entry costs weigh more in a short window. {@link RandomPeriodResult#fullReturnPerWindow()} puts
 * the full period's return on the windows' scale.
 */
public final class RandomPeriodStudy {
  private RandomPeriodStudy() {
  }

  /**
   * Runs the study.
   *
   * @param data masked market data of the config's interval (with funding when the config books it)
   * @param config the config; its window is the full period the windows are drawn from
   * @param n number of windows, {@code >= 1}
   * @param days window length in days, {@code >= 1}
   * @param seed seed of the {@link SplittableRandom} that draws the start bars
   * @return the windows, their distributions and the full period
   * @throws ConfigException ({@code n}) when {@code n < 1}; ({@code days}) when {@code days < 1} or a window is
   *     longer than the booked window; ({@code start}/{@code end}) when no bar is booked
   */
  public static RandomPeriodResult run(MarketData data, BacktestConfig config, int n, int days, long seed) {
    if (n < 1) {
      throw new ConfigException("n", "number of windows must be >= 1, was " + n);
    }
    if (days < 1) {
      throw new ConfigException("days", "window length must be >= 1 day, was " + days);
    }
    if (data.interval() != config.interval()) {
      throw new IllegalArgumentException("data interval " + data.interval().label() + " differs from config interval "
          + config.interval().label());
    }
    Panel grid = data.close();
    int[] booked = Backtester.bookedRows(grid, config.start(), config.end());
    int b0 = booked[0];
    int m = booked[1] - b0 + 1;
    long len = (long) days * 24 / config.interval().hours();
    if (len > m) {
      throw new ConfigException("days", days + " days = " + len + " bars of " + config.interval().label()
          + " is longer than the booked window: " + m + " bars closing " + grid.closeTime(b0) + " .. "
          + grid.closeTime(b0 + m - 1));
    }
    int l = (int) len;
    SplittableRandom rng = new SplittableRandom(seed);
    int[] starts = new int[n];
    for (int i = 0; i < n; i++) {
      starts[i] = b0 + rng.nextInt(m - l + 1);
    }
    CostModel costs = Backtester.costModel(data, config);
    SignalCache signals = SignalCache.unbounded();
    RandomWindow[] windows = IntStream.range(0, n).parallel().mapToObj(i -> {
      int from = starts[i];
      Instant start = Instant.ofEpochMilli(grid.openTimeMs(from));
      Instant end = grid.closeTime(from + l - 1);
      BacktestResult r = run(data, config, costs, signals, start, end);
      if (r.size() != l) {
        throw new IllegalStateException("window " + i + " booked " + r.size() + " bars, expected " + l);
      }
      return new RandomWindow(i, from, start, end, PeriodStats.of(r, 0, l), sum(r.turnover()));
    }).toArray(RandomWindow[]::new);
    BacktestResult full = run(data, config, costs, signals, config.start(), config.end());
    List<RandomWindow> list = List.of(windows);
    return new RandomPeriodResult(config, days, l, seed, list, Distribution.of(values(list, 0)),
        Distribution.of(values(list, 1)), Distribution.of(values(list, 2)), Distribution.of(values(list, 3)),
        Instant.ofEpochMilli(grid.openTimeMs(b0)), grid.closeTime(b0 + m - 1), PeriodStats.of(full, 0, full.size()),
        sum(full.turnover()));
  }

  private static BacktestResult run(MarketData data, BacktestConfig config, CostModel costs, SignalCache signals,
      Optional<Instant> start, Optional<Instant> end) {
    TargetSource targets = Backtester.targets(config, data, costs, signals);
    return Backtester.run(data, targets, costs, config.funding(), config.capitalUsd(), start, end);
  }

  private static BacktestResult run(MarketData data, BacktestConfig config, CostModel costs, SignalCache signals,
      Instant start, Instant end) {
    return run(data, config, costs, signals, Optional.of(start), Optional.of(end));
  }

  private static double[] values(List<RandomWindow> windows, int which) {
    double[] out = new double[windows.size()];
    for (int i = 0; i < out.length; i++) {
      RandomWindow w = windows.get(i);
      out[i] = switch (which) {
        case 0 -> w.stats().totalReturn();
        case 1 -> w.stats().sharpe();
        case 2 -> w.stats().maxDrawdown();
        default -> w.turnover();
      };
    }
    return out;
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }
}
