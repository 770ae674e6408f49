package io.slipstream.backtest.walkforward;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridJob;
import io.slipstream.backtest.search.GridSpec;
import io.slipstream.backtest.search.Objective;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.strategy.SignalCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Walk-forward optimisation of a parameter grid (Pardo, <em>The Evaluation and Optimization of Trading
 * Strategies</em>, 2nd ed. 2008, walk-forward analysis; purge and embargo after López de Prado 2018, ch. 7, see
 * {@link WalkForwardConfig}).
 *
 * <ol>
 *   <li>The base config's booked window (convention 9) is split into train/test windows ({@link #layout}).</li>
 *   <li>On each train window every grid configuration is run through the ledger on its own:
 *       {@link GridEvaluator#backtest} over {@code (trainStart, trainEnd]}, starting flat, with signals warmed up on
 *       all earlier history. Every signal, the cost model and the ledger are causal, so a train run uses no bar
 *       that closes after {@code trainEnd}, and in particular nothing of its test window (tested by perturbing test
 *       windows). Runs go in parallel over configurations, in signal-group order so the evaluator's signal cache is
 *       shared.</li>
 *   <li>The configuration with the best {@link Objective} on the train window is chosen (NaN ranks last; ties, and a
 *       window where every value is NaN, go to the lowest id); a configuration that fails at run time ranks
 *       last.</li>
 *   <li>The stitched out-of-sample ledger is one continuous {@link Backtester} run over
 *       {@code (testStart_0, testEnd_last]} with a {@link ScheduledTargets} that asks, for each decision, the target
 *       source of the configuration chosen for the window of the bar the decision trades into; the book carries
 *       across windows and a switch of configuration is charged as real turnover. Costs, funding and capital are
 *       the base config's (a grid over cost keys changes only the train runs). Each window's out-of-sample stats
 *       are the slice {@code [scoredFromRow, testToRow)} of that ledger ({@link PeriodStats#of}).</li>
 * </ol>
 * With a one-configuration grid the stitched ledger is bit-identical to a plain backtest of that configuration over
 * the same span (tested).
 */
public final class WalkForward {
  /** Told about every finished train run (from worker threads; implementations must be thread-safe). */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param done train runs finished so far
     * @param total train runs in all (windows x configurations)
     */
    void trainRunDone(long done, long total);

    /** Ignores everything. */
    Listener NONE = (done, total) -> { };
  }

  private WalkForward() {
  }

  /**
   * The warm-up a train window must at least hold, in bars of the config's interval: what the strategy declares
   * ({@link io.slipstream.strategy.Requirements#warmupBars()}; for Gradient {@code warmup_bars}, for beta-neutral
   * {@code max(lookback_periods, min_train_periods) x horizon_hours} hours in whole bars).
   *
   * @param config a run config
   * @return the warm-up in bars, {@code >= 0}
   */
  public static int warmupBars(BacktestConfig config) {
    return config.spec().requirements(config.params()).warmupBars();
  }

  /**
   * Checks that a train window holds the warm-up: {@code train bars - purge_bars >= max(2, warmupBars)} (at least
   * two bars for a Sharpe ratio). Needs no data, so a command can check it before loading anything.
   *
   * @param settings lengths and purge
   * @param interval bar interval of the data
   * @param warmupBars the strategy's warm-up ({@link #warmupBars}), the largest over the grid
   * @throws ConfigException ({@code train}) naming the train length, the purge and the warm-up
   */
  public static void checkTrainWindow(WalkForwardConfig settings, BarInterval interval, int warmupBars) {
    int h = interval.hours();
    int t = WalkForwardConfig.bars(settings.train(), h);
    int purge = settings.purgeBars();
    if (t - purge < Math.max(2, warmupBars)) {
      throw new ConfigException("train", "train window " + settings.train().toDays() + "d = " + t + " bars"
          + (purge > 0 ? " minus purge_bars " + purge : "") + " is shorter than " + (warmupBars >= 2
              ? "the strategy's warm-up of " + warmupBars + " bars (" + warmupBars * h / 24.0 + " days of "
                  + interval.label() + " bars)"
              : "2 bars"));
    }
  }

  /**
   * Lays out the windows over the booked window {@code (start, end]} of {@code grid} (convention 9): with {@code m}
   * booked bars from row {@code b0}, and {@code T}, {@code S}, {@code P} the train, test and step lengths in bars,
   * window {@code k = 0, 1, ...} has
   * <pre>
   *   test  = [b0 + T + kP, min(b0 + T + kP + S, b0 + m))
   *   train = [b0 + (anchored ? 0 : kP), b0 + T + kP - purge_bars)
   *   scored from b0 + T + kP + embargo_bars
   * </pre>
   * Windows are added while the test window starts inside the booked window; the last one, cut at the booked
   * window's end, is kept only when it holds at least {@code max(embargo_bars + 1, ceil(S / 2))} bars (a shorter
   * remainder is dropped and not traded).
   *
   * @param grid any panel of the data (its bar grid is used)
   * @param start booked window start (empty = first bar)
   * @param end booked window end (empty = last bar)
   * @param settings lengths, purge, embargo
   * @param warmupBars the strategy's warm-up ({@link #warmupBars}), {@code >= 0}
   * @return the windows, at least one
   * @throws ConfigException ({@code train}) when {@code T + S} is longer than the booked window, or the train window
   *     after the purge holds fewer than {@code max(2, warmupBars)} bars; ({@code embargo_bars}) when the embargo is
   *     not shorter than the test window; ({@code start}/{@code end}) when no bar is booked
   */
  public static List<Window> layout(Panel grid, Optional<Instant> start, Optional<Instant> end,
      WalkForwardConfig settings, int warmupBars) {
    int h = grid.interval().hours();
    int[] booked = Backtester.bookedRows(grid, start, end);
    int b0 = booked[0];
    int m = booked[1] - b0 + 1;
    int t = WalkForwardConfig.bars(settings.train(), h);
    int s = WalkForwardConfig.bars(settings.test(), h);
    int p = WalkForwardConfig.bars(settings.step(), h);
    int purge = settings.purgeBars();
    int embargo = settings.embargoBars();
    if ((long) t + s > m) {
      throw new ConfigException("train", "train " + settings.train().toDays() + "d + test " + settings.test().toDays()
          + "d = " + (t + s) + " bars of " + grid.interval().label() + " is longer than the booked window: " + m
          + " bars closing " + grid.closeTime(b0) + " .. " + grid.closeTime(b0 + m - 1));
    }
    checkTrainWindow(settings, grid.interval(), warmupBars);
    if (embargo >= s) {
      throw new ConfigException("embargo_bars", "must be smaller than the test window of " + s + " bars, was "
          + embargo);
    }
    int minLast = Math.max(embargo + 1, (s + 1) / 2);
    List<Window> out = new ArrayList<>();
    for (int k = 0;; k++) {
      long testFrom = t + (long) k * p;
      if (testFrom >= m) {
        break;
      }
      int tf = (int) testFrom;
      int tt = Math.min(tf + s, m);
      if (tt - tf < minLast) {
        break;
      }
      int trainFrom = settings.anchored() ? 0 : k * p;
      int trainTo = tf - purge;
      out.add(new Window(k, b0 + trainFrom, b0 + trainTo, b0 + tf, b0 + tt, b0 + tf + embargo,
          Instant.ofEpochMilli(grid.openTimeMs(b0 + trainFrom)), grid.closeTime(b0 + trainTo - 1),
          Instant.ofEpochMilli(grid.openTimeMs(b0 + tf)), grid.closeTime(b0 + tt - 1)));
    }
    return out;
  }

  /**
   * Runs a walk-forward study.
   *
   * @param data masked market data of the base config's interval (with funding when the config books it)
   * @param baseConfigJson the base config, JSON text (its window is split; its costs, funding and capital book the
   *     stitched ledger)
   * @param gridJson the grid, JSON text ({@link GridSpec}: config keys to arrays of values)
   * @param source a name for messages (the config file)
   * @param settings window lengths, purge, embargo, objective, threads
   * @param listener told about every finished train run
   * @return the windows with their choices and stats, and the stitched ledger
   * @throws ConfigException for an invalid base config or grid (a key that is not a config key, an empty grid,
   *     naming the key), an invalid combination of grid values, or windows that do not fit ({@link #layout})
   * @throws io.slipstream.core.DataException when the chosen configurations hold a coin without a price
   */
  public static WalkForwardResult run(MarketData data, String baseConfigJson, String gridJson, String source,
      WalkForwardConfig settings, Listener listener) {
    GridEvaluator ev = new GridEvaluator(data, new GridJob(baseConfigJson, gridJson, source, 0.0, 2,
        settings.objective()));
    BacktestConfig base = ev.baseConfig();
    GridSpec spec = ev.spec();
    if (spec.size() > 10_000_000L) {
      throw new ConfigException("grid", "has " + spec.size() + " configurations; at most 10,000,000 are supported");
    }
    int nConfigs = (int) spec.size();
    BacktestConfig[] configs = new BacktestConfig[nConfigs];
    int warmup = 0;
    for (int id = 0; id < nConfigs; id++) {
      configs[id] = ev.config(id);
      warmup = Math.max(warmup, warmupBars(configs[id]));
    }
    List<Window> windows = layout(data.close(), base.start(), base.end(), settings, warmup);
    int nWindows = windows.size();
    PeriodStats[][] inSample = new PeriodStats[nWindows][nConfigs];
    String[][] errors = new String[nWindows][nConfigs];
    trainRuns(ev, configs, windows, inSample, errors, settings.threads(), listener);

    Objective objective = settings.objective();
    long[] chosen = new long[nWindows];
    for (int k = 0; k < nWindows; k++) {
      int best = 0;
      double bestValue = objective.of(inSample[k][0]);
      for (int id = 1; id < nConfigs; id++) {
        double v = objective.of(inSample[k][id]);
        if (Objective.better(v, bestValue)) {
          best = id;
          bestValue = v;
        }
      }
      chosen[k] = best;
    }

    CostModel costs = Backtester.costModel(data, base);
    Map<Long, TargetSource> sources = new HashMap<>();
    SignalCache signals = SignalCache.unbounded();
    int[] firstBar = new int[nWindows];
    List<TargetSource> schedule = new ArrayList<>(nWindows);
    for (int k = 0; k < nWindows; k++) {
      firstBar[k] = windows.get(k).testFromRow();
      BacktestConfig cfg = configs[(int) chosen[k]];
      schedule.add(sources.computeIfAbsent(chosen[k], id -> targets(cfg, data, costs, signals)));
    }
    Window first = windows.get(0);
    Window last = windows.get(nWindows - 1);
    BacktestResult stitched = Backtester.run(data, new ScheduledTargets(firstBar, schedule), costs, base.funding(),
        base.capitalUsd(), Optional.of(first.testStart()), Optional.of(last.testEnd()));
    int t0 = first.testFromRow();
    if (stitched.size() != last.testToRow() - t0) {
      throw new IllegalStateException("stitched ledger booked " + stitched.size() + " bars, expected "
          + (last.testToRow() - t0));
    }
    List<WindowResult> results = new ArrayList<>(nWindows);
    for (int k = 0; k < nWindows; k++) {
      Window w = windows.get(k);
      int id = (int) chosen[k];
      int failed = 0;
      String firstError = "";
      for (int c = 0; c < nConfigs; c++) {
        if (errors[k][c] != null) {
          if (failed == 0) {
            firstError = "configuration " + c + ": " + errors[k][c];
          }
          failed++;
        }
      }
      results.add(new WindowResult(w, id, spec.paramsJson(id), inSample[k][id],
          PeriodStats.of(stitched, w.scoredFromRow() - t0, w.testToRow() - t0), failed, firstError));
    }
    return new WalkForwardResult(settings, base, spec.keys(), nConfigs, results, stitched,
        PeriodStats.of(stitched, 0, stitched.size()));
  }

  /** The target source of one configuration over the whole data, sharing precomputed signals by cache key. */
  private static TargetSource targets(BacktestConfig cfg, MarketData data, CostModel costs, SignalCache signals) {
    return Backtester.targets(cfg, data, costs, signals);
  }

  /** Every configuration on every train window, in parallel; fills the stats (EMPTY and an error on failure). */
  private static void trainRuns(GridEvaluator ev, BacktestConfig[] configs, List<Window> windows,
      PeriodStats[][] inSample, String[][] errors, int threads, Listener listener) {
    int nConfigs = configs.length;
    int nWindows = windows.size();
    long total = (long) nConfigs * nWindows;
    long[] ids = new long[nConfigs];
    for (int i = 0; i < nConfigs; i++) {
      ids[i] = i;
    }
    long[] order = ev.inGroupOrder(ids);
    AtomicLong done = new AtomicLong();
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool((int) Math.max(1, Math.min(threads, total)), r -> {
      Thread th = new Thread(r, "walk-forward-" + names.incrementAndGet());
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> futures = new ArrayList<>((int) total);
      for (long id : order) {
        int c = (int) id;
        for (int k = 0; k < nWindows; k++) {
          Window w = windows.get(k);
          int wk = k;
          futures.add(pool.submit(() -> {
            try {
              BacktestResult r = ev.backtest(configs[c], Optional.of(w.trainStart()), Optional.of(w.trainEnd()));
              if (r.size() != w.trainBars()) {
                throw new IllegalStateException("train run of window " + wk + " booked " + r.size()
                    + " bars, expected " + w.trainBars());
              }
              inSample[wk][c] = PeriodStats.of(r, 0, r.size());
            } catch (ConfigException | IllegalStateException e) {
              throw e;
            } catch (RuntimeException e) {
              inSample[wk][c] = PeriodStats.EMPTY;
              errors[wk][c] = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            listener.trainRunDone(done.incrementAndGet(), total);
          }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("walk-forward interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
