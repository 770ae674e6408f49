package io.slipstream.data;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A time x coin panel of doubles on a regular UTC bar grid: rows = bars (row {@code t} opens at
 * {@code firstOpenMs + t * interval} and closes one interval later), columns = coins, values in the unit of
 * the quantity held (USD prices, base-asset volume, decimal returns...). NaN means "not available"
 * (before listing, after delisting, a gap, a zero-volume bar, or warm-up).
 *
 * <p>Storage is column-major ({@code values[c * rows + t]}), which is the order the per-coin signal kernels
 * walk. The panel is immutable: arrays are copied in and out. It is {@link Serializable} (Java serialization) so
 * that a distributed engine can ship it to its workers once (a Spark broadcast).
 */
public final class Panel implements Serializable {
  private static final long serialVersionUID = 1L;
  private final BarInterval interval;
  private final long firstOpenMs;
  private final int rows;
  private final List<String> coins;
  private final Map<String, Integer> index;
  private final double[] values;

  private Panel(BarInterval interval, long firstOpenMs, int rows, List<String> coins, double[] values) {
    this.interval = interval;
    this.firstOpenMs = firstOpenMs;
    this.rows = rows;
    this.coins = coins;
    this.values = values;
    this.index = new HashMap<>();
    for (int c = 0; c < coins.size(); c++) {
      if (index.put(coins.get(c), c) != null) {
        throw new IllegalArgumentException("Argument 'coins' has duplicate coin '" + coins.get(c) + "'");
      }
    }
  }

  /**
   * Creates a panel from column-major values.
   *
   * @param interval the bar interval
   * @param firstOpenMs open time of row 0, epoch milliseconds UTC
   * @param rows number of bars
   * @param coins column names, unique
   * @param columnMajor {@code rows * coins.size()} values, {@code columnMajor[c * rows + t]}. Not modified.
   * @return the panel
   * @throws IllegalArgumentException on a length mismatch, negative rows or duplicate coins
   */
  public static Panel of(BarInterval interval, long firstOpenMs, int rows, List<String> coins, double[] columnMajor) {
    return wrap(interval, firstOpenMs, rows, coins, columnMajor.clone());
  }

  /** Creates a panel that owns {@code columnMajor} (no copy): for kernels that built the array themselves. */
  static Panel wrap(BarInterval interval, long firstOpenMs, int rows, List<String> coins, double[] columnMajor) {
    Checks.notNull(interval, "interval");
    if (rows < 0) {
      throw new IllegalArgumentException("Argument 'rows' must be >= 0, was " + rows);
    }
    List<String> cs = List.copyOf(coins);
    Checks.sameLength(columnMajor.length, rows * cs.size(), "columnMajor");
    return new Panel(interval, firstOpenMs, rows, cs, columnMajor);
  }

  /**
   * A panel of the same shape, interval and coins as this one, holding {@code columnMajor}.
   *
   * @param columnMajor {@code rows() * columns()} values. Not modified.
   * @return the new panel
   */
  public Panel withValues(double[] columnMajor) {
    return of(interval, firstOpenMs, rows, coins, columnMajor);
  }

  /** @return the bar interval */
  public BarInterval interval() {
    return interval;
  }

  /** @return number of rows (bars) */
  public int rows() {
    return rows;
  }

  /** @return number of columns (coins) */
  public int columns() {
    return coins.size();
  }

  /** @return the coins, in column order */
  public List<String> coins() {
    return coins;
  }

  /** @return the column of {@code coin}, or empty if the panel has no such coin */
  public OptionalInt columnOf(String coin) {
    Integer c = index.get(coin);
    return c == null ? OptionalInt.empty() : OptionalInt.of(c);
  }

  /** @return open time of row 0, epoch ms UTC */
  public long firstOpenMs() {
    return firstOpenMs;
  }

  /** @return open time of row {@code t}, epoch ms UTC */
  public long openTimeMs(int t) {
    return firstOpenMs + t * interval.millis();
  }

  /** @return close time of row {@code t} ({@code open + interval}), epoch ms UTC: when the bar becomes known */
  public long closeTimeMs(int t) {
    return firstOpenMs + (t + 1L) * interval.millis();
  }

  /** @return close time of row {@code t} as an {@link Instant} */
  public Instant closeTime(int t) {
    return Instant.ofEpochMilli(closeTimeMs(t));
  }

  /**
   * @param closeMs a close time, epoch ms UTC
   * @return the row of the last bar whose close time is {@code <= closeMs}, -1 if none, {@code rows-1} at most
   */
  public int lastRowClosedBy(long closeMs) {
    long k = Math.floorDiv(closeMs - firstOpenMs, interval.millis()) - 1;
    return (int) Math.max(-1, Math.min(rows - 1L, k));
  }

  /** @return the value at row {@code t}, column {@code c} */
  public double get(int t, int c) {
    return values[c * rows + t];
  }

  /** @return a copy of column {@code c} (length {@code rows()}) */
  public double[] column(int c) {
    double[] out = new double[rows];
    System.arraycopy(values, c * rows, out, 0, rows);
    return out;
  }

  /** @return a copy of row {@code t} (length {@code columns()}) */
  public double[] row(int t) {
    double[] out = new double[coins.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = values[c * rows + t];
    }
    return out;
  }

  /** @return a copy of all values, column-major */
  public double[] toColumnMajor() {
    return values.clone();
  }

  /**
   * @param fromRow first row kept (inclusive)
   * @param toRow last row kept (exclusive)
   * @return the panel restricted to rows {@code [fromRow, toRow)}
   * @throws IllegalArgumentException when the range is outside {@code [0, rows]}
   */
  public Panel sliceRows(int fromRow, int toRow) {
    if (fromRow < 0 || toRow > rows || fromRow > toRow) {
      throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow + ") outside [0, " + rows + ")");
    }
    int n = toRow - fromRow;
    double[] out = new double[n * coins.size()];
    for (int c = 0; c < coins.size(); c++) {
      System.arraycopy(values, c * rows + fromRow, out, c * n, n);
    }
    return new Panel(interval, openTimeMs(fromRow), n, coins, out);
  }

  @Override
  public String toString() {
    return "Panel[" + rows + " bars x " + coins.size() + " coins, " + interval.label() + ", first open "
        + Instant.ofEpochMilli(firstOpenMs) + "]";
  }
}
