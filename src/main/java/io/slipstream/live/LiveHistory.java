package io.slipstream.live;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.core.Units;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Table;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The market data the live runner decides on: the last {@code bars} bars of the strategy's coins ending at the
 * last closed bar, built exactly as a backtest builds its panels, so that the strategy sees the same numbers.
 *
 * <p>Timing (DESIGN.md conventions; {@code Panel.closeTimeMs}): a bar opening at {@code o} closes at
 * {@code o + interval}; it is closed at {@code now} when {@code o + interval <= now}. Hyperliquid's candle field
 * {@code T = o + interval - 1 ms} is not used. The last closed bar opens at
 * {@code L = floor(now / interval) * interval - interval} (see {@link #lastClosedOpenMs}); the grid is
 * {@code L - (bars - 1) * interval, ..., L}, and the decision time is {@code L + interval}. A candle that is still
 * forming, or that opens before the grid, is left out.
 *
 * <p>Masking: the candles (and funding) are put into tables of the lake's schema ({@link Lake#CANDLE_COLUMNS},
 * {@link Lake#FUNDING_COLUMNS}) and turned into panels by {@link Lake#toMarketData}, the backtest's own loader: a
 * zero-volume bar is NaN, funding is summed per bar by the hour it was paid ({@code open < hour <= close}). Coins
 * come in the order asked for. A coin the exchange does not list, or that has no closed candle on the grid, gets an
 * all-NaN column (the strategy treats it as unavailable) and a line in {@link Snapshot#warnings()}; to keep the grid
 * exactly {@code bars} long, a zero-volume placeholder row (masked like any zero-volume bar) stands in for a coin's
 * missing first or last bar.
 *
 * <p>History length: the signals warm up on all history (convention 9; the longest momentum EWMA has span 1024
 * bars), so the live targets equal a backtest's bit for bit only when both start from the same first bar. The
 * exchange serves only the most recent 5000 candles of a coin, so the live runner cannot reach further back than
 * 5000 bars; a backtest that starts earlier differs from the live values by the decayed influence of its earlier
 * bars (for span 1024 a weight of about {@code (1 - 2/1025)^5000}, roughly 6e-5, of the EWMA's start).
 */
public final class LiveHistory {
  private LiveHistory() {
  }

  /**
   * Panels for the live decision and what was missing.
   *
   * @param data masked panels, rows = the bar grid, columns = the coins asked for, in order
   * @param lastCloseMs close time of the last row = the decision time, epoch ms UTC
   * @param warnings one line per coin that is not listed, delisted, or without candles on the grid
   */
  public record Snapshot(MarketData data, long lastCloseMs, List<String> warnings) {
    /** Copies the warnings. */
    public Snapshot {
      Checks.notNull(data, "data");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * @param interval the bar interval
   * @param nowMs the current time, epoch ms UTC
   * @return open time of the last bar closed at {@code nowMs}: {@code floor(now / interval) * interval - interval}
   */
  public static long lastClosedOpenMs(BarInterval interval, long nowMs) {
    long step = interval.millis();
    return Math.floorDiv(nowMs, step) * step - step;
  }

  /**
   * Fetches the last {@code bars} closed bars (and the funding paid over them) of {@code coins} and builds the
   * panels. Calls {@code meta} once, then {@code candleSnapshot} (and {@code fundingHistory}) per listed coin.
   *
   * @param api the exchange's info requests
   * @param coins the strategy's coins, unique, in column order
   * @param interval the bar interval
   * @param bars number of bars ending at the last closed one, {@code >= 1} (enough for the strategy's warm-up; at
   *     most 5000 are available from the exchange, see the class doc)
   * @param nowMs the current time, epoch ms UTC
   * @param withFunding whether funding is fetched; when false the funding panel is all zeros
   * @return the panels, decision time and warnings
   * @throws IllegalArgumentException for an empty or repeated coin list or {@code bars < 1}
   * @throws io.slipstream.core.DataException naming the coin and row for a candle that cannot be trusted (a
   *     non-finite price, a negative volume, an open time off the grid, a duplicated open time) or a non-finite
   *     funding rate
   * @throws io.slipstream.live.hl.ExchangeException when a request fails after the client's retries
   */
  public static Snapshot fetch(InfoApi api, List<String> coins, BarInterval interval, int bars, long nowMs,
      boolean withFunding) {
    Checks.notNull(api, "api");
    Grid g = Grid.of(coins, interval, bars, nowMs);
    Meta meta = api.meta();
    List<String> warnings = new ArrayList<>();
    Rows candles = new Rows(6);
    Rows funding = new Rows(2);
    for (String coin : g.coins) {
      Optional<AssetMeta> asset = meta.find(coin);
      if (asset.isEmpty()) {
        warnings.add("coin " + coin + " is not in the exchange's meta.universe: its column is all NaN");
        candles.pad(coin, g, false, false);
        continue;
      }
      if (asset.get().delisted()) {
        warnings.add("coin " + coin + " is delisted on the exchange");
      }
      int before = candles.size;
      boolean atFirst = false;
      boolean atLast = false;
      for (Candle c : api.candles(coin, interval, g.firstOpenMs, g.lastOpenMs)) {
        long open = c.openMs();
        if (open < g.firstOpenMs || open > g.lastOpenMs) {
          continue; // before the grid, or not closed yet
        }
        atFirst |= open == g.firstOpenMs;
        atLast |= open == g.lastOpenMs;
        candles.add(coin, open, c.open(), c.high(), c.low(), c.close(), c.volume());
      }
      if (candles.size == before) {
        warnings.add(noCandles(coin, g));
      }
      candles.pad(coin, g, atFirst, atLast);
      if (withFunding) {
        for (FundingRate f : api.fundingHistory(coin, g.firstOpenMs + Units.HOUR_MS,
            g.lastCloseMs() + Units.HOUR_MS - 1)) {
          funding.add(coin, f.timeMs(), f.fundingRate());
        }
      }
    }
    String name = "hyperliquid candles " + interval.label();
    MarketData md = Lake.toMarketData(candles.candleTable(), name, interval,
        withFunding ? funding.fundingTable() : null, "hyperliquid funding");
    return new Snapshot(md, g.lastCloseMs(), warnings);
  }

  /**
   * The same panels as {@link #fetch} from lake tables instead of the exchange: the candle rows of {@code coins}
   * on the same grid (open time in {@code [L - (bars-1) * interval, L]}), and the funding rows paid by
   * {@code nowMs}. For tests and for comparing the live path with the lake.
   *
   * @param candles a table with {@link Lake#CANDLE_COLUMNS} (e.g. {@link Lake#readCandles}); rows in any order
   * @param funding a table with {@link Lake#FUNDING_COLUMNS}, or empty for all-zero funding
   * @param coins the coins, unique, in column order
   * @param interval the bar interval of {@code candles}
   * @param bars number of bars ending at the last closed one, {@code >= 1}
   * @param nowMs the time the window is cut at, epoch ms UTC
   * @return the panels, decision time and warnings (coins without rows on the grid)
   * @throws IllegalArgumentException for an empty or repeated coin list, {@code bars < 1}, or tables without the
   *     lake's columns
   * @throws io.slipstream.core.DataException for rows that cannot be trusted (as {@link Lake#toMarketData})
   */
  public static Snapshot fromLake(Table candles, Optional<Table> funding, List<String> coins, BarInterval interval,
      int bars, long nowMs) {
    Checks.notNull(candles, "candles");
    Checks.notNull(funding, "funding");
    Grid g = Grid.of(coins, interval, bars, nowMs);
    Map<String, Integer> col = new HashMap<>();
    for (int c = 0; c < g.coins.size(); c++) {
      col.put(g.coins.get(c), c);
    }
    String[] coin = candles.strings("coin");
    long[] time = candles.timestamps("open_time");
    double[][] v = {candles.doubles("open"), candles.doubles("high"), candles.doubles("low"),
        candles.doubles("close"), candles.doubles("volume")};
    int[] count = new int[g.coins.size()];
    int[] colOf = new int[coin.length];
    for (int i = 0; i < coin.length; i++) {
      Integer c = col.get(coin[i]);
      colOf[i] = c != null && time[i] >= g.firstOpenMs && time[i] <= g.lastOpenMs ? c : -1;
      if (colOf[i] >= 0) {
        count[colOf[i]]++;
      }
    }
    int[][] rowsOf = new int[g.coins.size()][];
    for (int c = 0; c < rowsOf.length; c++) {
      rowsOf[c] = new int[count[c]];
      count[c] = 0;
    }
    for (int i = 0; i < coin.length; i++) {
      if (colOf[i] >= 0) {
        rowsOf[colOf[i]][count[colOf[i]]++] = i;
      }
    }
    List<String> warnings = new ArrayList<>();
    Rows out = new Rows(6);
    for (int c = 0; c < rowsOf.length; c++) {
      String name = g.coins.get(c);
      boolean atFirst = false;
      boolean atLast = false;
      for (int i : rowsOf[c]) {
        atFirst |= time[i] == g.firstOpenMs;
        atLast |= time[i] == g.lastOpenMs;
        out.add(name, time[i], v[0][i], v[1][i], v[2][i], v[3][i], v[4][i]);
      }
      if (rowsOf[c].length == 0) {
        warnings.add(noCandles(name, g));
      }
      out.pad(name, g, atFirst, atLast);
    }
    Table fundingTable = null;
    if (funding.isPresent()) {
      Table f = funding.get();
      String[] fc = f.strings("coin");
      long[] ft = f.timestamps("time");
      double[] fr = f.doubles("funding_rate");
      Rows fo = new Rows(2);
      long from = g.firstOpenMs + Units.HOUR_MS;
      long to = Math.min(nowMs, g.lastCloseMs() + Units.HOUR_MS - 1);
      for (int i = 0; i < fc.length; i++) {
        if (ft[i] >= from && ft[i] <= to && col.containsKey(fc[i])) {
          fo.add(fc[i], ft[i], fr[i]);
        }
      }
      fundingTable = fo.fundingTable();
    }
    MarketData md = Lake.toMarketData(out.candleTable(), "lake candles " + interval.label(), interval, fundingTable,
        "lake funding");
    return new Snapshot(md, g.lastCloseMs(), warnings);
  }

  private static String noCandles(String coin, Grid g) {
    return "coin " + coin + " has no closed candle from " + Instant.ofEpochMilli(g.firstOpenMs) + " to "
        + Instant.ofEpochMilli(g.lastOpenMs) + " (open times): its column is all NaN";
  }

  /** The bar grid of one snapshot. */
  private static final class Grid {
    final List<String> coins;
    final BarInterval interval;
    final long firstOpenMs;
    final long lastOpenMs;

    private Grid(List<String> coins, BarInterval interval, long firstOpenMs, long lastOpenMs) {
      this.coins = coins;
      this.interval = interval;
      this.firstOpenMs = firstOpenMs;
      this.lastOpenMs = lastOpenMs;
    }

    static Grid of(List<String> coins, BarInterval interval, int bars, long nowMs) {
      Checks.notNull(coins, "coins");
      Checks.notNull(interval, "interval");
      Checks.positive(bars, "bars");
      if (coins.isEmpty()) {
        throw new IllegalArgumentException("Argument 'coins' must not be empty");
      }
      Set<String> seen = new HashSet<>();
      for (String c : coins) {
        if (c == null || !seen.add(c)) {
          throw new IllegalArgumentException("Argument 'coins' holds a null or repeated coin: " + c);
        }
      }
      long last = lastClosedOpenMs(interval, nowMs);
      return new Grid(List.copyOf(coins), interval, last - (bars - 1L) * interval.millis(), last);
    }

    long lastCloseMs() {
      return lastOpenMs + interval.millis();
    }
  }

  /** Growable long-format rows: coin, time and {@code width - 1} doubles. */
  private static final class Rows {
    private final int width;
    private final List<String> coin = new ArrayList<>();
    private long[] time = new long[1024];
    private double[][] values;
    int size;

    Rows(int width) {
      this.width = width;
      this.values = new double[width - 1][1024];
    }

    void add(String c, long t, double... x) {
      if (size == time.length) {
        time = Arrays.copyOf(time, size * 2);
        for (int k = 0; k < values.length; k++) {
          values[k] = Arrays.copyOf(values[k], size * 2);
        }
      }
      coin.add(c);
      time[size] = t;
      for (int k = 0; k < x.length; k++) {
        values[k][size] = x[k];
      }
      size++;
    }

    /** Zero-volume placeholders (masked to NaN by the loader) at the grid's first and last bar where missing. */
    void pad(String c, Grid g, boolean atFirst, boolean atLast) {
      if (!atFirst) {
        add(c, g.firstOpenMs, 0, 0, 0, 0, 0);
      }
      if (!atLast && g.lastOpenMs != g.firstOpenMs) {
        add(c, g.lastOpenMs, 0, 0, 0, 0, 0);
      }
    }

    Table candleTable() {
      return Table.builder().strings("coin", coin.toArray(new String[0]))
          .timestamps("open_time", Arrays.copyOf(time, size)).doubles("open", Arrays.copyOf(values[0], size))
          .doubles("high", Arrays.copyOf(values[1], size)).doubles("low", Arrays.copyOf(values[2], size))
          .doubles("close", Arrays.copyOf(values[3], size)).doubles("volume", Arrays.copyOf(values[4], size))
          .build();
    }

    Table fundingTable() {
      return Table.builder().strings("coin", coin.toArray(new String[0]))
          .timestamps("time", Arrays.copyOf(time, size)).doubles("funding_rate", Arrays.copyOf(values[0], size))
          .build();
    }
  }
}
