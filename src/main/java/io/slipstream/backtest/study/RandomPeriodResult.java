package io.slipstream.backtest.study;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a {@link RandomPeriodStudy}.
 *
 * @param config the config studied (its window is the full period)
 * @param days window length, days
 * @param windowBars window length, bars
 * @param seed the generator seed
 * @param windows the windows, in draw order
 * @param totalReturn distribution of the windows' total net returns (fractions)
 * @param sharpe distribution of the windows' annualised net Sharpe ratios
 * @param maxDrawdown distribution of the windows' max drawdowns (positive fractions)
 * @param turnover distribution of the windows' summed turnover (NAV multiples)
 * @param fullStart open time of the full period's first booked bar
 * @param fullEnd close time of its last booked bar
 * @param full stats of one continuous run over the full period
 * @param fullTurnover summed turnover of the full run, NAV multiples
 */
public record RandomPeriodResult(BacktestConfig config, int days, int windowBars, long seed,
    List<RandomWindow> windows, Distribution totalReturn, Distribution sharpe, Distribution maxDrawdown,
    Distribution turnover, Instant fullStart, Instant fullEnd, PeriodStats full, double fullTurnover) {
  /** Copies the list. @throws IllegalArgumentException for a null field */
  public RandomPeriodResult {
    Checks.notNull(config, "config");
    windows = List.copyOf(windows);
    Checks.notNull(totalReturn, "totalReturn");
    Checks.notNull(sharpe, "sharpe");
    Checks.notNull(maxDrawdown, "maxDrawdown");
    Checks.notNull(turnover, "turnover");
    Checks.notNull(fullStart, "fullStart");
    Checks.notNull(fullEnd, "fullEnd");
    Checks.notNull(full, "full");
  }

  /**
   * The full period's return scaled to one window, for comparison with the windows' mean return: the geometric
   * per-window return {@code (1 + full total return)^(windowBars / full bars) - 1}.
   *
   * @return a fraction per window of {@code days} days
   */
  public double fullReturnPerWindow() {
    return Math.pow(1 + full.totalReturn(), (double) windowBars / full.bars()) - 1;
  }
}
