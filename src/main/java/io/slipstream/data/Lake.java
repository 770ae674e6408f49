package io.slipstream.data;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.core.Units;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The Parquet data lake: {@code candles_<interval>.parquet} ({@code coin, open_time, open, high, low, close,
 * volume}) and {@code funding.parquet} ({@code coin, time, funding_rate}), long format, sorted by coin then time
 * (DESIGN.md, data lake layout). Loads them into {@link MarketData} panels.
 *
 * <p>What the loader masks: zero-volume bars (Hyperliquid back-fills history before a coin traded with
 * {@code volume = 0}) become NaN, whatever their prices. What it refuses, with a {@link DataException} (exit 1)
 * naming the file, coin, row, time and column: a duplicated {@code open_time} for one coin, a non-finite price, a
 * negative or missing (null, NaN) or infinite volume, an open, high, low or close that is not {@code > 0} on a
 * traded bar ({@code volume > 0}), an {@code open_time} off the interval's grid, a non-finite funding rate, a
 * timestamp before {@link #EARLIEST_PLAUSIBLE_MS} or from {@link #LATEST_PLAUSIBLE_MS} on (named as seconds or
 * microseconds where that is the likely cause), and stray bars (a gap of at least {@link #STRAY_GAP_MS} in the
 * file's time axis cutting off at most {@link #STRAY_SHARE} of its bar times). Rows need not be sorted.
 *
 * <p>Why refuse rather than mask a non-positive price: a zero or negative close on a bar that traded is a broken
 * row, not a missing one; masking it would silently drop the coin from every book it is in until its next valid
 * close, and change every later signal. A bar with {@code volume = 0} is not traded and is masked anyway, so its
 * prices are not checked beyond finiteness.
 */
public final class Lake {
  /** Columns of a candles file. */
  public static final List<ColumnSpec> CANDLE_COLUMNS = List.of(
      new ColumnSpec("coin", ColumnType.STRING), new ColumnSpec("open_time", ColumnType.TIMESTAMP_MS),
      new ColumnSpec("open", ColumnType.DOUBLE), new ColumnSpec("high", ColumnType.DOUBLE),
      new ColumnSpec("low", ColumnType.DOUBLE), new ColumnSpec("close", ColumnType.DOUBLE),
      new ColumnSpec("volume", ColumnType.DOUBLE));
  /** Columns of the funding file. */
  public static final List<ColumnSpec> FUNDING_COLUMNS = List.of(
      new ColumnSpec("coin", ColumnType.STRING), new ColumnSpec("time", ColumnType.TIMESTAMP_MS),
      new ColumnSpec("funding_rate", ColumnType.DOUBLE));

  /** Earliest plausible timestamp: 2009-01-03T00:00Z (the first Bitcoin block), in ms since the epoch. */
  public static final long EARLIEST_PLAUSIBLE_MS = 1_230_940_800_000L;
  /** First implausible timestamp: 2100-01-01T00:00Z, in ms since the epoch. */
  public static final long LATEST_PLAUSIBLE_MS = 4_102_444_800_000L;
  /** A gap in a candles file's time axis (no coin has a bar) at least this long may mark stray bars: 30 days, ms. */
  public static final long STRAY_GAP_MS = 30L * 24 * Units.HOUR_MS;
  /** Bar times cut off by such a gap are stray when they are at most this share of the file's bar times: 1%. */
  public static final double STRAY_SHARE = 0.01;

  private Lake() {
  }

  /** @return {@code dataDir/candles_<label>.parquet} */
  public static Path candlesFile(Path dataDir, BarInterval interval) {
    return dataDir.resolve("candles_" + interval.label() + ".parquet");
  }

  /** @return {@code dataDir/funding.parquet} */
  public static Path fundingFile(Path dataDir) {
    return dataDir.resolve("funding.parquet");
  }

  /**
   * Reads a candles file as it is (no checks beyond the schema).
   *
   * @throws DataException naming the path when the file is missing, corrupt or of the wrong schema
   */
  public static Table readCandles(Path file) {
    return ParquetIo.read(file, CANDLE_COLUMNS);
  }

  /**
   * Reads a funding file as it is (no checks beyond the schema).
   *
   * @throws DataException naming the path when the file is missing, corrupt or of the wrong schema
   */
  public static Table readFunding(Path file) {
    return ParquetIo.read(file, FUNDING_COLUMNS);
  }

  /**
   * Loads candles and funding of one interval into panels.
   *
   * @param dataDir the lake folder
   * @param interval the bar interval ({@code candles_<label>.parquet} must exist)
   * @param withFunding when false the funding file is not read and the funding panel is all zeros
   * @return the masked panels; coins in the order of the candles file
   * @throws DataException naming file, coin and row for data that cannot be trusted (see class doc)
   */
  public static MarketData load(Path dataDir, BarInterval interval, boolean withFunding) {
    Path cf = candlesFile(dataDir, interval);
    if (!Files.isDirectory(dataDir)) {
      throw new DataException("data directory not found: " + dataDir);
    }
    Table candles = readCandles(cf);
    Table funding = withFunding ? readFunding(fundingFile(dataDir)) : null;
    return toMarketData(candles, cf.toString(), interval, funding, withFunding ? fundingFile(dataDir).toString() : "");
  }

  /**
   * Pivots long-format candles (and funding) into masked panels on a regular grid from the first to the last
   * {@code open_time} of the file.
   *
   * @param candles a table with {@link #CANDLE_COLUMNS}
   * @param candlesName the file name used in error messages
   * @param interval the bar interval
   * @param funding a table with {@link #FUNDING_COLUMNS}, or null for all-zero funding
   * @param fundingName the file name used in error messages
   * @return the panels
   * @throws DataException naming file, coin and row for data that cannot be trusted
   */
  public static MarketData toMarketData(Table candles, String candlesName, BarInterval interval, Table funding,
      String fundingName) {
    int n = candles.rows();
    if (n == 0) {
      throw new DataException(candlesName + ": no rows");
    }
    List<String> coins = candles.dictionary("coin");
    int[] code = candles.codesRef("coin");
    long[] time = candles.longsRef("open_time", ColumnType.TIMESTAMP_MS);
    double[] o = candles.doublesRef("open");
    double[] h = candles.doublesRef("high");
    double[] l = candles.doublesRef("low");
    double[] c = candles.doublesRef("close");
    double[] v = candles.doublesRef("volume");
    long step = interval.millis();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      long t = time[i];
      checkPlausibleTime(candlesName, "open_time", coins.get(code[i]), i, t);
      if (Math.floorMod(t, step) != 0) {
        throw new DataException(candlesName + ": coin " + coins.get(code[i]) + " row " + i + ": open_time "
            + Instant.ofEpochMilli(t) + " is not on the " + interval.label() + " grid");
      }
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    long rowsL = (last - first) / step + 1;
    checkStrayBars(candlesName, coins, code, time, first, step);
    if (rowsL * coins.size() > Integer.MAX_VALUE) {
      throw new DataException(candlesName + ": grid of " + rowsL + " bars x " + coins.size() + " coins is too large");
    }
    int rows = (int) rowsL;
    int cells = rows * coins.size();
    double[] po = new double[cells];
    double[] ph = new double[cells];
    double[] pl = new double[cells];
    double[] pc = new double[cells];
    double[] pv = new double[cells];
    Arrays.fill(po, Double.NaN);
    Arrays.fill(ph, Double.NaN);
    Arrays.fill(pl, Double.NaN);
    Arrays.fill(pc, Double.NaN);
    Arrays.fill(pv, Double.NaN);
    boolean[] seen = new boolean[cells];
    for (int i = 0; i < n; i++) {
      int col = code[i];
      int t = (int) ((time[i] - first) / step);
      int k = col * rows + t;
      if (seen[k]) {
        throw new DataException(candlesName + ": coin " + coins.get(col) + " row " + i + ": duplicated open_time "
            + Instant.ofEpochMilli(time[i]));
      }
      seen[k] = true;
      String coin = coins.get(col);
      checkFinite(candlesName, coin, i, time[i], "open", o[i]);
      checkFinite(candlesName, coin, i, time[i], "high", h[i]);
      checkFinite(candlesName, coin, i, time[i], "low", l[i]);
      checkFinite(candlesName, coin, i, time[i], "close", c[i]);
      if (Double.isNaN(v[i])) {
        throw new DataException(where(candlesName, coin, i, time[i]) + ": volume is missing (null or NaN) on a bar "
            + "with prices; give the traded volume, or 0 for a bar that did not trade");
      }
      if (v[i] < 0 || Double.isInfinite(v[i])) {
        throw new DataException(where(candlesName, coin, i, time[i]) + ": volume " + v[i]
            + " is negative or not finite");
      }
      if (v[i] > 0) {
        checkPositive(candlesName, coin, i, time[i], "open", o[i], v[i]);
        checkPositive(candlesName, coin, i, time[i], "high", h[i], v[i]);
        checkPositive(candlesName, coin, i, time[i], "low", l[i], v[i]);
        checkPositive(candlesName, coin, i, time[i], "close", c[i], v[i]);
        po[k] = o[i];
        ph[k] = h[i];
        pl[k] = l[i];
        pc[k] = c[i];
        pv[k] = v[i];
      }
    }
    double[] pf = new double[cells];
    if (funding != null) {
      addFunding(funding, fundingName, coins, first, rows, interval, pf);
    }
    return new MarketData(Panel.wrap(interval, first, rows, coins, po), Panel.wrap(interval, first, rows, coins, ph),
        Panel.wrap(interval, first, rows, coins, pl), Panel.wrap(interval, first, rows, coins, pc),
        Panel.wrap(interval, first, rows, coins, pv), Panel.wrap(interval, first, rows, coins, pf));
  }

  private static String where(String file, String coin, int row, long timeMs) {
    return file + ": coin " + coin + " row " + row + " (time " + Instant.ofEpochMilli(timeMs) + ")";
  }

  private static void checkFinite(String file, String coin, int row, long timeMs, String field, double x) {
    if (!Double.isFinite(x)) {
      throw new DataException(where(file, coin, row, timeMs) + ": " + field + " " + x + " is not finite");
    }
  }

  private static void checkPositive(String file, String coin, int row, long timeMs, String field, double x,
      double volume) {
    if (!(x > 0)) {
      throw new DataException(where(file, coin, row, timeMs) + ": " + field + " " + x + " on a traded bar (volume "
          + volume + "): prices must be > 0 (fix the row, or give it volume 0 if the bar did not trade)");
    }
  }

  /**
   * Refuses a timestamp outside [{@link #EARLIEST_PLAUSIBLE_MS}, {@link #LATEST_PLAUSIBLE_MS}), naming the likely
   * cause: a value that is plausible once multiplied by 1,000 is in seconds, one plausible once divided by 1,000 (or
   * 1,000,000) is in microseconds (nanoseconds).
   *
   * @throws DataException naming file, coin, row, column and the value
   */
  static void checkPlausibleTime(String file, String column, String coin, int row, long t) {
    if (t >= EARLIEST_PLAUSIBLE_MS && t < LATEST_PLAUSIBLE_MS) {
      return;
    }
    String cause;
    if (plausible(t, 1000, true)) {
      cause = "the timestamps look like seconds, not milliseconds since 1970";
    } else if (plausible(t, 1000, false)) {
      cause = "the timestamps look like microseconds, not milliseconds since 1970";
    } else if (plausible(t, 1_000_000, false)) {
      cause = "the timestamps look like nanoseconds, not milliseconds since 1970";
    } else {
      cause = "a wrong date";
    }
    throw new DataException(file + ": coin " + coin + " row " + row + ": " + column + " " + t + " ms ("
        + Instant.ofEpochMilli(t) + ") is not a plausible time (2009 .. 2099): " + cause);
  }

  private static boolean plausible(long t, long factor, boolean multiply) {
    if (multiply) {
      return t > 0 && t < LATEST_PLAUSIBLE_MS / factor && t * factor >= EARLIEST_PLAUSIBLE_MS;
    }
    long s = t / factor;
    return s >= EARLIEST_PLAUSIBLE_MS && s < LATEST_PLAUSIBLE_MS;
  }

  /**
   * Where stray bars are: the longest run of grid rows without any bar, when at least {@link #STRAY_GAP_MS} long,
   * cutting off at most {@link #STRAY_SHARE} of the distinct bar times (at least one).
   *
   * @param count the number of stray distinct bar times
   * @param after whether they lie after the gap (else before it)
   * @param gapFromMs the last bar time before the gap (ms)
   * @param gapToMs the first bar time after the gap (ms)
   */
  record Stray(int count, boolean after, long gapFromMs, long gapToMs) {
  }

  /**
   * Finds stray bars (see {@link Stray}) among bar times on a grid.
   *
   * @param time bar open times in ms, all on the grid {@code first + k * step}; not modified
   * @param first the earliest of them
   * @param step the grid step in ms
   * @return the stray bars, if any
   */
  static Optional<Stray> findStray(long[] time, long first, long step) {
    long last = first;
    for (long t : time) {
      last = Math.max(last, t);
    }
    long rowsL = (last - first) / step + 1;
    if (time.length == 0 || rowsL > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    int rows = (int) rowsL;
    BitSet occupied = new BitSet(rows);
    for (long t : time) {
      occupied.set((int) ((t - first) / step));
    }
    int distinct = occupied.cardinality();
    int bestStart = -1;
    int bestLen = 0;
    int before = 0;
    int bestBefore = 0;
    for (int r = occupied.nextSetBit(0); r >= 0;) {
      before++;
      int next = occupied.nextSetBit(r + 1);
      if (next < 0) {
        break;
      }
      int len = next - r - 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = r + 1;
        bestBefore = before;
      }
      r = next;
    }
    if (bestStart < 0 || (bestLen + 1L) * step < STRAY_GAP_MS) {
      return Optional.empty();
    }
    int after = distinct - bestBefore;
    int small = Math.min(bestBefore, after);
    if (small > Math.max(1, (long) Math.floor(STRAY_SHARE * distinct))) {
      return Optional.empty();
    }
    return Optional.of(new Stray(small, after <= bestBefore, first + (bestStart - 1L) * step,
        first + (long) (bestStart + bestLen) * step));
  }

  /** Refuses stray bars ({@link #findStray}): a bar dated years away would stretch the grid over empty years. */
  private static void checkStrayBars(String file, List<String> coins, int[] code, long[] time, long first, long step) {
    Optional<Stray> found = findStray(time, first, step);
    if (found.isEmpty()) {
      return;
    }
    Stray st = found.get();
    boolean strayAfter = st.after();
    long gapFrom = st.gapFromMs();
    long gapTo = st.gapToMs();
    int small = st.count();
    int example = -1;
    for (int i = 0; i < time.length && example < 0; i++) {
      if (strayAfter ? time[i] >= gapTo : time[i] <= gapFrom) {
        example = i;
      }
    }
    long days = (gapTo - gapFrom) / (24 * Units.HOUR_MS);
    throw new DataException(file + ": " + small + " bar time(s) lie " + days + " days " + (strayAfter ? "after"
        : "before") + " the rest of the file (which " + (strayAfter ? "ends at " + Instant.ofEpochMilli(gapFrom)
        : "starts at " + Instant.ofEpochMilli(gapTo)) + "), e.g. coin " + coins.get(code[example]) + " row "
        + example + " at " + Instant.ofEpochMilli(time[example]) + ": a stray bar with a wrong date? Fix or remove "
        + "it (it would stretch the grid over the empty years)");
  }

  /**
   * Adds funding rates into per-bar sums: hour {@code h = floor(time / 1h)}, bar {@code t} with
   * {@code open_t < h <= open_t + interval}, i.e. {@code t = floor((h - first - 1) / step)}.
   */
  private static void addFunding(Table funding, String fundingName, List<String> coins, long first, int rows,
      BarInterval interval, double[] out) {
    List<String> fcoins = funding.dictionary("coin");
    int[] map = new int[fcoins.size()];
    List<String> candleCoins = new ArrayList<>(coins);
    for (int i = 0; i < map.length; i++) {
      map[i] = candleCoins.indexOf(fcoins.get(i));
    }
    int[] code = funding.codesRef("coin");
    long[] time = funding.longsRef("time", ColumnType.TIMESTAMP_MS);
    double[] rate = funding.doublesRef("funding_rate");
    long step = interval.millis();
    for (int i = 0; i < code.length; i++) {
      checkPlausibleTime(fundingName, "time", fcoins.get(code[i]), i, time[i]);
      if (!Double.isFinite(rate[i])) {
        throw new DataException(fundingName + ": coin " + fcoins.get(code[i]) + " row " + i + " (time "
            + Instant.ofEpochMilli(time[i]) + "): funding_rate " + rate[i] + " is not finite");
      }
      int col = map[code[i]];
      if (col < 0) {
        continue;
      }
      long hour = Math.floorDiv(time[i], Units.HOUR_MS) * Units.HOUR_MS;
      long t = Math.floorDiv(hour - first - 1, step);
      if (t >= 0 && t < rows) {
        out[col * rows + (int) t] += rate[i];
      }
    }

  }
}
