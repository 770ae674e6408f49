package io.slipstream.data;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.core.Units;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import io.slipstream.data.ValidationReport.CandleCoin;
import io.slipstream.data.ValidationReport.Cadence;
import io.slipstream.data.ValidationReport.Defect;
import io.slipstream.data.ValidationReport.DefectCount;
import io.slipstream.data.ValidationReport.FileSummary;
import io.slipstream.data.ValidationReport.FundingCoin;
import io.slipstream.data.ValidationReport.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validation pass over the raw long-format tables of the lake, before any masking: finds and counts, per coin,
 * the real-world defects of the Hyperliquid data (zero-volume back-fill, OHLC inconsistencies, gaps, duplicated,
 * unsorted or off-grid timestamps, non-finite prices, negative volume, late listing and delisting; for funding,
 * millisecond offsets, late rows, two rows in one hour, the 8-hourly to hourly cadence switch, hourly gaps,
 * non-finite rates) and says for each whether {@link Lake#load} masks it, refuses it or accepts it.
 *
 * <p>Bad data never makes the validator throw: it is what the report is for. Only a missing or unreadable file
 * ({@link #check(Path, BarInterval)}) or a table without the lake's columns (a programming error) throws.
 * One pass of a few array scans per coin: the real 4h file (571,002 rows) and funding file (2,028,519 rows)
 * validate in well under a second once read.
 */
public final class DataValidator {
  /** Funding rows at least this far after their floored hour are late: 60 s, in milliseconds. */
  public static final long LATE_MS = 60_000L;
  /** Funding rows at least this far after their floored hour are very late: 10 min, in milliseconds. */
  public static final long VERY_LATE_MS = 600_000L;

  private DataValidator() {
  }

  /**
   * Reads {@code candles_<interval>.parquet} and, when it exists, {@code funding.parquet} of a lake folder with
   * {@link Lake#readCandles} / {@link Lake#readFunding} (no masking, no refusal) and validates them.
   *
   * @param dataDir the lake folder
   * @param interval the bar interval of the candles file to check
   * @return the report; without funding sections when the folder has no funding file
   * @throws DataException naming the path when the folder or the candles file is missing, or a file is not
   *     readable Parquet with the lake's schema
   */
  public static ValidationReport check(Path dataDir, BarInterval interval) {
    Checks.notNull(dataDir, "dataDir");
    Checks.notNull(interval, "interval");
    if (!Files.isDirectory(dataDir)) {
      throw new DataException("data directory not found: " + dataDir);
    }
    Path cf = Lake.candlesFile(dataDir, interval);
    Table candles = Lake.readCandles(cf);
    Path ff = Lake.fundingFile(dataDir);
    if (Files.isRegularFile(ff)) {
      return check(candles, cf.toString(), interval, Lake.readFunding(ff), ff.toString());
    }
    return check(candles, cf.toString(), interval);
  }

  /**
   * Validates a raw candles table only.
   *
   * @param candles a table with (at least) the columns {@link Lake#CANDLE_COLUMNS}; rows in any order
   * @param candlesName the file name shown in the report
   * @param interval the bar interval the {@code open_time}s should be on
   * @return the report, with no funding sections
   * @throws IllegalArgumentException if the table lacks a column of {@link Lake#CANDLE_COLUMNS} or has it with
   *     another type (never for bad values)
   */
  public static ValidationReport check(Table candles, String candlesName, BarInterval interval) {
    return run(candles, candlesName, interval, Optional.empty(), "");
  }

  /**
   * Validates a raw candles table and the raw funding table.
   *
   * @param candles a table with (at least) the columns {@link Lake#CANDLE_COLUMNS}; rows in any order
   * @param candlesName the candles file name shown in the report
   * @param interval the bar interval the {@code open_time}s should be on
   * @param funding a table with (at least) the columns {@link Lake#FUNDING_COLUMNS}; rows in any order
   * @param fundingName the funding file name shown in the report
   * @return the report
   * @throws IllegalArgumentException if a table lacks one of the lake's columns or has it with another type
   *     (never for bad values)
   */
  public static ValidationReport check(Table candles, String candlesName, BarInterval interval, Table funding,
      String fundingName) {
    Checks.notNull(funding, "funding");
    return run(candles, candlesName, interval, Optional.of(funding), Checks.notNull(fundingName, "fundingName"));
  }

  /** Rows with {@code volume > 0} and a finite price that is not {@code > 0} ({@link Lake} refuses them). */
  private static DefectCount nonPositivePrices(Table candles) {
    int[] code = candles.codesRef("coin");
    double[] v = candles.doublesRef("volume");
    double[][] prices = {candles.doublesRef("open"), candles.doublesRef("high"), candles.doublesRef("low"),
        candles.doublesRef("close")};
    long rows = 0;
    Set<Integer> coins = new HashSet<>();
    for (int i = 0; i < code.length; i++) {
      if (v[i] > 0) {
        for (double[] p : prices) {
          if (Double.isFinite(p[i]) && !(p[i] > 0)) {
            rows++;
            coins.add(code[i]);
            break;
          }
        }
      }
    }
    return new DefectCount(Defect.NON_POSITIVE_PRICE, rows, coins.size());
  }

  /** Rows whose {@code column} is outside the plausible years of {@link Lake} ({@link Lake} refuses them). */
  private static DefectCount implausibleTimes(Table t, String column, Defect defect) {
    int[] code = t.codesRef("coin");
    long[] time = t.longsRef(column, ColumnType.TIMESTAMP_MS);
    long rows = 0;
    Set<Integer> coins = new HashSet<>();
    for (int i = 0; i < time.length; i++) {
      if (time[i] < Lake.EARLIEST_PLAUSIBLE_MS || time[i] >= Lake.LATEST_PLAUSIBLE_MS) {
        rows++;
        coins.add(code[i]);
      }
    }
    return new DefectCount(defect, rows, coins.size());
  }

  /** Stray bar times ({@link Lake#findStray}) among the plausible, on-grid open times. */
  private static DefectCount strayTimes(Table candles, BarInterval interval) {
    long[] time = candles.longsRef("open_time", ColumnType.TIMESTAMP_MS);
    long step = interval.millis();
    long[] ok = Arrays.stream(time).filter(x -> x >= Lake.EARLIEST_PLAUSIBLE_MS && x < Lake.LATEST_PLAUSIBLE_MS
        && Math.floorMod(x, step) == 0).toArray();
    if (ok.length == 0) {
      return new DefectCount(Defect.STRAY_TIME, 0, 0);
    }
    long first = Arrays.stream(ok).min().getAsLong();
    int n = Lake.findStray(ok, first, step).map(Lake.Stray::count).orElse(0);
    return new DefectCount(Defect.STRAY_TIME, n, 0);
  }

  private static ValidationReport run(Table candles, String candlesName, BarInterval interval,
      Optional<Table> funding, String fundingName) {
    Checks.notNull(candles, "candles");
    Checks.notNull(candlesName, "candlesName");
    Checks.notNull(interval, "interval");
    requireColumns(candles, Lake.CANDLE_COLUMNS, "candles");
    funding.ifPresent(f -> requireColumns(f, Lake.FUNDING_COLUMNS, "funding"));

    CandleResult cr = checkCandles(candles, candlesName, interval);
    List<DefectCount> counts = new ArrayList<>(ValidationReport.totals(Source.CANDLES, cr.coins,
        c -> c::count, Map.of(Defect.NO_ROWS, new DefectCount(Defect.NO_ROWS, candles.rows() == 0 ? 1 : 0, 0),
            Defect.NON_POSITIVE_PRICE, nonPositivePrices(candles),
            Defect.IMPLAUSIBLE_TIME, implausibleTimes(candles, "open_time", Defect.IMPLAUSIBLE_TIME),
            Defect.STRAY_TIME, strayTimes(candles, interval))));
    if (funding.isEmpty()) {
      return new ValidationReport(cr.summary, interval, Optional.empty(), cr.coins, List.of(), counts,
          Optional.empty(), List.of(), List.of());
    }
    FundingResult fr = checkFunding(funding.get(), fundingName);
    Set<String> candleCoins = new HashSet<>(candles.dictionary("coin"));
    Set<String> fundingCoins = new HashSet<>(funding.get().dictionary("coin"));
    List<String> withoutCandles = fundingCoins.stream().filter(c -> !candleCoins.contains(c)).sorted().toList();
    List<String> withoutFunding = candleCoins.stream().filter(c -> !fundingCoins.contains(c)).sorted().toList();
    counts.addAll(ValidationReport.totals(Source.FUNDING, fr.coins, c -> c::count, Map.of(
        Defect.FUNDING_IMPLAUSIBLE_TIME, implausibleTimes(funding.get(), "time", Defect.FUNDING_IMPLAUSIBLE_TIME),
        Defect.FUNDING_COIN_WITHOUT_CANDLES,
        new DefectCount(Defect.FUNDING_COIN_WITHOUT_CANDLES, withoutCandles.size(), withoutCandles.size()),
        Defect.CANDLE_COIN_WITHOUT_FUNDING,
        new DefectCount(Defect.CANDLE_COIN_WITHOUT_FUNDING, withoutFunding.size(), withoutFunding.size()))));
    return new ValidationReport(cr.summary, interval, Optional.of(fr.summary), cr.coins, fr.coins, counts,
        mostCommonSwitch(fr.coins), withoutCandles, withoutFunding);
  }

  private static void requireColumns(Table t, List<ColumnSpec> specs, String what) {
    List<ColumnSpec> have = t.columns();
    for (ColumnSpec s : specs) {
      if (!have.contains(s)) {
        throw new IllegalArgumentException("Argument '" + what + "' must have column " + s.name() + " of type "
            + s.type() + ", has " + have);
      }
    }
  }

  private record CandleResult(FileSummary summary, List<CandleCoin> coins) {
  }

  private record FundingResult(FileSummary summary, List<FundingCoin> coins) {
  }

  /** Row indices grouped by coin code (stable), plus per-coin run counts and descents in file order. */
  private static final class Groups {
    final int[] start;
    final int[] rowsOf;
    final int[] runs;
    final int[] descents;

    Groups(int[] code, long[] time, int coins) {
      int n = code.length;
      int[] count = new int[coins];
      runs = new int[coins];
      descents = new int[coins];
      long[] prev = new long[coins];
      boolean[] seen = new boolean[coins];
      for (int i = 0; i < n; i++) {
        int c = code[i];
        count[c]++;
        if (i == 0 || code[i - 1] != c) {
          runs[c]++;
        }
        if (seen[c] && time[i] < prev[c]) {
          descents[c]++;
        }
        seen[c] = true;
        prev[c] = time[i];
      }
      start = new int[coins + 1];
      for (int c = 0; c < coins; c++) {
        start[c + 1] = start[c] + count[c];
      }
      rowsOf = new int[n];
      int[] fill = Arrays.copyOf(start, coins);
      for (int i = 0; i < n; i++) {
        rowsOf[fill[code[i]]++] = i;
      }
    }
  }

  private static CandleResult checkCandles(Table t, String name, BarInterval interval) {
    int n = t.rows();
    List<String> dict = t.dictionary("coin");
    int[] code = t.codesRef("coin");
    long[] time = t.longsRef("open_time", ColumnType.TIMESTAMP_MS);
    double[] o = t.doublesRef("open");
    double[] h = t.doublesRef("high");
    double[] l = t.doublesRef("low");
    double[] c = t.doublesRef("close");
    double[] v = t.doublesRef("volume");
    long step = interval.millis();
    long fileFirst = min(time);
    long fileLast = max(time);
    Groups g = new Groups(code, time, dict.size());
    List<CandleCoin> out = new ArrayList<>();
    for (int k = 0; k < dict.size(); k++) {
      int from = g.start[k];
      int to = g.start[k + 1];
      if (from == to) {
        continue; // a dictionary entry without rows (possible for hand-built tables)
      }
      long[] ts = new long[to - from];
      long firstTraded = Long.MAX_VALUE;
      long firstZero = Long.MAX_VALUE;
      long lastZero = Long.MIN_VALUE;
      int zero = 0;
      int ohlc = 0;
      int offGrid = 0;
      int nonFinite = 0;
      int negVol = 0;
      int nanVol = 0;
      for (int j = from; j < to; j++) {
        int i = g.rowsOf[j];
        long ti = time[i];
        ts[j - from] = ti;
        if (Math.floorMod(ti, step) != 0) {
          offGrid++;
        }
        double vi = v[i];
        if (Double.isFinite(vi)) {
          if (vi > 0) {
            firstTraded = Math.min(firstTraded, ti);
          } else if (vi == 0) {
            zero++;
            firstZero = Math.min(firstZero, ti);
            lastZero = Math.max(lastZero, ti);
          } else {
            negVol++;
          }
        } else {
          nanVol++;
        }
        if (!finite(o[i], h[i], l[i], c[i])) {
          nonFinite++;
        } else if (ohlcInconsistent(o[i], h[i], l[i], c[i])) {
          ohlc++;
        }
      }
      // second pass for quantities that need firstTraded
      int backfill = 0;
      long backfillEnd = Long.MIN_VALUE;
      int ohlcZero = 0;
      for (int j = from; j < to; j++) {
        int i = g.rowsOf[j];
        if (v[i] == 0) {
          if (time[i] < firstTraded) {
            backfill++;
            backfillEnd = Math.max(backfillEnd, time[i]);
          }
          if (ohlcInconsistent(o[i], h[i], l[i], c[i])) {
            ohlcZero++;
          }
        }
      }
      Arrays.sort(ts);
      int dup = 0;
      int gaps = 0;
      long missing = 0;
      long largest = 0;
      long largestFrom = 0;
      for (int j = 1; j < ts.length; j++) {
        if (ts[j] == ts[j - 1]) {
          dup++;
        }
        long a = Math.floorDiv(ts[j - 1], step);
        long b = Math.floorDiv(ts[j], step);
        if (b - a > 1) {
          gaps++;
          missing += b - a - 1;
          if (b - a - 1 > largest) {
            largest = b - a - 1;
            largestFrom = (a + 1) * step;
          }
        }
      }
      long first = ts[0];
      long last = ts[ts.length - 1];
      out.add(new CandleCoin(dict.get(k), ts.length, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last),
          opt(firstTraded != Long.MAX_VALUE, firstTraded), zero, opt(zero > 0, firstZero), opt(zero > 0, lastZero),
          backfill, opt(backfill > 0, backfillEnd), ohlc, ohlcZero, gaps, missing, largest,
          opt(largest > 0, largestFrom), dup, g.descents[k], g.runs[k] > 1, offGrid, nonFinite, negVol, nanVol,
          first > fileFirst, last < fileLast));
    }
    out.sort(Comparator.comparing(CandleCoin::coin));
    FileSummary summary = new FileSummary(name, n, out.size(), opt(n > 0, fileFirst), opt(n > 0, fileLast));
    return new CandleResult(summary, out);
  }

  private static long min(long[] x) {
    long m = Long.MAX_VALUE;
    for (long v : x) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static long max(long[] x) {
    long m = Long.MIN_VALUE;
    for (long v : x) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static FundingResult checkFunding(Table t, String name) {
    int n = t.rows();
    List<String> dict = t.dictionary("coin");
    int[] code = t.codesRef("coin");
    long[] time = t.longsRef("time", ColumnType.TIMESTAMP_MS);
    double[] rate = t.doublesRef("funding_rate");
    long fileFirst = min(time);
    long fileLast = max(time);
    Groups g = new Groups(code, time, dict.size());
    List<FundingCoin> out = new ArrayList<>();
    for (int k = 0; k < dict.size(); k++) {
      int from = g.start[k];
      int to = g.start[k + 1];
      if (from == to) {
        continue;
      }
      long[] hours = new long[to - from];
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      int offHour = 0;
      int late = 0;
      int veryLate = 0;
      long maxOffset = 0;
      int nonFinite = 0;
      for (int j = from; j < to; j++) {
        int i = g.rowsOf[j];
        long ti = time[i];
        first = Math.min(first, ti);
        last = Math.max(last, ti);
        long hour = Math.floorDiv(ti, Units.HOUR_MS);
        long offset = ti - hour * Units.HOUR_MS;
        hours[j - from] = hour;
        if (offset > 0) {
          offHour++;
        }
        if (offset >= LATE_MS) {
          late++;
        }
        if (offset >= VERY_LATE_MS) {
          veryLate++;
        }
        maxOffset = Math.max(maxOffset, offset);
        if (!Double.isFinite(rate[i])) {
          nonFinite++;
        }
      }
      Arrays.sort(hours);
      int sameHour = 0;
      int distinct = hours.length == 0 ? 0 : 1;
      for (int j = 1; j < hours.length; j++) {
        if (hours[j] == hours[j - 1]) {
          sameHour++;
        } else {
          hours[distinct++] = hours[j];
        }
      }
      Cadence cadence;
      long hourlyFrom = Long.MIN_VALUE;
      int irregular = 0;
      int gaps = 0;
      long missing = 0;
      if (distinct < 2) {
        cadence = Cadence.UNKNOWN;
      } else {
        int switchAt = -1; // index of the first hour followed by a one-hour step
        for (int j = 0; j + 1 < distinct; j++) {
          if (hours[j + 1] - hours[j] == 1) {
            switchAt = j;
            break;
          }
        }
        int eightEnd = switchAt < 0 ? distinct - 1 : switchAt;
        boolean multiplesOf8 = true;
        for (int j = 1; j <= eightEnd; j++) {
          long d = hours[j] - hours[j - 1];
          if (d != 8) {
            irregular++;
          }
          if (d % 8 != 0) {
            multiplesOf8 = false;
          }
        }
        if (switchAt < 0) {
          cadence = multiplesOf8 ? Cadence.EIGHT_HOURLY : Cadence.IRREGULAR;
        } else {
          cadence = switchAt == 0 ? Cadence.HOURLY : Cadence.EIGHT_THEN_HOURLY;
          if (switchAt > 0) {
            hourlyFrom = hours[switchAt] * Units.HOUR_MS;
          }
          for (int j = switchAt + 1; j < distinct; j++) {
            long d = hours[j] - hours[j - 1];
            if (d > 1) {
              gaps++;
              missing += d - 1;
            }
          }
        }
      }
      out.add(new FundingCoin(dict.get(k), to - from, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last),
          offHour, late, veryLate, maxOffset, sameHour, cadence, opt(hourlyFrom != Long.MIN_VALUE, hourlyFrom),
          irregular, gaps, missing, nonFinite, g.descents[k], g.runs[k] > 1));
    }
    out.sort(Comparator.comparing(FundingCoin::coin));
    FileSummary summary = new FileSummary(name, n, out.size(), opt(n > 0, fileFirst), opt(n > 0, fileLast));
    return new FundingResult(summary, out);
  }

  private static Optional<Instant> mostCommonSwitch(List<FundingCoin> coins) {
    TreeMap<Instant, Integer> votes = new TreeMap<>();
    for (FundingCoin c : coins) {
      c.hourlyFrom().ifPresent(t -> votes.merge(t, 1, Integer::sum));
    }
    Optional<Instant> best = Optional.empty();
    int bestVotes = 0;
    for (Map.Entry<Instant, Integer> e : votes.entrySet()) { // ascending: ties keep the earliest
      if (e.getValue() > bestVotes) {
        best = Optional.of(e.getKey());
        bestVotes = e.getValue();
      }
    }
    return best;
  }

  private static boolean finite(double o, double h, double l, double c) {
    return Double.isFinite(o) && Double.isFinite(h) && Double.isFinite(l) && Double.isFinite(c);
  }

  /** {@code high < max(open, close) || low > min(open, close) || low > high}, tested on finite prices only. */
  private static boolean ohlcInconsistent(double o, double h, double l, double c) {
    return finite(o, h, l, c) && (h < Math.max(o, c) || l > Math.min(o, c) || l > h);
  }

  private static Optional<Instant> opt(boolean present, long epochMs) {
    return present ? Optional.of(Instant.ofEpochMilli(epochMs)) : Optional.empty();
  }
}
