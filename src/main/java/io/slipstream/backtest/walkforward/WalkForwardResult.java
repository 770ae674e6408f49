package io.slipstream.backtest.walkforward;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.Checks;
import java.util.List;

/**
 * The outcome of a walk-forward study.
 *
 * @param settings the walk-forward settings
 * @param baseConfig the base config (its window was split; its costs, funding and capital book the stitched ledger)
 * @param gridKeys the searched config keys, in grid order
 * @param configurations number of grid configurations tried on every train window
 * @param windows one entry per window, in time order
 * @param stitched the out-of-sample ledger: one continuous run over {@code (testStart of window 0, testEnd of the
 *     last window]}, each bar traded by the configuration chosen for its window
 * @param stitchedStats stats of the whole stitched ledger (embargoed and gap bars included)
 */
public record WalkForwardResult(WalkForwardConfig settings, BacktestConfig baseConfig, List<String> gridKeys,
    long configurations, List<WindowResult> windows, BacktestResult stitched, PeriodStats stitchedStats) {
  /** Copies the lists. @throws IllegalArgumentException for a null field */
  public WalkForwardResult {
    Checks.notNull(settings, "settings");
    Checks.notNull(baseConfig, "baseConfig");
    gridKeys = List.copyOf(gridKeys);
    windows = List.copyOf(windows);
    Checks.notNull(stitched, "stitched");
    Checks.notNull(stitchedStats, "stitchedStats");
  }
}
