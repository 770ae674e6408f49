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
import java.util.List;

/**
 * The Parquet data lake: {@code candles_<interval>.parquet} ({@code coin, open_time, open, high, low, close,
 * volume}) and {@code funding.parquet} ({@code coin, time, funding_rate}), long format, sorted by coin then time
 * (DESIGN.md, data lake layout). Loads them into {@link MarketData} panels.
 *
 * <p>What the loader masks: zero-volume bars (Hyperliquid back-fills history before a coin traded with
 * {@code volume = 0}) become NaN. What it refuses, with a {@link DataException} naming the file, coin and row:
 * a duplicated {@code open_time} for one coin, a non-finite price, a negative or non-finite volume, an
 * {@code open_time} off the interval's grid, a non-finite funding rate. Rows need not be sorted.
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
      if (Math.floorMod(t, step) != 0) {
        throw new DataException(candlesName + ": coin " + coins.get(code[i]) + " row " + i + ": open_time "
            + Instant.ofEpochMilli(t) + " is not on the " + interval.label() + " grid");
      }
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    long rowsL = (last - first) / step + 1;
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
      checkFinite(candlesName, coins.get(col), i, "open", o[i]);
      checkFinite(candlesName, coins.get(col), i, "high", h[i]);
      checkFinite(candlesName, coins.get(col), i, "low", l[i]);
      checkFinite(candlesName, coins.get(col), i, "close", c[i]);
      if (!(v[i] >= 0) || Double.isInfinite(v[i])) {
        throw new DataException(candlesName + ": coin " + coins.get(col) + " row " + i + ": volume " + v[i]
            + " is negative or not finite");
      }
      if (v[i] > 0) {
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

  private static void checkFinite(String file, String coin, int row, String field, double x) {
    if (!Double.isFinite(x)) {
      throw new DataException(file + ": coin " + coin + " row " + row + ": " + field + " " + x + " is not finite");
    }
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
      if (!Double.isFinite(rate[i])) {
        throw new DataException(fundingName + ": coin " + fcoins.get(code[i]) + " row " + i + ": funding_rate "
            + rate[i] + " is not finite");
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
