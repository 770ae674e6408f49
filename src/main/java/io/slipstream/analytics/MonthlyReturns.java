package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compounded returns per calendar month and per year (UTC), the table of quantstats {@code monthly_returns} with
 * its {@code EOY} column: {@code R_month = prod(1 + r_t) - 1} over the bars of that month, and the same over the
 * year. A bar belongs to the month of its open time ({@code close time - interval}): its return accrues over
 * {@code (open, close]}, so the bar that closes at 00:00 on the 1st is the previous month's last bar. Rows = years
 * from the first to the last bar's year (every year in between included), columns = months 1..12. A month without
 * any bar is NaN (quantstats shows 0). Immutable; arrays are copied out.
 */
public final class MonthlyReturns {
  private final int firstYear;
  private final double[][] months;
  private final double[] years;

  private MonthlyReturns(int firstYear, double[][] months, double[] years) {
    this.firstYear = firstYear;
    this.months = months;
    this.years = years;
  }

  /**
   * Monthly table of a ledger's net returns.
   *
   * @param r the ledger (at least one bar)
   * @return the table
   * @throws IllegalArgumentException if the ledger is empty
   */
  public static MonthlyReturns of(BacktestResult r) {
    return of(r.closeTimesMs(), r.interval(), r.netReturns());
  }

  /**
   * Monthly table of a return series.
   *
   * @param closeTimesMs bar close times, epoch ms UTC, ascending; not modified
   * @param interval bar interval (open time = close time - interval)
   * @param returns simple returns per bar, decimal, same length; not modified. A NaN return makes its month and
   *     year NaN.
   * @return the table
   * @throws IllegalArgumentException if the series is empty, lengths differ or times are not ascending
   */
  public static MonthlyReturns of(long[] closeTimesMs, BarInterval interval, double[] returns) {
    Checks.notNull(interval, "interval");
    Checks.sameLength(returns.length, closeTimesMs.length, "returns");
    int n = closeTimesMs.length;
    if (n == 0) {
      throw new IllegalArgumentException("Argument 'returns' must not be empty");
    }
    for (int i = 1; i < n; i++) {
      if (closeTimesMs[i] <= closeTimesMs[i - 1]) {
        throw new IllegalArgumentException("Argument 'closeTimesMs' must be strictly ascending, row " + i + " is "
            + Instant.ofEpochMilli(closeTimesMs[i]) + " after " + Instant.ofEpochMilli(closeTimesMs[i - 1]));
      }
    }
    long step = interval.millis();
    int y0 = yearMonth(closeTimesMs[0] - step)[0];
    int y1 = yearMonth(closeTimesMs[n - 1] - step)[0];
    int ny = y1 - y0 + 1;
    double[][] growth = new double[ny][12];
    boolean[][] seen = new boolean[ny][12];
    double[] yg = new double[ny];
    Arrays.fill(yg, 1.0);
    for (double[] row : growth) {
      Arrays.fill(row, 1.0);
    }
    for (int i = 0; i < n; i++) {
      int[] ym = yearMonth(closeTimesMs[i] - step);
      int y = ym[0] - y0;
      int m = ym[1] - 1;
      growth[y][m] *= 1 + returns[i];
      seen[y][m] = true;
      yg[y] *= 1 + returns[i];
    }
    double[] years = new double[ny];
    for (int y = 0; y < ny; y++) {
      boolean any = false;
      for (int m = 0; m < 12; m++) {
        if (seen[y][m]) {
          growth[y][m] -= 1;
          any = true;
        } else {
          growth[y][m] = Double.NaN;
        }
      }
      years[y] = any ? yg[y] - 1 : Double.NaN;
    }
    return new MonthlyReturns(y0, growth, years);
  }

  private static int[] yearMonth(long epochMs) {
    ZonedDateTime z = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
    return new int[] {z.getYear(), z.getMonthValue()};
  }

  /** @return the calendar years of the rows, ascending and contiguous */
  public List<Integer> years() {
    List<Integer> out = new ArrayList<>(years.length);
    for (int y = 0; y < years.length; y++) {
      out.add(firstYear + y);
    }
    return out;
  }

  /**
   * @param year calendar year
   * @param month 1..12
   * @return the compounded return of that month, decimal; NaN when no bar falls in it
   * @throws IllegalArgumentException if the year is outside the table or the month outside 1..12
   */
  public double month(int year, int month) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("Argument 'month' must be in [1, 12], was " + month);
    }
    return months[row(year)][month - 1];
  }

  /**
   * @param year calendar year
   * @return the compounded return of that year's bars, decimal; NaN when no bar falls in it
   * @throws IllegalArgumentException if the year is outside the table
   */
  public double year(int year) {
    return years[row(year)];
  }

  /** @return the best compounded calendar month, decimal; NaN when no month has a finite return */
  public double best() {
    return extreme(true);
  }

  /** @return the worst compounded calendar month, decimal; NaN when no month has a finite return */
  public double worst() {
    return extreme(false);
  }

  private double extreme(boolean max) {
    double e = Double.NaN;
    for (double[] row : months) {
      for (double v : row) {
        if (Double.isFinite(v) && (Double.isNaN(e) || (max ? v > e : v < e))) {
          e = v;
        }
      }
    }
    return e;
  }

  /** @return the table {@code [year row][month 0..11]}, decimal, NaN = no bar (a copy) */
  public double[][] table() {
    double[][] out = new double[months.length][];
    for (int y = 0; y < months.length; y++) {
      out[y] = months[y].clone();
    }
    return out;
  }

  private int row(int year) {
    int y = year - firstYear;
    if (y < 0 || y >= years.length) {
      throw new IllegalArgumentException("Argument 'year' must be in [" + firstYear + ", "
          + (firstYear + years.length - 1) + "], was " + year);
    }
    return y;
  }
}
