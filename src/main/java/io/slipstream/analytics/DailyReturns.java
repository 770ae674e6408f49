package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import java.util.Arrays;

/**
 * Bar returns compounded to UTC calendar days: {@code R_day = prod(1 + r_t) - 1} over the bars whose open time
 * ({@code close time - interval}) falls on that day, so ratios can be compared with tools that work on daily data
 * (quantstats, pyfolio). Days without a bar are skipped; the first and last day may be partial. On daily bars this is
 * the identity. Immutable; arrays are copied out.
 */
public final class DailyReturns {
  private static final long DAY_MS = 86_400_000L;
  private final long[] dayStartMs;
  private final double[] returns;

  private DailyReturns(long[] dayStartMs, double[] returns) {
    this.dayStartMs = dayStartMs;
    this.returns = returns;
  }

  /**
   * Daily net returns of a ledger.
   *
   * @param r the ledger
   * @return the daily series
   */
  public static DailyReturns of(BacktestResult r) {
    return of(r.closeTimesMs(), r.interval(), r.netReturns());
  }

  /**
   * Daily compounded returns of a bar series.
   *
   * @param closeTimesMs bar close times, epoch ms UTC, ascending; not modified
   * @param interval bar interval (a day or shorter)
   * @param barReturns simple returns per bar, same length; not modified. A NaN makes its day NaN.
   * @return the daily series
   * @throws IllegalArgumentException if the lengths differ or the interval is longer than a day
   */
  public static DailyReturns of(long[] closeTimesMs, BarInterval interval, double[] barReturns) {
    Checks.sameLength(barReturns.length, closeTimesMs.length, "barReturns");
    if (interval.millis() > DAY_MS) {
      throw new IllegalArgumentException("Argument 'interval' must be at most 1d, was " + interval.label());
    }
    long step = interval.millis();
    long[] days = new long[closeTimesMs.length];
    double[] g = new double[closeTimesMs.length];
    int k = -1;
    for (int i = 0; i < closeTimesMs.length; i++) {
      long day = Math.floorDiv(closeTimesMs[i] - step, DAY_MS) * DAY_MS;
      if (k < 0 || days[k] != day) {
        k++;
        days[k] = day;
        g[k] = 1.0;
      }
      g[k] *= 1 + barReturns[i];
    }
    int n = k + 1;
    double[] ret = new double[n];
    for (int i = 0; i < n; i++) {
      ret[i] = g[i] - 1;
    }
    return new DailyReturns(Arrays.copyOf(days, n), ret);
  }

  /** @return epoch ms of each day's 00:00 UTC */
  public long[] dayStartMs() {
    return dayStartMs.clone();
  }

  /** @return compounded return of each day, decimal */
  public double[] returns() {
    return returns.clone();
  }

  /** @return number of days */
  public int size() {
    return returns.length;
  }
}
