package io.slipstream.live.ingest;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.Meta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Fetches Hyperliquid candles and funding payments through {@link InfoApi} and merges them into the Parquet lake
 * ({@code candles_<interval>.parquet}: {@code coin, open_time, open, high, low, close, volume};
 * {@code funding.parquet}: {@code coin, time, funding_rate}; DESIGN.md, data lake layout).
 *
 * <p>What is fetched: for every coin, the candles with open time in {@code [since rounded up to the interval grid,
 * now]} and the funding payments with time in {@code [since, now]} ({@link InfoApi} pages). The last candle may
 * still be forming: a candle is kept only when it has closed, {@code open_time + interval <= now} (the lake's close
 * time, {@code Panel.closeTimeMs}; Hyperliquid's own {@code T} is one millisecond earlier and is not used).
 *
 * <p>Validation, of every fetched row of every coin before anything is written (a {@link DataException} naming the
 * coin and the time): a candle of another coin or interval, an open time off the interval grid or outside the
 * requested window, open times not strictly increasing, a non-finite price, a negative or non-finite volume; a
 * funding row of another coin, outside the window, with times not strictly increasing, or a non-finite rate.
 *
 * <p>Merge rule, keyed by {@code (coin, open_time)} for candles and {@code (coin, time)} for funding: rows only in
 * the lake are kept (a row is never lost, also for coins no longer listed), rows only in the reply are appended,
 * and for a key in both the exchange's row wins (it is the newer observation of the same bar, e.g. a bar that was
 * written while the exchange still revised it). The result is sorted by coin ({@link String#compareTo} order) then
 * time. Re-running with the same data changes nothing: the merged table equals the file, and the file is then not
 * rewritten at all (same bytes). A lake file that already holds a key twice is refused ({@link DataException}),
 * never silently repaired.
 *
 * <p>Atomic replacement: the merged table is written to a temporary file in the lake folder
 * ({@code .<file>.<random>.ingest.tmp}), read back and compared with what was meant to be written, then moved onto
 * the target with {@link StandardCopyOption#ATOMIC_MOVE} (a rename), so a crash or a torn write leaves the old file
 * intact. The candles file is replaced before the funding file; a failure between the two leaves new candles and
 * old funding, which the next run completes (the merge is idempotent). A process killed mid-write may leave a
 * temporary file behind; it is never read and may be deleted.
 *
 * <p>Coin selection ({@link #resolveCoins}): explicit names must be in {@code meta.universe} (delisted ones are
 * allowed); "all" means the listed coins of {@code meta.universe} that are not delisted, plus the delisted ones the
 * lake's candles file already holds (to complete their history up to the delisting). Coins that left the universe
 * altogether are not fetched, and their lake rows are kept as they are.
 */
public final class HyperliquidIngest {
  private static final List<String> CANDLE_VALUES = List.of("open", "high", "low", "close", "volume");
  private static final List<String> FUNDING_VALUES = List.of("funding_rate");

  /** Progress of an ingest, one call per coin fetched. */
  @FunctionalInterface
  public interface ProgressListener {
    /** Reports nothing. */
    ProgressListener NONE = (done, total, coin) -> {
    };

    /**
     * @param done coins fetched so far (1 to {@code total})
     * @param total coins to fetch
     * @param coin the coin just fetched
     */
    void coinDone(int done, int total, String coin);
  }

  /** Writes a whole table as a Parquet file at a path (the default is {@link ParquetIo#write}); replaceable in tests. */
  @FunctionalInterface
  public interface TableWriter {
    /**
     * @param file where to write (an existing file there is replaced)
     * @param table the rows
     */
    void write(Path file, Table table);
  }

  /**
   * What happened to one lake file.
   *
   * @param file the lake file
   * @param rowsFetched valid rows received from the exchange (closed candles only)
   * @param rowsAdded rows whose key was not in the file before
   * @param rowsReplaced rows whose key was in the file with different values, now the exchange's
   * @param rowsTotal rows in the file after the run; -1 for a funding file a candles-only run did not read
   * @param written whether the file was (re)written; false when the merge changed nothing
   */
  public record FileSummary(Path file, int rowsFetched, int rowsAdded, int rowsReplaced, int rowsTotal,
      boolean written) {
  }

  /**
   * The result of {@link #ingest}.
   *
   * @param coins the coins fetched, in request order
   * @param candles the candles file
   * @param funding the funding file
   * @param firstOpenTime open time of the earliest closed candle fetched, empty when none
   * @param lastOpenTime open time of the latest closed candle fetched, empty when none
   * @param coinsWithoutCandles fetched coins for which the exchange returned no closed candle in the window
   * @param nowMs the clock reading the run used, epoch ms UTC
   * @param candlesTable the candles file's rows after the run, sorted by coin then time (the merged table that was
   *     written, or the same rows when nothing changed), so a caller need not read the file again
   */
  public record Summary(List<String> coins, FileSummary candles, FileSummary funding, Optional<Instant> firstOpenTime,
      Optional<Instant> lastOpenTime, List<String> coinsWithoutCandles, long nowMs, Table candlesTable) {
    /** Copies the lists. */
    public Summary {
      coins = List.copyOf(coins);
      coinsWithoutCandles = List.copyOf(coinsWithoutCandles);
    }
  }

  private final InfoApi api;
  private final Path dataDir;
  private final LongSupplier clockMs;
  private final TableWriter writer;

  /**
   * @param api the exchange's info requests
   * @param dataDir the lake folder (created when missing)
   * @param clockMs the current time, epoch ms UTC (e.g. {@code System::currentTimeMillis})
   */
  public HyperliquidIngest(InfoApi api, Path dataDir, LongSupplier clockMs) {
    this(api, dataDir, clockMs, ParquetIo::write);
  }

  /**
   * @param api the exchange's info requests
   * @param dataDir the lake folder (created when missing)
   * @param clockMs the current time, epoch ms UTC
   * @param writer writes a table to a (temporary) Parquet file; tests inject failures here
   */
  public HyperliquidIngest(InfoApi api, Path dataDir, LongSupplier clockMs, TableWriter writer) {
    this.api = Checks.notNull(api, "api");
    this.dataDir = Checks.notNull(dataDir, "dataDir");
    this.clockMs = Checks.notNull(clockMs, "clockMs");
    this.writer = Checks.notNull(writer, "writer");
  }

  /**
   * The coins to fetch (see the class doc, coin selection). Calls {@code meta} once.
   *
   * @param requested explicit coin names, or empty for "all"
   * @param interval the candle interval (whose lake file tells which delisted coins to keep updating)
   * @return the coins: explicit ones in the given order, "all" in {@code meta.universe} order
   * @throws IllegalArgumentException naming the coin when an explicit name is blank, repeated or not in
   *     {@code meta.universe}, or when the explicit list is empty
   * @throws DataException when the existing candles file cannot be read
   * @throws io.slipstream.live.hl.ExchangeException when {@code meta} fails
   */
  public List<String> resolveCoins(Optional<List<String>> requested, BarInterval interval) {
    Checks.notNull(requested, "requested");
    Checks.notNull(interval, "interval");
    Meta meta = api.meta();
    if (requested.isPresent()) {
      List<String> coins = requested.get();
      checkCoinList(coins);
      for (String c : coins) {
        if (meta.find(c).isEmpty()) {
          throw new IllegalArgumentException("coin \"" + c + "\" is not listed in the exchange's meta.universe");
        }
      }
      return List.copyOf(coins);
    }
    Path file = Lake.candlesFile(dataDir, interval);
    Set<String> inLake = Files.exists(file)
        ? new HashSet<>(ParquetIo.read(file, List.of(new ColumnSpec("coin", ColumnType.STRING))).dictionary("coin"))
        : Set.of();
    List<String> out = new ArrayList<>();
    for (AssetMeta a : meta.universe()) {
      if (!a.delisted() || inLake.contains(a.name())) {
        out.add(a.name());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Fetches, validates and merges (see the class doc). Nothing is written unless every coin was fetched and
   * validated.
   *
   * @param coins the coins to fetch (e.g. from {@link #resolveCoins}), unique, non-empty
   * @param interval the candle interval ({@code candles_<label>.parquet})
   * @param since first time wanted (candles from the first grid open time at or after it, funding from it)
   * @param progress told after each coin's candles and funding are fetched
   * @return counts per file and the time span fetched
   * @throws IllegalArgumentException for an empty or repeated coin list, or {@code since} not before now
   * @throws DataException naming the coin and time for an invalid reply, or naming the file when an existing lake
   *     file is unreadable or holds a key twice, or when a written file does not read back as written
   * @throws UncheckedIOException naming the path when a file cannot be written or moved
   * @throws io.slipstream.live.hl.ExchangeException when a request fails after the client's retries
   */
  public Summary ingest(List<String> coins, BarInterval interval, Instant since, ProgressListener progress) {
    return ingest(coins, interval, since, true, progress);
  }

  /**
   * {@link #ingest(List, BarInterval, Instant, ProgressListener)}, optionally without funding: with
   * {@code withFunding = false} no funding request is made and the funding file is neither read nor written (its
   * summary has {@code rowsTotal = -1}). The live runner uses this: the Gradient signals need candles only, and
   * each {@code fundingHistory} page costs request weight.
   *
   * @param coins the coins to fetch, unique, non-empty
   * @param interval the candle interval
   * @param since first time wanted
   * @param withFunding whether funding is fetched and merged too
   * @param progress told after each coin is fetched
   * @return counts per file and the time span fetched
   * @throws IllegalArgumentException for an empty or repeated coin list, or {@code since} not before now
   * @throws DataException as {@link #ingest(List, BarInterval, Instant, ProgressListener)}
   * @throws UncheckedIOException naming the path when a file cannot be written or moved
   * @throws io.slipstream.live.hl.ExchangeException when a request fails after the client's retries
   */
  public Summary ingest(List<String> coins, BarInterval interval, Instant since, boolean withFunding,
      ProgressListener progress) {
    checkCoinList(coins);
    Checks.notNull(interval, "interval");
    Checks.notNull(since, "since");
    Checks.notNull(progress, "progress");
    long nowMs = clockMs.getAsLong();
    long sinceMs = since.toEpochMilli();
    if (sinceMs >= nowMs) {
      throw new IllegalArgumentException("Argument 'since' must be before now (" + Instant.ofEpochMilli(nowMs)
          + "), was " + since);
    }
    long step = interval.millis();
    long candleStart = -Math.floorDiv(-sinceMs, step) * step;
    Map<String, Rows> candles = new LinkedHashMap<>();
    Map<String, Rows> funding = new LinkedHashMap<>();
    List<String> empty = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int candleRows = 0;
    int fundingRows = 0;
    for (int k = 0; k < coins.size(); k++) {
      String coin = coins.get(k);
      List<Candle> cs = candleStart <= nowMs ? api.candles(coin, interval, candleStart, nowMs) : List.of();
      Rows cr = closedCandles(coin, interval, cs, candleStart, nowMs);
      candles.put(coin, cr);
      candleRows += cr.size();
      if (withFunding) {
        Rows fr = fundingRows(coin, api.fundingHistory(coin, sinceMs, nowMs), sinceMs, nowMs);
        funding.put(coin, fr);
        fundingRows += fr.size();
      }
      if (cr.size() == 0) {
        empty.add(coin);
      } else {
        first = Math.min(first, cr.time[0]);
        last = Math.max(last, cr.time[cr.size() - 1]);
      }
      progress.coinDone(k + 1, coins.size(), coin);
    }
    // everything fetched and valid: read both targets before writing either
    Path cf = Lake.candlesFile(dataDir, interval);
    Path ff = Lake.fundingFile(dataDir);
    Merged mc = merge(existing(cf, Lake.CANDLE_COLUMNS), cf, "open_time", CANDLE_VALUES, candles);
    Merged mf = withFunding ? merge(existing(ff, Lake.FUNDING_COLUMNS), ff, "time", FUNDING_VALUES, funding) : null;
    if (mc.changed) {
      replace(cf, mc.table, Lake.CANDLE_COLUMNS);
    }
    if (mf != null && mf.changed) {
      replace(ff, mf.table, Lake.FUNDING_COLUMNS);
    }
    FileSummary fs = mf == null ? new FileSummary(ff, 0, 0, 0, -1, false)
        : new FileSummary(ff, fundingRows, mf.added, mf.replaced, mf.table.rows(), mf.changed);
    return new Summary(coins,
        new FileSummary(cf, candleRows, mc.added, mc.replaced, mc.table.rows(), mc.changed), fs,
        first == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(first)),
        last == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last)), empty, nowMs, mc.table);
  }

  private static void checkCoinList(List<String> coins) {
    Checks.notNull(coins, "coins");
    if (coins.isEmpty()) {
      throw new IllegalArgumentException("Argument 'coins' must not be empty");
    }
    Set<String> seen = new HashSet<>();
    for (String c : coins) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("Argument 'coins' holds a blank coin name: " + coins);
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException("Argument 'coins' names coin \"" + c + "\" twice");
      }
    }
  }

  /** Sorted rows of one coin: times and value columns. */
  private static final class Rows {
    final long[] time;
    final double[][] values;

    Rows(long[] time, double[][] values) {
      this.time = time;
      this.values = values;
    }

    int size() {
      return time.length;
    }
  }

  private static String where(String what, String coin, long timeMs) {
    return "hyperliquid " + what + ": coin " + coin + " at " + Instant.ofEpochMilli(timeMs) + ": ";
  }

  /** Validates a candles reply and keeps the closed candles ({@code open + interval <= now}). */
  private static Rows closedCandles(String coin, BarInterval interval, List<Candle> cs, long startMs, long nowMs) {
    long step = interval.millis();
    String what = "candles " + interval.label();
    int n = cs.size();
    long[] t = new long[n];
    double[][] v = new double[CANDLE_VALUES.size()][n];
    int m = 0;
    long prev = Long.MIN_VALUE;
    for (Candle c : cs) {
      long open = c.openMs();
      if (!coin.equals(c.coin())) {
        throw new DataException(where(what, coin, open) + "the reply holds a candle of coin " + c.coin());
      }
      if (!interval.label().equals(c.interval())) {
        throw new DataException(where(what, coin, open) + "the reply holds a candle of interval " + c.interval());
      }
      if (Math.floorMod(open, step) != 0) {
        throw new DataException(where(what, coin, open) + "open time is not on the " + interval.label() + " grid");
      }
      if (open < startMs || open > nowMs) {
        throw new DataException(where(what, coin, open) + "open time is outside the requested window ["
            + Instant.ofEpochMilli(startMs) + ", " + Instant.ofEpochMilli(nowMs) + "]");
      }
      if (open <= prev) {
        throw new DataException(where(what, coin, open) + "open time does not increase (previous "
            + Instant.ofEpochMilli(prev) + ")");
      }
      prev = open;
      double[] x = {c.open(), c.high(), c.low(), c.close(), c.volume()};
      for (int k = 0; k < 4; k++) {
        if (!Double.isFinite(x[k])) {
          throw new DataException(where(what, coin, open) + CANDLE_VALUES.get(k) + " " + x[k] + " is not finite");
        }
      }
      if (!(x[4] >= 0) || Double.isInfinite(x[4])) {
        throw new DataException(where(what, coin, open) + "volume " + x[4] + " is negative or not finite");
      }
      if (open + step > nowMs) {
        continue; // still forming
      }
      t[m] = open;
      for (int k = 0; k < x.length; k++) {
        v[k][m] = x[k];
      }
      m++;
    }
    for (int k = 0; k < v.length; k++) {
      v[k] = Arrays.copyOf(v[k], m);
    }
    return new Rows(Arrays.copyOf(t, m), v);
  }

  private static Rows fundingRows(String coin, List<FundingRate> fs, long startMs, long endMs) {
    int n = fs.size();
    long[] t = new long[n];
    double[] r = new double[n];
    long prev = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      FundingRate f = fs.get(i);
      long time = f.timeMs();
      if (!coin.equals(f.coin())) {
        throw new DataException(where("funding", coin, time) + "the reply holds a payment of coin " + f.coin());
      }
      if (time < startMs || time > endMs) {
        throw new DataException(where("funding", coin, time) + "time is outside the requested window ["
            + Instant.ofEpochMilli(startMs) + ", " + Instant.ofEpochMilli(endMs) + "]");
      }
      if (time <= prev) {
        throw new DataException(where("funding", coin, time) + "time does not increase (previous "
            + Instant.ofEpochMilli(prev) + ")");
      }
      prev = time;
      if (!Double.isFinite(f.fundingRate())) {
        throw new DataException(where("funding", coin, time) + "funding_rate " + f.fundingRate() + " is not finite");
      }
      t[i] = time;
      r[i] = f.fundingRate();
    }
    return new Rows(t, new double[][] {r});
  }

  private static Optional<Table> existing(Path file, List<ColumnSpec> columns) {
    return Files.exists(file) ? Optional.of(ParquetIo.read(file, columns)) : Optional.empty();
  }

  /** A merged table and what changed. */
  private static final class Merged {
    final Table table;
    final int added;
    final int replaced;
    final boolean changed;

    Merged(Table table, int added, int replaced, boolean changed) {
      this.table = table;
      this.added = added;
      this.replaced = replaced;
      this.changed = changed;
    }
  }

  /** The merge rule of the class doc. */
  private static Merged merge(Optional<Table> existing, Path file, String timeCol, List<String> valueCols,
      Map<String, Rows> fetched) {
    int ne = existing.map(Table::rows).orElse(0);
    String[] ecoin = existing.map(t -> t.strings("coin")).orElse(new String[0]);
    long[] et = existing.map(t -> t.timestamps(timeCol)).orElse(new long[0]);
    double[][] ev = new double[valueCols.size()][];
    for (int k = 0; k < ev.length; k++) {
      int kk = k;
      ev[k] = existing.map(t -> t.doubles(valueCols.get(kk))).orElse(new double[0]);
    }
    // existing row ids grouped by coin, each group in time order
    Map<String, int[]> groups = groupByCoin(ecoin);
    TreeSet<String> coins = new TreeSet<>(groups.keySet());
    int capacity = ne;
    for (Map.Entry<String, Rows> e : fetched.entrySet()) {
      if (e.getValue().size() > 0) {
        coins.add(e.getKey());
        capacity += e.getValue().size();
      }
    }
    List<String> dict = List.copyOf(coins);
    int[] outCode = new int[capacity];
    long[] outTime = new long[capacity];
    double[][] outVal = new double[valueCols.size()][capacity];
    boolean sameOrder = existing.isPresent();
    int added = 0;
    int replaced = 0;
    int m = 0;
    for (int code = 0; code < dict.size(); code++) {
      String coin = dict.get(code);
      int[] e = sortedGroup(groups.getOrDefault(coin, new int[0]), et, file, coin);
      Rows f = fetched.get(coin);
      int nf = f == null ? 0 : f.size();
      int i = 0;
      int j = 0;
      while (i < e.length || j < nf) {
        outCode[m] = code;
        if (j >= nf || (i < e.length && et[e[i]] < f.time[j])) {
          int r = e[i++];
          sameOrder &= r == m;
          outTime[m] = et[r];
          for (int k = 0; k < ev.length; k++) {
            outVal[k][m] = ev[k][r];
          }
        } else {
          boolean both = i < e.length && et[e[i]] == f.time[j];
          outTime[m] = f.time[j];
          boolean differs = false;
          for (int k = 0; k < ev.length; k++) {
            double x = f.values[k][j];
            outVal[k][m] = x;
            differs |= both && Double.doubleToLongBits(x) != Double.doubleToLongBits(ev[k][e[i]]);
          }
          if (both) {
            sameOrder &= e[i] == m;
            i++;
            if (differs) {
              replaced++;
            }
          } else {
            added++;
            sameOrder = false;
          }
          j++;
        }
        m++;
      }
    }
    Table.Builder b = Table.builder().codedStrings("coin", Arrays.copyOf(outCode, m), dict)
        .timestamps(timeCol, Arrays.copyOf(outTime, m));
    for (int k = 0; k < valueCols.size(); k++) {
      b.doubles(valueCols.get(k), Arrays.copyOf(outVal[k], m));
    }
    boolean changed = existing.isPresent() ? (added > 0 || replaced > 0 || !sameOrder || m != ne) : m > 0;
    return new Merged(b.build(), added, replaced, changed);
  }

  private static Map<String, int[]> groupByCoin(String[] coin) {
    Map<String, Integer> count = new HashMap<>();
    for (String c : coin) {
      count.merge(c, 1, Integer::sum);
    }
    Map<String, int[]> groups = new HashMap<>();
    Map<String, Integer> fill = new HashMap<>();
    for (int i = 0; i < coin.length; i++) {
      int[] g = groups.computeIfAbsent(coin[i], c -> new int[count.get(c)]);
      int at = fill.merge(coin[i], 1, Integer::sum) - 1;
      g[at] = i;
    }
    return groups;
  }

  /** Orders one coin's row ids by time and refuses a repeated time. */
  private static int[] sortedGroup(int[] g, long[] time, Path file, String coin) {
    boolean sorted = true;
    for (int k = 1; k < g.length && sorted; k++) {
      sorted = time[g[k]] > time[g[k - 1]];
    }
    if (sorted) {
      return g;
    }
    int[] s = Arrays.stream(g).boxed().sorted((a, b) -> Long.compare(time[a], time[b])).mapToInt(Integer::intValue)
        .toArray();
    for (int k = 1; k < s.length; k++) {
      if (time[s[k]] == time[s[k - 1]]) {
        throw new DataException(file + ": coin " + coin + " has two rows at " + Instant.ofEpochMilli(time[s[k]])
            + " (rows " + s[k - 1] + " and " + s[k] + "); repair the file before ingesting into it");
      }
    }
    return s;
  }

  /** Writes {@code table} beside {@code target}, checks it reads back as written, and renames it onto the target. */
  private void replace(Path target, Table table, List<ColumnSpec> columns) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".ingest.tmp");
      writer.write(tmp, table);
      Table back;
      try {
        back = ParquetIo.read(tmp, columns);
      } catch (DataException e) {
        throw new DataException("the file written for " + target + " does not read back (" + e.getMessage() + "); "
            + target + " was left as it was", e);
      }
      String diff = firstDifference(table, back, columns);
      if (!diff.isEmpty()) {
        throw new DataException(tmp + ": the file written for " + target + " does not read back as written ("
            + diff + "); " + target + " was left as it was");
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // same folder: a plain rename, atomic on POSIX file systems
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      UncheckedIOException u = new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
      deleteTemp(tmp, u);
      throw u;
    } catch (RuntimeException | Error e) {
      deleteTemp(tmp, e);
      throw e;
    }
  }

  private static void deleteTemp(Path tmp, Throwable primary) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException d) {
      primary.addSuppressed(d);
    }
  }

  private static String firstDifference(Table a, Table b, List<ColumnSpec> columns) {
    if (a.rows() != b.rows()) {
      return a.rows() + " rows written, " + b.rows() + " read";
    }
    for (ColumnSpec c : columns) {
      boolean same = switch (c.type()) {
        case STRING -> Arrays.equals(a.strings(c.name()), b.strings(c.name()));
        case TIMESTAMP_MS -> Arrays.equals(a.timestamps(c.name()), b.timestamps(c.name()));
        case INT64 -> Arrays.equals(a.longs(c.name()), b.longs(c.name()));
        case DOUBLE -> Arrays.equals(a.doubles(c.name()), b.doubles(c.name()));
      };
      if (!same) {
        return "column " + c.name() + " differs";
      }
    }
    return "";
  }
}
