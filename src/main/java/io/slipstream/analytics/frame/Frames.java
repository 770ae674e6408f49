package io.slipstream.analytics.frame;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Conversions between the project's panels and Tablesaw tables, for notebooks that work the way a pandas user
 * expects ({@code summary()}, {@code summarize(...).by(...)}, {@code rolling(n)}, {@code joinOn(...)}).
 *
 * <p>Times: the {@code time} column is the bar's <em>close</em> time (UTC), when the bar becomes known (DESIGN.md
 * convention: a bar is keyed by its open time but knowable at its close). Values are copied; NaN stays NaN
 * (Tablesaw's missing value for doubles), so {@code summary()} and {@code rolling} skip it as pandas does.
 */
public final class Frames {
  /** Name of the bar close-time column of every table made here. */
  public static final String TIME = "time";
  /** Name of the coin column of long (tidy) tables. */
  public static final String COIN = "coin";

  private Frames() {
  }

  /**
   * A panel as a wide table, like {@code DataFrame(index=close_time, columns=coins)}.
   * Shape: rows = bars (in panel order), columns = {@code time} then one double column per coin (panel order).
   *
   * @param name the table's name
   * @param panel the panel (not modified)
   * @return a new table with {@code panel.rows()} rows and {@code 1 + panel.columns()} columns
   */
  public static Table wide(String name, Panel panel) {
    Checks.notNull(panel, "panel");
    Table t = Table.create(name, closeTimes(panel));
    for (int c = 0; c < panel.columns(); c++) {
      t.addColumns(DoubleColumn.create(panel.coins().get(c), panel.column(c)));
    }
    return t;
  }

  /**
   * Panels of the same grid stacked into one long (tidy) table, like pandas' {@code stack()} of each and a
   * concat along columns: columns {@code time, coin} then one double column per entry of {@code panels}
   * (insertion order). Rows are ordered by coin (panel order) then time; a (time, coin) row is left out when every
   * value in it is NaN (pandas' {@code stack(dropna=True)}).
   *
   * @param panels column name to panel; all on the same grid (interval, first open time, rows, coins)
   * @return a new long table
   * @throws IllegalArgumentException if {@code panels} is empty or the panels' grids differ (both shapes named)
   */
  public static Table tidy(Map<String, Panel> panels) {
    Checks.notNull(panels, "panels");
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("Argument 'panels' must not be empty");
    }
    Panel first = panels.values().iterator().next();
    for (Map.Entry<String, Panel> e : panels.entrySet()) {
      Panel p = e.getValue();
      if (p.rows() != first.rows() || !p.coins().equals(first.coins()) || p.firstOpenMs() != first.firstOpenMs()
          || p.interval() != first.interval()) {
        throw new IllegalArgumentException("panel '" + e.getKey() + "' is on another grid: " + p + " vs " + first);
      }
    }
    List<double[]> cols = new ArrayList<>();
    for (Panel p : panels.values()) {
      cols.add(p.toColumnMajor());
    }
    int rows = first.rows();
    Instant[] closes = new Instant[rows];
    for (int t = 0; t < rows; t++) {
      closes[t] = first.closeTime(t);
    }
    int kept = 0;
    boolean[] keep = new boolean[rows * first.columns()];
    for (int i = 0; i < keep.length; i++) {
      for (double[] col : cols) {
        if (!Double.isNaN(col[i])) {
          keep[i] = true;
          kept++;
          break;
        }
      }
    }
    Instant[] times = new Instant[kept];
    String[] names = new String[kept];
    double[][] vals = new double[cols.size()][kept];
    int r = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        times[r] = closes[i % rows];
        names[r] = first.coins().get(i / rows);
        for (int k = 0; k < cols.size(); k++) {
          vals[k][r] = cols.get(k)[i];
        }
        r++;
      }
    }
    InstantColumn time = InstantColumn.create(TIME, times);
    StringColumn coin = StringColumn.create(COIN, names);
    List<DoubleColumn> values = new ArrayList<>();
    int k = 0;
    for (String n : panels.keySet()) {
      values.add(DoubleColumn.create(n, vals[k++]));
    }
    Table out = Table.create("tidy", time, coin);
    values.forEach(out::addColumns);
    return out;
  }

  /**
   * The candles (and funding per bar) of {@code md} as one long table:
   * {@code time, coin, open, high, low, close, volume, funding}; prices in USD, volume in base units, funding a
   * fraction of notional per bar (the sum of the hourly rates paid in the bar). Masked bars (NaN close) are left
   * out, so every row is a traded bar.
   *
   * @param md the market data (not modified)
   * @return a new long table, rows ordered by coin then time
   */
  public static Table candles(MarketData md) {
    Map<String, Panel> m = new LinkedHashMap<>();
    m.put("open", md.open());
    m.put("high", md.high());
    m.put("low", md.low());
    m.put("close", md.close());
    m.put("volume", md.volume());
    m.put("funding", md.funding());
    Table t = tidy(m);
    return t.where(t.doubleColumn("close").isNotMissing()).setName("candles_" + md.interval().label());
  }

  /**
   * A wide table (as {@link #wide} makes it: {@code time} then one double column per coin) back to a panel on
   * {@code interval} bars. The times must be consecutive bar closes ({@code interval} apart).
   *
   * @param wide the table (not modified)
   * @param interval the bar interval
   * @return a new panel; its first open time is the first close time minus one interval
   * @throws IllegalArgumentException if the table has no rows, no {@code time} column, a non-double value column
   *     or times that are not consecutive bar closes (the first offending row named)
   */
  public static Panel toPanel(Table wide, BarInterval interval) {
    Checks.notNull(wide, "wide");
    Checks.notNull(interval, "interval");
    if (wide.rowCount() == 0 || !wide.containsColumn(TIME)) {
      throw new IllegalArgumentException("table '" + wide.name() + "' needs rows and a '" + TIME + "' column");
    }
    InstantColumn time = wide.instantColumn(TIME);
    long step = interval.millis();
    long firstClose = time.get(0).toEpochMilli();
    for (int t = 1; t < time.size(); t++) {
      if (time.get(t).toEpochMilli() != firstClose + t * step) {
        throw new IllegalArgumentException("table '" + wide.name() + "': row " + t + " has time " + time.get(t)
            + ", expected " + Instant.ofEpochMilli(firstClose + t * step) + " (" + interval.label() + " bars)");
      }
    }
    List<String> coins = new ArrayList<>();
    int rows = wide.rowCount();
    List<double[]> cols = new ArrayList<>();
    for (Column<?> col : wide.columns()) {
      if (col.name().equals(TIME)) {
        continue;
      }
      if (!(col instanceof DoubleColumn d)) {
        throw new IllegalArgumentException("table '" + wide.name() + "': column '" + col.name() + "' is "
            + col.type() + ", expected DOUBLE");
      }
      coins.add(d.name());
      cols.add(d.asDoubleArray());
    }
    double[] cm = new double[rows * coins.size()];
    for (int c = 0; c < cols.size(); c++) {
      System.arraycopy(cols.get(c), 0, cm, c * rows, rows);
    }
    return Panel.of(interval, firstClose - step, rows, coins, cm);
  }

  /**
   * A backtest ledger as a table with the columns of {@code returns.csv} (DESIGN.md CLI contract):
   * {@code time, gross_return, funding_cost, fee_cost, net_return, nav, turnover, n_long, n_short}; returns and
   * costs are fractions of NAV per bar, nav starts at 1 before the first row.
   *
   * @param result the ledger (not modified)
   * @return a new table, one row per booked bar
   */
  public static Table ledger(BacktestResult result) {
    int n = result.size();
    InstantColumn time = InstantColumn.create(TIME);
    for (int i = 0; i < n; i++) {
      time.append(result.time(i));
    }
    return Table.create("ledger", time,
        DoubleColumn.create("gross_return", result.grossReturns()),
        DoubleColumn.create("funding_cost", result.fundingCosts()),
        DoubleColumn.create("fee_cost", result.feeCosts()),
        DoubleColumn.create("net_return", result.netReturns()),
        DoubleColumn.create("nav", result.nav()),
        DoubleColumn.create("turnover", result.turnover()),
        IntColumn.create("n_long", result.nLong()),
        IntColumn.create("n_short", result.nShort()));
  }

  /**
   * The ledger's held weights as a long table {@code time, coin, weight}: one row per non-zero weight held over
   * the bar closing at {@code time} (signed fraction of NAV, shorts negative), like {@code weights.parquet}.
   *
   * @param result the ledger (not modified)
   * @return a new table ordered by time then coin
   */
  public static Table weights(BacktestResult result) {
    int[] rows = result.weightRows();
    int[] coins = result.weightCoins();
    double[] w = result.weightValues();
    InstantColumn time = InstantColumn.create(TIME);
    StringColumn coin = StringColumn.create(COIN);
    for (int i = 0; i < rows.length; i++) {
      time.append(result.time(rows[i]));
      coin.append(result.coins().get(coins[i]));
    }
    return Table.create("weights", time, coin, DoubleColumn.create("weight", w));
  }

  private static InstantColumn closeTimes(Panel p) {
    InstantColumn time = InstantColumn.create(TIME);
    for (int t = 0; t < p.rows(); t++) {
      time.append(p.closeTime(t));
    }
    return time;
  }
}
