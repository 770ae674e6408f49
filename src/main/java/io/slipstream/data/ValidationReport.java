package io.slipstream.data;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of {@link DataValidator}: what is wrong with a raw candles file (and optionally the funding file) of
 * the lake, per coin and in total, and what {@link Lake#load} does about each defect (masks it, refuses the file,
 * or accepts it as is). Produced from the raw long-format rows, before any masking; building a report never
 * throws on bad data.
 *
 * <p>Times are UTC {@link Instant}s (candles keyed by {@code open_time}); counts are rows of the file unless a
 * {@link Defect#unit()} says otherwise. Coins are listed in ascending name order.
 *
 * @param candles summary of the candles file
 * @param interval the bar interval the candles file was checked against
 * @param funding summary of the funding file, empty when funding was not checked
 * @param candleCoins one entry per coin of the candles file, by coin name
 * @param fundingCoins one entry per coin of the funding file, by coin name; empty when funding was not checked
 * @param defectCounts one entry per {@link Defect} of the files checked (candle defects always, funding defects
 *     only with funding), in {@link Defect} order, zero counts included
 * @param fundingHourlyFrom the hour (UTC) from which funding is hourly for most coins that switched from an 8-hourly
 *     cadence (ties: the earliest); empty when no coin switched
 * @param fundingCoinsWithoutCandles coins of the funding file that have no candles (the loader ignores their rates)
 * @param candleCoinsWithoutFunding coins of the candles file with no funding row (the loader books zero funding)
 */
public record ValidationReport(
    FileSummary candles,
    BarInterval interval,
    Optional<FileSummary> funding,
    List<CandleCoin> candleCoins,
    List<FundingCoin> fundingCoins,
    List<DefectCount> defectCounts,
    Optional<Instant> fundingHourlyFrom,
    List<String> fundingCoinsWithoutCandles,
    List<String> candleCoinsWithoutFunding) {

  /** Validates non-null components and copies the lists. */
  public ValidationReport {
    Checks.notNull(candles, "candles");
    Checks.notNull(interval, "interval");
    Checks.notNull(funding, "funding");
    candleCoins = List.copyOf(candleCoins);
    fundingCoins = List.copyOf(fundingCoins);
    defectCounts = List.copyOf(defectCounts);
    Checks.notNull(fundingHourlyFrom, "fundingHourlyFrom");
    fundingCoinsWithoutCandles = List.copyOf(fundingCoinsWithoutCandles);
    candleCoinsWithoutFunding = List.copyOf(candleCoinsWithoutFunding);
  }

  /** What {@link Lake#load} does with a defect. */
  public enum Handling {
    /** The loader turns the affected bars into NaN in every price and volume panel. */
    MASKED("masked"),
    /** The loader refuses the file with a {@link io.slipstream.core.DataException} naming file, coin and row. */
    REFUSED("REFUSED"),
    /** The loader accepts the data as it is (possibly normalising it, e.g. flooring funding times). */
    ACCEPTED("accepted");

    private final String label;

    Handling(String label) {
      this.label = label;
    }

    /** @return a short label for reports ({@code masked}, {@code REFUSED}, {@code accepted}) */
    public String label() {
      return label;
    }
  }

  /** Which file a defect belongs to. */
  public enum Source {
    /** The candles file {@code candles_<interval>.parquet}. */
    CANDLES,
    /** The funding file {@code funding.parquet}. */
    FUNDING
  }

  /** The kinds of defect the validator looks for, each with its source file, loader handling and counting unit. */
  public enum Defect {
    /** The candles file has no rows at all. Unit: files. */
    NO_ROWS(Source.CANDLES, Handling.REFUSED, "files", "candles file has no rows"),
    /** Bars with {@code volume == 0}: not trading (Hyperliquid back-fills history so). Unit: bars. */
    ZERO_VOLUME(Source.CANDLES, Handling.MASKED, "bars", "zero volume"),
    /**
     * Bars with {@code high < max(open, close)}, {@code low > min(open, close)} or {@code low > high} (rows with a
     * non-finite price are not tested). Accepted, but masked anyway when the bar has zero volume. Unit: bars.
     */
    OHLC_INCONSISTENT(Source.CANDLES, Handling.ACCEPTED, "bars", "OHLC inconsistent"),
    /** Grid bars missing between a coin's first and last bar; NaN in the panels. Unit: missing bars. */
    GAP(Source.CANDLES, Handling.MASKED, "missing bars", "gaps"),
    /** Rows repeating an {@code open_time} already present for the coin. Unit: rows. */
    DUPLICATE_TIME(Source.CANDLES, Handling.REFUSED, "rows", "duplicate open_time"),
    /** Rows whose {@code open_time} is earlier than that of the coin's previous row in the file. Unit: rows. */
    UNSORTED_TIME(Source.CANDLES, Handling.ACCEPTED, "rows", "unsorted open_time"),
    /** Coins whose rows are not one contiguous block of the file. Unit: coins. */
    NON_CONTIGUOUS_COIN(Source.CANDLES, Handling.ACCEPTED, "coins", "coin rows not contiguous"),
    /** Rows whose {@code open_time} is not a multiple of the bar interval. Unit: rows. */
    OFF_GRID_TIME(Source.CANDLES, Handling.REFUSED, "rows", "open_time off grid"),
    /** Rows with a NaN or infinite open, high, low or close. Unit: rows. */
    NON_FINITE_PRICE(Source.CANDLES, Handling.REFUSED, "rows", "non-finite price"),
    /** Rows with {@code volume < 0}. Unit: rows. */
    NEGATIVE_VOLUME(Source.CANDLES, Handling.REFUSED, "rows", "negative volume"),
    /** Rows with a NaN or infinite volume. Unit: rows. */
    NON_FINITE_VOLUME(Source.CANDLES, Handling.REFUSED, "rows", "non-finite volume"),
    /** Rows with {@code volume > 0} and a finite open, high, low or close that is not {@code > 0}. Unit: rows. */
    NON_POSITIVE_PRICE(Source.CANDLES, Handling.REFUSED, "rows", "price <= 0 on a traded bar"),
    /**
     * Rows whose {@code open_time} is before {@link Lake#EARLIEST_PLAUSIBLE_MS} or from
     * {@link Lake#LATEST_PLAUSIBLE_MS} on (seconds or microseconds for milliseconds, a wrong date). Unit: rows.
     */
    IMPLAUSIBLE_TIME(Source.CANDLES, Handling.REFUSED, "rows", "implausible open_time"),
    /** Bar times cut off from the rest of the file by a long gap (see {@link Lake}). Unit: bar times. */
    STRAY_TIME(Source.CANDLES, Handling.REFUSED, "bar times", "stray bars far from the rest"),
    /** Coins whose first bar is after the file's first bar (NaN before it). Unit: coins. */
    LATE_LISTING(Source.CANDLES, Handling.ACCEPTED, "coins", "listed late"),
    /** Coins whose last bar is before the file's last bar, i.e. that ended early (NaN after it). Unit: coins. */
    DELISTING(Source.CANDLES, Handling.ACCEPTED, "coins", "ended early (delisted)"),
    /** Funding rows whose time is not on a whole hour (millisecond offsets and late rows); floored. Unit: rows. */
    FUNDING_OFF_HOUR(Source.FUNDING, Handling.ACCEPTED, "rows", "funding time off the hour"),
    /** Funding rows {@code >= 60 s} after their floored hour; floored. Unit: rows. */
    FUNDING_LATE(Source.FUNDING, Handling.ACCEPTED, "rows", "funding late >= 60 s"),
    /** Funding rows in a floored hour that already has a row of the coin; the rates add up. Unit: rows. */
    FUNDING_SAME_HOUR(Source.FUNDING, Handling.ACCEPTED, "rows", "two funding rows in one hour"),
    /** Hours without a funding row after a coin's switch to hourly funding; counted as rate 0. Unit: hours. */
    FUNDING_GAP(Source.FUNDING, Handling.ACCEPTED, "missing hours", "hourly funding gaps"),
    /** Steps between funding hours that fit no cadence: not 8 h before the hourly switch. Unit: steps. */
    FUNDING_IRREGULAR_STEP(Source.FUNDING, Handling.ACCEPTED, "steps", "irregular 8-hourly steps"),
    /** Funding rows with a NaN or infinite rate. Unit: rows. */
    FUNDING_NON_FINITE(Source.FUNDING, Handling.REFUSED, "rows", "non-finite funding rate"),
    /** Funding rows whose time is implausible (as {@link #IMPLAUSIBLE_TIME}). Unit: rows. */
    FUNDING_IMPLAUSIBLE_TIME(Source.FUNDING, Handling.REFUSED, "rows", "implausible funding time"),
    /** Funding rows whose time is earlier than that of the coin's previous row. Unit: rows. */
    FUNDING_UNSORTED(Source.FUNDING, Handling.ACCEPTED, "rows", "unsorted funding time"),
    /** Coins whose funding rows are not one contiguous block of the file. Unit: coins. */
    FUNDING_NON_CONTIGUOUS_COIN(Source.FUNDING, Handling.ACCEPTED, "coins", "funding coin rows not contiguous"),
    /** Funding coins without candles; the loader ignores their rates. Unit: coins. */
    FUNDING_COIN_WITHOUT_CANDLES(Source.FUNDING, Handling.ACCEPTED, "coins", "funding coin without candles"),
    /** Candle coins without any funding row; the loader books zero funding. Unit: coins. */
    CANDLE_COIN_WITHOUT_FUNDING(Source.FUNDING, Handling.ACCEPTED, "coins", "candle coin without funding");

    private final Source source;
    private final Handling handling;
    private final String unit;
    private final String label;

    Defect(Source source, Handling handling, String unit, String label) {
      this.source = source;
      this.handling = handling;
      this.unit = unit;
      this.label = label;
    }

    /** @return the file the defect belongs to */
    public Source source() {
      return source;
    }

    /** @return what {@link Lake#load} does with it */
    public Handling handling() {
      return handling;
    }

    /** @return what {@link DefectCount#count()} counts: {@code rows}, {@code bars}, {@code coins}, ... */
    public String unit() {
      return unit;
    }

    /** @return a short human-readable label */
    public String label() {
      return label;
    }
  }

  /**
   * The file-level summary.
   *
   * @param name the file name or path given to the validator
   * @param rows number of rows
   * @param coins number of distinct coins
   * @param first earliest time in the file (UTC); empty when there are no rows
   * @param last latest time in the file (UTC); empty when there are no rows
   */
  public record FileSummary(String name, int rows, int coins, Optional<Instant> first, Optional<Instant> last) {
    /** Validates non-null components. */
    public FileSummary {
      Checks.notNull(name, "name");
      Checks.notNull(first, "first");
      Checks.notNull(last, "last");
    }
  }

  /**
   * The total of one defect kind over the files checked.
   *
   * @param defect the defect kind (its {@link Defect#unit()} says what is counted)
   * @param count how many rows, bars, hours or coins
   * @param coins how many coins have it
   */
  public record DefectCount(Defect defect, long count, int coins) {
    /** Validates the defect is not null. */
    public DefectCount {
      Checks.notNull(defect, "defect");
    }
  }

  /**
   * What is wrong with one coin of the candles file. Times are bar open times (UTC).
   *
   * @param coin the coin
   * @param rows rows of the coin in the file
   * @param firstOpen the coin's earliest open time
   * @param lastOpen the coin's latest open time
   * @param firstTraded open time of the coin's first bar with a finite {@code volume > 0}; empty if it never traded
   * @param zeroVolumeBars rows with {@code volume == 0}
   * @param firstZeroVolume earliest open time of a zero-volume row; empty if none
   * @param lastZeroVolume latest open time of a zero-volume row; empty if none
   * @param backfillBars zero-volume rows before {@code firstTraded} (all of them if the coin never traded): the
   *     exchange's back-fill of history before the coin traded
   * @param backfillEnd open time of the last back-filled bar; empty if none
   * @param ohlcViolations rows with {@code high < max(open, close)}, {@code low > min(open, close)} or
   *     {@code low > high} (all four prices finite)
   * @param ohlcViolationsOnZeroVolume of those, rows with zero volume (masked by the loader anyway)
   * @param gaps runs of missing grid bars between the coin's first and last bar
   * @param missingBars grid bars missing in total
   * @param largestGapBars bars missing in the largest gap (0 if none)
   * @param largestGapFrom open time of the first missing bar of the largest gap (the earliest on ties); empty if none
   * @param duplicateTimes rows repeating an open time already present for the coin
   * @param unsortedRows rows whose open time is earlier than that of the coin's previous row in the file
   * @param nonContiguous whether the coin's rows form more than one block of the file
   * @param offGridTimes rows whose open time is not a multiple of the interval
   * @param nonFinitePrices rows with a NaN or infinite open, high, low or close
   * @param negativeVolumes rows with {@code volume < 0}
   * @param nonFiniteVolumes rows with a NaN or infinite volume
   * @param lateListed whether the first bar is after the file's first bar
   * @param delisted whether the last bar is before the file's last bar (the coin ended early)
   */
  public record CandleCoin(
      String coin, int rows, Instant firstOpen, Instant lastOpen, Optional<Instant> firstTraded,
      int zeroVolumeBars, Optional<Instant> firstZeroVolume, Optional<Instant> lastZeroVolume, int backfillBars,
      Optional<Instant> backfillEnd, int ohlcViolations, int ohlcViolationsOnZeroVolume,
      int gaps, long missingBars, long largestGapBars, Optional<Instant> largestGapFrom,
      int duplicateTimes, int unsortedRows, boolean nonContiguous, int offGridTimes,
      int nonFinitePrices, int negativeVolumes, int nonFiniteVolumes, boolean lateListed, boolean delisted) {

    /** Validates non-null components. */
    public CandleCoin {
      Checks.notNull(coin, "coin");
      Checks.notNull(firstOpen, "firstOpen");
      Checks.notNull(lastOpen, "lastOpen");
      Checks.notNull(firstTraded, "firstTraded");
      Checks.notNull(firstZeroVolume, "firstZeroVolume");
      Checks.notNull(lastZeroVolume, "lastZeroVolume");
      Checks.notNull(backfillEnd, "backfillEnd");
      Checks.notNull(largestGapFrom, "largestGapFrom");
    }

    /**
     * @param defect a candle defect
     * @return this coin's count of it in the defect's unit (1 or 0 for coin-level defects); 0 for funding defects
     */
    public long count(Defect defect) {
      return switch (defect) {
        case ZERO_VOLUME -> zeroVolumeBars;
        case OHLC_INCONSISTENT -> ohlcViolations;
        case GAP -> missingBars;
        case DUPLICATE_TIME -> duplicateTimes;
        case UNSORTED_TIME -> unsortedRows;
        case NON_CONTIGUOUS_COIN -> nonContiguous ? 1 : 0;
        case OFF_GRID_TIME -> offGridTimes;
        case NON_FINITE_PRICE -> nonFinitePrices;
        case NEGATIVE_VOLUME -> negativeVolumes;
        case NON_FINITE_VOLUME -> nonFiniteVolumes;
        case LATE_LISTING -> lateListed ? 1 : 0;
        case DELISTING -> delisted ? 1 : 0;
        default -> 0;
      };
    }

    /** @return whether the coin has any candle defect (late listing and delisting included) */
    public boolean hasDefect() {
      for (Defect d : Defect.values()) {
        if (d.source() == Source.CANDLES && count(d) > 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** A coin's funding cadence, from the steps between its distinct floored funding hours. */
  public enum Cadence {
    /** Hourly from the coin's first row. */
    HOURLY,
    /** 8-hourly throughout (no one-hour step). */
    EIGHT_HOURLY,
    /** 8-hourly until {@link FundingCoin#hourlyFrom()}, hourly after. */
    EIGHT_THEN_HOURLY,
    /** No one-hour step and some step is not a multiple of 8 hours. */
    IRREGULAR,
    /** Fewer than two distinct hours: no cadence to tell. */
    UNKNOWN
  }

  /**
   * What is wrong with one coin of the funding file. A row's hour is its time floored to the whole hour (UTC); its
   * offset is {@code time - hour}.
   *
   * @param coin the coin
   * @param rows rows of the coin
   * @param first earliest time (exact, with its offset)
   * @param last latest time (exact)
   * @param offHourRows rows whose time is not on a whole hour (offset {@code > 0})
   * @param lateRows rows with offset {@code >= 60 s}
   * @param lateRows10Min rows with offset {@code >= 10 min}
   * @param maxOffsetMs the largest offset of any row, milliseconds (0 if all are on the hour)
   * @param sameHourRows rows whose hour already has a row of the coin
   * @param cadence the cadence
   * @param hourlyFrom for {@link Cadence#EIGHT_THEN_HOURLY}: the hour from which funding is hourly (the last
   *     8-hourly hour, followed by a one-hour step); empty otherwise
   * @param irregularSteps steps that are not 8 h in the 8-hourly part (before {@code hourlyFrom}, or all steps of
   *     an {@link Cadence#EIGHT_HOURLY} or {@link Cadence#IRREGULAR} coin)
   * @param hourlyGaps steps longer than 1 h in the hourly part
   * @param missingHours hours missing in those gaps
   * @param nonFiniteRates rows with a NaN or infinite rate
   * @param unsortedRows rows whose time is earlier than that of the coin's previous row in the file
   * @param nonContiguous whether the coin's rows form more than one block of the file
   */
  public record FundingCoin(
      String coin, int rows, Instant first, Instant last, int offHourRows, int lateRows, int lateRows10Min,
      long maxOffsetMs, int sameHourRows, Cadence cadence, Optional<Instant> hourlyFrom, int irregularSteps,
      int hourlyGaps, long missingHours, int nonFiniteRates, int unsortedRows, boolean nonContiguous) {

    /** Validates non-null components. */
    public FundingCoin {
      Checks.notNull(coin, "coin");
      Checks.notNull(first, "first");
      Checks.notNull(last, "last");
      Checks.notNull(cadence, "cadence");
      Checks.notNull(hourlyFrom, "hourlyFrom");
    }

    /**
     * @param defect a funding defect
     * @return this coin's count of it in the defect's unit; 0 for candle defects and the coin-set defects
     */
    public long count(Defect defect) {
      return switch (defect) {
        case FUNDING_OFF_HOUR -> offHourRows;
        case FUNDING_LATE -> lateRows;
        case FUNDING_SAME_HOUR -> sameHourRows;
        case FUNDING_GAP -> missingHours;
        case FUNDING_IRREGULAR_STEP -> irregularSteps;
        case FUNDING_NON_FINITE -> nonFiniteRates;
        case FUNDING_UNSORTED -> unsortedRows;
        case FUNDING_NON_CONTIGUOUS_COIN -> nonContiguous ? 1 : 0;
        default -> 0;
      };
    }

    /** @return whether the coin has any funding defect (millisecond offsets included) */
    public boolean hasDefect() {
      for (Defect d : Defect.values()) {
        if (d.source() == Source.FUNDING && count(d) > 0) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * @param defect a defect kind
   * @return its total count (in {@link Defect#unit()}); 0 when it was not checked
   */
  public long count(Defect defect) {
    return defectCount(defect).map(DefectCount::count).orElse(0L);
  }

  /**
   * @param defect a defect kind
   * @return the number of coins that have it; 0 when it was not checked
   */
  public int coinsWith(Defect defect) {
    return defectCount(defect).map(DefectCount::coins).orElse(0);
  }

  private Optional<DefectCount> defectCount(Defect defect) {
    return defectCounts.stream().filter(d -> d.defect() == defect).findFirst();
  }

  /**
   * @param coin a coin name
   * @return the candle entry of {@code coin}, if the candles file has it
   */
  public Optional<CandleCoin> candleCoin(String coin) {
    return candleCoins.stream().filter(c -> c.coin().equals(coin)).findFirst();
  }

  /**
   * @param coin a coin name
   * @return the funding entry of {@code coin}, if the funding file was checked and has it
   */
  public Optional<FundingCoin> fundingCoin(String coin) {
    return fundingCoins.stream().filter(c -> c.coin().equals(coin)).findFirst();
  }

  /** @return the defects with a non-zero count that make {@link Lake#load} refuse the files, in {@link Defect} order */
  public List<Defect> refusedDefects() {
    return defectCounts.stream().filter(d -> d.count() > 0 && d.defect().handling() == Handling.REFUSED)
        .map(DefectCount::defect).toList();
  }

  /** @return whether {@link Lake#load} would refuse the files checked ({@link #refusedDefects()} is not empty) */
  public boolean loaderWouldRefuse() {
    return !refusedDefects().isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ formatting

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * A plain-text report for a terminal: a summary block (files, rows, coins, time ranges, the funding cadence
   * switch, the loader's verdict), a table of defect totals with their handling, then one aligned table row per
   * coin that has any defect (candles, then funding). Times are UTC, {@code yyyy-MM-dd HH:mm}.
   *
   * @return the report, lines separated by {@code \n}, ending with a newline
   */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append("Data validation (").append(interval.label()).append(" bars)\n");
    appendSummary(sb, "candles", candles, MINUTES);
    funding.ifPresent(f -> appendSummary(sb, "funding", f, MILLIS));
    if (funding.isPresent()) {
      long switched = fundingCoins.stream().filter(c -> c.cadence() == Cadence.EIGHT_THEN_HOURLY).count();
      long hourly = fundingCoins.stream().filter(c -> c.cadence() == Cadence.HOURLY).count();
      sb.append("  funding cadence: ");
      if (fundingHourlyFrom.isPresent()) {
        Instant sw = fundingHourlyFrom.get();
        long atSwitch = fundingCoins.stream().filter(c -> c.hourlyFrom().equals(Optional.of(sw))).count();
        sb.append("8-hourly until ").append(MINUTES.format(sw)).append(", hourly after (the switch hour of ")
            .append(atSwitch).append(" of the ").append(switched).append(" coins that switch); ");
      }
      sb.append(hourly).append(" coins hourly from their first row\n");
    }
    List<Defect> refused = refusedDefects();
    sb.append("  loader verdict: ");
    if (refused.isEmpty()) {
      sb.append("loads (zero-volume bars and gaps become NaN; funding times are floored to the hour)\n");
    } else {
      sb.append("REFUSES the data: ");
      for (int i = 0; i < refused.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(refused.get(i).label()).append(" (").append(count(refused.get(i)))
            .append(' ').append(refused.get(i).unit()).append(')');
      }
      sb.append('\n');
    }
    sb.append('\n');

    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"defect", "handling", "count", "unit", "coins"});
    for (DefectCount d : defectCounts) {
      rows.add(new String[] {d.defect().label(), d.defect().handling().label(), Long.toString(d.count()),
          d.defect().unit(), Integer.toString(d.coins())});
    }
    appendTable(sb, rows, new boolean[] {false, false, true, false, true});

    List<CandleCoin> bad = candleCoins.stream().filter(CandleCoin::hasDefect).toList();
    sb.append('\n').append("Candles: ").append(bad.size()).append(" of ").append(candleCoins.size())
        .append(" coins with defects\n");
    if (!bad.isEmpty()) {
      rows = new ArrayList<>();
      rows.add(new String[] {"coin", "rows", "first", "last", "zero_vol", "backfill", "backfill_end", "ohlc",
          "ohlc@0vol", "gaps", "missing", "max_gap", "dup", "unsorted", "split", "off_grid", "non_finite",
          "neg_vol", "nan_vol", "late", "ended"});
      for (CandleCoin c : bad) {
        rows.add(new String[] {c.coin(), Integer.toString(c.rows()), MINUTES.format(c.firstOpen()),
            MINUTES.format(c.lastOpen()), num(c.zeroVolumeBars()), num(c.backfillBars()),
            c.backfillEnd().map(MINUTES::format).orElse("-"), num(c.ohlcViolations()),
            num(c.ohlcViolationsOnZeroVolume()), num(c.gaps()), num(c.missingBars()), num(c.largestGapBars()),
            num(c.duplicateTimes()), num(c.unsortedRows()), flag(c.nonContiguous()), num(c.offGridTimes()),
            num(c.nonFinitePrices()), num(c.negativeVolumes()), num(c.nonFiniteVolumes()), flag(c.lateListed()),
            flag(c.delisted())});
      }
      appendTable(sb, rows, new boolean[] {false, true, false, false, true, true, false, true, true, true, true,
          true, true, true, false, true, true, true, true, false, false});
    }
    if (funding.isPresent()) {
      List<FundingCoin> badF = fundingCoins.stream().filter(FundingCoin::hasDefect).toList();
      sb.append('\n').append("Funding: ").append(badF.size()).append(" of ").append(fundingCoins.size())
          .append(" coins with defects\n");
      if (!badF.isEmpty()) {
        rows = new ArrayList<>();
        rows.add(new String[] {"coin", "rows", "first", "last", "off_hour", "late>=60s", "late>=10m", "max_offset",
            "same_hour", "cadence", "hourly_from", "irregular", "gaps", "missing_h", "non_finite", "unsorted",
            "split"});
        for (FundingCoin c : badF) {
          rows.add(new String[] {c.coin(), Integer.toString(c.rows()), MINUTES.format(c.first()),
              MINUTES.format(c.last()), num(c.offHourRows()), num(c.lateRows()), num(c.lateRows10Min()),
              duration(c.maxOffsetMs()), num(c.sameHourRows()), cadence(c.cadence()),
              c.hourlyFrom().map(MINUTES::format).orElse("-"), num(c.irregularSteps()), num(c.hourlyGaps()),
              num(c.missingHours()), num(c.nonFiniteRates()), num(c.unsortedRows()), flag(c.nonContiguous())});
        }
        appendTable(sb, rows, new boolean[] {false, true, false, false, true, true, true, true, true, false, false,
            true, true, true, true, true, false});
      }
      appendCoinList(sb, "funding coins without candles", fundingCoinsWithoutCandles);
      appendCoinList(sb, "candle coins without funding", candleCoinsWithoutFunding);
    }
    return sb.toString();
  }

  private static void appendSummary(StringBuilder sb, String what, FileSummary f, DateTimeFormatter fmt) {
    sb.append("  ").append(what).append(": ").append(f.name()).append(": ").append(f.rows()).append(" rows, ")
        .append(f.coins()).append(" coins");
    if (f.first().isPresent() && f.last().isPresent()) {
      sb.append(", ").append(fmt.format(f.first().get())).append(" .. ").append(fmt.format(f.last().get()));
    }
    sb.append('\n');
  }

  private static void appendCoinList(StringBuilder sb, String title, List<String> coins) {
    if (!coins.isEmpty()) {
      sb.append('\n').append(title).append(" (").append(coins.size()).append("): ")
          .append(String.join(", ", coins)).append('\n');
    }
  }

  private static String num(long x) {
    return x == 0 ? "." : Long.toString(x);
  }

  private static String flag(boolean b) {
    return b ? "yes" : ".";
  }

  private static String cadence(Cadence c) {
    return switch (c) {
      case HOURLY -> "1h";
      case EIGHT_HOURLY -> "8h";
      case EIGHT_THEN_HOURLY -> "8h->1h";
      case IRREGULAR -> "irregular";
      case UNKNOWN -> "?";
    };
  }

  /** Formats an offset in ms: {@code 48ms}, {@code 1.094s}, {@code 23m53s}. */
  static String duration(long ms) {
    if (ms == 0) {
      return ".";
    }
    if (ms < 1_000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.3fs", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms % 60_000) / 1000);
  }

  private static void appendTable(StringBuilder sb, List<String[]> rows, boolean[] rightAligned) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int k = 0; k < cols; k++) {
        width[k] = Math.max(width[k], r[k].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < cols; k++) {
        if (k > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(width[k] - r[k].length());
        line.append(rightAligned[k] ? pad + r[k] : r[k] + pad);
      }
      int end = line.length();
      while (end > 0 && line.charAt(end - 1) == ' ') {
        end--;
      }
      sb.append(line, 0, end).append('\n');
    }
  }

  // ------------------------------------------------------------------------------------------------ JSON form

  /**
   * A JSON-friendly form of the report (e.g. for Jackson's {@code writeValueAsString}): nested
   * {@link LinkedHashMap}s and {@link List}s of strings, numbers and booleans, keys in snake_case, times as
   * ISO-8601 UTC strings, enums by name, empty optionals left out. Adds a {@code handling} entry to each defect
   * count and {@code loader_would_refuse} at the top.
   *
   * @return a new mutable map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loader_would_refuse", loaderWouldRefuse());
    Map<String, Object> self = recordToMap(this);
    @SuppressWarnings("unchecked")
    List<Object> counts = (List<Object>) self.get("defect_counts");
    List<Object> withHandling = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) counts.get(i));
      Defect d = defectCounts.get(i).defect();
      c.put("handling", d.handling().name());
      c.put("unit", d.unit());
      withHandling.add(c);
    }
    self.put("defect_counts", withHandling);
    m.putAll(self);
    return m;
  }

  private static Map<String, Object> recordToMap(Record r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent rc : r.getClass().getRecordComponents()) {
      Object v;
      try {
        v = rc.getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read record component " + rc.getName(), e);
      }
      Optional<Object> plain = plain(v);
      plain.ifPresent(p -> m.put(snake(rc.getName()), p));
    }
    return m;
  }

  private static Optional<Object> plain(Object v) {
    if (v instanceof Optional<?> o) {
      return o.flatMap(ValidationReport::plain);
    }
    if (v instanceof Instant t) {
      return Optional.of(t.toString());
    }
    if (v instanceof Enum<?> e) {
      return Optional.of(e.name());
    }
    if (v instanceof Record rec) {
      return Optional.of(recordToMap(rec));
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        plain(x).ifPresent(out::add);
      }
      return Optional.of(out);
    }
    return Optional.of(v);
  }

  private static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** Sums per-coin counts into one {@link DefectCount} per defect of {@code source}. */
  static <C> List<DefectCount> totals(Source source, List<C> coins, Function<C, Function<Defect, Long>> counter,
      Map<Defect, DefectCount> overrides) {
    Map<Defect, DefectCount> out = new EnumMap<>(Defect.class);
    for (Defect d : Defect.values()) {
      if (d.source() != source) {
        continue;
      }
      if (overrides.containsKey(d)) {
        out.put(d, overrides.get(d));
        continue;
      }
      long total = 0;
      int n = 0;
      for (C c : coins) {
        long k = counter.apply(c).apply(d);
        total += k;
        n += k > 0 ? 1 : 0;
      }
      out.put(d, new DefectCount(d, total, n));
    }
    return List.copyOf(out.values());
  }
}
