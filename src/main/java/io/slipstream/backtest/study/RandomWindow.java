package io.slipstream.backtest.study;

import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.Checks;
import java.time.Instant;

/**
 * One window of a random-period study: an independent backtest over {@code (start, end]} that starts flat.
 *
 * @param index draw number, from 0 (the order the seeded generator drew the windows in)
 * @param fromRow first booked bar (data row)
 * @param start open time of the first booked bar (NAV is 1 here)
 * @param end close time of the last booked bar
 * @param stats the window's stats ({@link PeriodStats}: total return, annualised Sharpe, max drawdown, ...)
 * @param turnover sum of the turnover booked in the window, NAV multiples (the entry trade included)
 */
public record RandomWindow(int index, int fromRow, Instant start, Instant end, PeriodStats stats, double turnover) {
  /** Validates. @throws IllegalArgumentException for a null field or a negative index or row */
  public RandomWindow {
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    Checks.notNull(stats, "stats");
    if (index < 0 || fromRow < 0) {
      throw new IllegalArgumentException("index and fromRow must be >= 0, were " + index + ", " + fromRow);
    }
  }
}
