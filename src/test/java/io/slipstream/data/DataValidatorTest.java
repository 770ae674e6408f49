package io.slipstream.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.ValidationReport.CandleCoin;
import io.slipstream.data.ValidationReport.Cadence;
import io.slipstream.data.ValidationReport.Defect;
import io.slipstream.data.ValidationReport.FundingCoin;
import io.slipstream.data.ValidationReport.Handling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataValidatorTest {
  private static final BarInterval IV = BarInterval.H4;
  private static final long STEP = IV.millis();
  private static final long H = 3_600_000L;
  /** 2024-01-01T00:00Z, on every grid. */
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  /** A candle row: coin, bar index k (open time T0 + k * STEP plus {@code extraMs}), OHLCV. */
  private record Row(String coin, long openMs, double o, double h, double l, double c, double v) {
  }

  private static Row bar(String coin, int k, double v) {
    return new Row(coin, T0 + k * STEP, 10, 12, 9, 11, v);
  }

  private static Row bar(String coin, int k, double o, double h, double l, double c, double v) {
    return new Row(coin, T0 + k * STEP, o, h, l, c, v);
  }

  private static Table candles(List<Row> rows) {
    int n = rows.size();
    String[] coin = new String[n];
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      coin[i] = r.coin;
      t[i] = r.openMs;
      o[i] = r.o;
      h[i] = r.h;
      l[i] = r.l;
      c[i] = r.c;
      v[i] = r.v;
    }
    return Table.builder().strings("coin", coin).timestamps("open_time", t).doubles("open", o).doubles("high", h)
        .doubles("low", l).doubles("close", c).doubles("volume", v).build();
  }

  private static Table funding(String[] coins, long[] times, double[] rates) {
    return Table.builder().strings("coin", coins).timestamps("time", times).doubles("funding_rate", rates).build();
  }

  private static List<Row> clean(String coin, int bars) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < bars; k++) {
      rows.add(bar(coin, k, 1.0 + k));
    }
    return rows;
  }

  private static ValidationReport check(List<Row> rows) {
    return DataValidator.check(candles(rows), "candles_4h.parquet", IV);
  }

  private static CandleCoin coin(ValidationReport r, String coin) {
    return r.candleCoin(coin).orElseThrow();
  }

  /** The validator's verdict must agree with what the loader does. */
  private static void assertLoaderAgrees(ValidationReport r, Table candles, Table funding) {
    if (r.loaderWouldRefuse()) {
      assertThatThrownBy(() -> Lake.toMarketData(candles, "c", IV, funding, "f")).isInstanceOf(DataException.class);
    } else {
      assertThatCode(() -> Lake.toMarketData(candles, "c", IV, funding, "f")).doesNotThrowAnyException();
    }
  }

  @Test
  void check_cleanTable_reportsNoDefect() {
    List<Row> rows = new ArrayList<>(clean("AAA", 6));
    rows.addAll(clean("BBB", 6));
    ValidationReport r = check(rows);
    assertThat(r.candles().rows()).isEqualTo(12);
    assertThat(r.candles().coins()).isEqualTo(2);
    assertThat(r.candles().first()).contains(Instant.ofEpochMilli(T0));
    assertThat(r.candles().last()).contains(Instant.ofEpochMilli(T0 + 5 * STEP));
    assertThat(r.defectCounts()).allSatisfy(d -> assertThat(d.count()).isZero());
    assertThat(r.defectCounts()).extracting(d -> d.defect().source()).containsOnly(ValidationReport.Source.CANDLES);
    assertThat(r.candleCoins()).noneMatch(CandleCoin::hasDefect);
    assertThat(r.loaderWouldRefuse()).isFalse();
    assertThat(r.funding()).isEmpty();
    assertThat(r.format()).contains("Candles: 0 of 2 coins with defects").doesNotContain("AAA  ");
    assertLoaderAgrees(r, candles(rows), null);
  }

  @Test
  void check_zeroVolume_countsBackfillBeforeFirstTradedBar() {
    List<Row> rows = List.of(bar("AAA", 0, 0), bar("AAA", 1, 0), bar("AAA", 2, 5), bar("AAA", 3, 0),
        bar("AAA", 4, 2), bar("NEVER", 0, 0), bar("NEVER", 4, 0));
    ValidationReport r = check(rows);
    CandleCoin a = coin(r, "AAA");
    assertThat(a.zeroVolumeBars()).isEqualTo(3);
    assertThat(a.backfillBars()).isEqualTo(2);
    assertThat(a.firstTraded()).contains(Instant.ofEpochMilli(T0 + 2 * STEP));
    assertThat(a.backfillEnd()).contains(Instant.ofEpochMilli(T0 + STEP));
    assertThat(a.firstZeroVolume()).contains(Instant.ofEpochMilli(T0));
    assertThat(a.lastZeroVolume()).contains(Instant.ofEpochMilli(T0 + 3 * STEP));
    CandleCoin never = coin(r, "NEVER");
    assertThat(never.firstTraded()).isEmpty();
    assertThat(never.backfillBars()).isEqualTo(2);
    assertThat(r.count(Defect.ZERO_VOLUME)).isEqualTo(5);
    assertThat(r.coinsWith(Defect.ZERO_VOLUME)).isEqualTo(2);
    assertThat(Defect.ZERO_VOLUME.handling()).isEqualTo(Handling.MASKED);
    assertThat(r.loaderWouldRefuse()).isFalse();
    assertLoaderAgrees(r, candles(rows), null);
  }

  @Test
  void check_ohlcInconsistent_countsEachRuleAndZeroVolumeShare() {
    List<Row> rows = List.of(
        bar("AAA", 0, 10, 10.5, 9, 11, 1), // high < close
        bar("AAA", 1, 10, 12, 10.5, 11, 1), // low > open
        bar("AAA", 2, 10, 9, 11, 10, 0), // low > high (and both body rules), zero volume
        bar("AAA", 3, 10, 11, 9, 10, 1), // fine
        bar("AAA", 4, 10, 10, 10, 10, 1), // flat bar: fine
        bar("AAA", 5, Double.NaN, 9, 11, 10, 1)); // non-finite: not an OHLC test
    ValidationReport r = check(rows);
    CandleCoin a = coin(r, "AAA");
    assertThat(a.ohlcViolations()).isEqualTo(3);
    assertThat(a.ohlcViolationsOnZeroVolume()).isEqualTo(1);
    assertThat(a.nonFinitePrices()).isEqualTo(1);
    assertThat(r.count(Defect.OHLC_INCONSISTENT)).isEqualTo(3);
    assertThat(Defect.OHLC_INCONSISTENT.handling()).isEqualTo(Handling.ACCEPTED);
  }

  @Test
  void check_gaps_countsRunsMissingBarsAndLargest() {
    List<Row> rows = new ArrayList<>();
    for (int k : new int[] {0, 1, 2, 5, 6, 10, 11}) {
      rows.add(bar("AAA", k, 1));
    }
    ValidationReport r = check(rows);
    CandleCoin a = coin(r, "AAA");
    assertThat(a.gaps()).isEqualTo(2);
    assertThat(a.missingBars()).isEqualTo(5);
    assertThat(a.largestGapBars()).isEqualTo(3);
    assertThat(a.largestGapFrom()).contains(Instant.ofEpochMilli(T0 + 7 * STEP));
    assertThat(r.count(Defect.GAP)).isEqualTo(5);
    assertThat(r.loaderWouldRefuse()).isFalse();
    assertLoaderAgrees(r, candles(rows), null);
  }

  @Test
  void check_duplicateTime_isReportedAndRefused() {
    List<Row> rows = List.of(bar("AAA", 0, 1), bar("AAA", 1, 1), bar("AAA", 1, 2), bar("AAA", 1, 3));
    ValidationReport r = check(rows);
    assertThat(coin(r, "AAA").duplicateTimes()).isEqualTo(2);
    assertThat(coin(r, "AAA").gaps()).isZero();
    assertThat(r.refusedDefects()).containsExactly(Defect.DUPLICATE_TIME);
    assertThat(r.format()).contains("REFUSES").contains("duplicate open_time (2 rows)");
    assertLoaderAgrees(r, candles(rows), null);
  }

  @Test
  void check_unsortedAndNonContiguous_areReportedAndAccepted() {
    List<Row> rows = List.of(bar("AAA", 1, 1), bar("AAA", 0, 1), bar("BBB", 0, 1), bar("BBB", 1, 1),
        bar("AAA", 2, 1), bar("CCC", 2, 1), bar("CCC", 1, 1), bar("CCC", 0, 1));
    ValidationReport r = check(rows);
    assertThat(coin(r, "AAA").unsortedRows()).isEqualTo(1);
    assertThat(coin(r, "AAA").nonContiguous()).isTrue();
    assertThat(coin(r, "BBB").unsortedRows()).isZero();
    assertThat(coin(r, "BBB").nonContiguous()).isFalse();
    assertThat(coin(r, "CCC").unsortedRows()).isEqualTo(2);
    assertThat(r.count(Defect.UNSORTED_TIME)).isEqualTo(3);
    assertThat(r.count(Defect.NON_CONTIGUOUS_COIN)).isEqualTo(1);
    assertThat(coin(r, "CCC").gaps()).isZero();
    assertThat(r.loaderWouldRefuse()).isFalse();
    assertLoaderAgrees(r, candles(rows), null);
  }

  @Test
  void check_offGridTime_isReportedAndRefused() {
    List<Row> rows = new ArrayList<>(clean("AAA", 3));
    rows.add(new Row("AAA", T0 + 3 * STEP + 1_000, 10, 12, 9, 11, 1));
    rows.add(new Row("AAA", T0 + 4 * STEP + H, 10, 12, 9, 11, 1)); // on the 1h grid, not the 4h one
    ValidationReport r = check(rows);
    assertThat(coin(r, "AAA").offGridTimes()).isEqualTo(2);
    assertThat(r.refusedDefects()).containsExactly(Defect.OFF_GRID_TIME);
    assertLoaderAgrees(r, candles(rows), null);
    // the same rows are fine on the 1h grid except the one with a second offset
    assertThat(coin(DataValidator.check(candles(rows), "c", BarInterval.H1), "AAA").offGridTimes()).isEqualTo(1);
  }

  @Test
  void check_nonFinitePrice_isReportedAndRefused() {
    List<Row> rows = List.of(bar("AAA", 0, 10, Double.POSITIVE_INFINITY, 9, 11, 1),
        bar("AAA", 1, 10, 12, 9, Double.NaN, 1), bar("AAA", 2, 1));
    ValidationReport r = check(rows);
    assertThat(coin(r, "AAA").nonFinitePrices()).isEqualTo(2);
    assertThat(coin(r, "AAA").ohlcViolations()).isZero();
    assertThat(r.refusedDefects()).containsExactly(Defect.NON_FINITE_PRICE);
    assertLoaderAgrees(r, candles(rows), null);
  }

  @Test
  void check_negativeAndNonFiniteVolume_areReportedAndRefused() {
    List<Row> neg = List.of(bar("AAA", 0, -1), bar("AAA", 1, 1));
    ValidationReport r = check(neg);
    assertThat(coin(r, "AAA").negativeVolumes()).isEqualTo(1);
    assertThat(coin(r, "AAA").zeroVolumeBars()).isZero();
    assertThat(r.refusedDefects()).containsExactly(Defect.NEGATIVE_VOLUME);
    assertLoaderAgrees(r, candles(neg), null);

    List<Row> nan = List.of(bar("AAA", 0, Double.NaN), bar("AAA", 1, Double.POSITIVE_INFINITY));
    ValidationReport r2 = check(nan);
    assertThat(coin(r2, "AAA").nonFiniteVolumes()).isEqualTo(2);
    assertThat(coin(r2, "AAA").firstTraded()).isEmpty();
    assertThat(r2.refusedDefects()).containsExactly(Defect.NON_FINITE_VOLUME);
    assertLoaderAgrees(r2, candles(nan), null);
  }

  @Test
  void check_lateListingAndDelisting_areFlaggedPerCoin() {
    List<Row> rows = new ArrayList<>(clean("FULL", 6));
    for (int k = 2; k < 6; k++) {
      rows.add(bar("LATE", k, 1));
    }
    for (int k = 0; k < 4; k++) {
      rows.add(bar("GONE", k, 1));
    }
    rows.add(bar("BLIP", 3, 1));
    ValidationReport r = check(rows);
    assertThat(coin(r, "FULL").lateListed()).isFalse();
    assertThat(coin(r, "FULL").delisted()).isFalse();
    assertThat(coin(r, "LATE").lateListed()).isTrue();
    assertThat(coin(r, "LATE").delisted()).isFalse();
    assertThat(coin(r, "GONE").lateListed()).isFalse();
    assertThat(coin(r, "GONE").delisted()).isTrue();
    assertThat(coin(r, "BLIP").lateListed()).isTrue();
    assertThat(coin(r, "BLIP").delisted()).isTrue();
    assertThat(r.count(Defect.LATE_LISTING)).isEqualTo(2);
    assertThat(r.count(Defect.DELISTING)).isEqualTo(2);
    assertThat(r.candleCoins()).extracting(CandleCoin::coin).containsExactly("BLIP", "FULL", "GONE", "LATE");
    assertThat(r.loaderWouldRefuse()).isFalse();
  }

  @Test
  void check_emptyTable_reportsNoRowsWithoutThrowing() {
    ValidationReport r = check(List.of());
    assertThat(r.candles().rows()).isZero();
    assertThat(r.candles().first()).isEmpty();
    assertThat(r.count(Defect.NO_ROWS)).isEqualTo(1);
    assertThat(r.refusedDefects()).containsExactly(Defect.NO_ROWS);
    assertThat(r.format()).contains("REFUSES");
    assertLoaderAgrees(r, candles(List.of()), null);
  }

  @Test
  void check_tableWithoutLakeColumns_throwsIllegalArgument() {
    Table t = Table.builder().strings("coin", new String[] {"A"}).timestamps("open_time", new long[] {0}).build();
    assertThatThrownBy(() -> DataValidator.check(t, "x", IV)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("open");
  }

  @Test
  void check_funding_findsOffsetsLateRowsSameHourCadenceGapsAndNonFinite() {
    long d0 = T0; // 8-hourly: d0, d0+8h, d0+16h; hourly from d0+16h with a gap of 2 hours
    List<String> coins = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    long[] aaa = {d0 + 48, d0 + 8 * H + 388, d0 + 16 * H + 254, d0 + 17 * H + 90_000, d0 + 18 * H + 15 * 60_000,
        d0 + 18 * H + 20 * 60_000, d0 + 21 * H + 5, d0 + 22 * H};
    for (long t : aaa) {
      coins.add("AAA");
      times.add(t);
      rates.add(1e-5);
    }
    // BBB: hourly from its first row, unsorted, one non-finite rate, split into two blocks
    long[] bbb = {d0 + 2 * H, d0 + H, d0 + 3 * H};
    for (int i = 0; i < bbb.length; i++) {
      coins.add("BBB");
      times.add(bbb[i]);
      rates.add(i == 2 ? Double.NaN : 2e-5);
    }
    coins.add("AAA");
    times.add(d0 + 23 * H);
    rates.add(1e-5);
    coins.add("ZZZ"); // funding without candles
    times.add(d0);
    rates.add(0.0);
    Table f = funding(coins.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray(),
        rates.stream().mapToDouble(Double::doubleValue).toArray());
    List<Row> rows = new ArrayList<>(clean("AAA", 8));
    rows.addAll(clean("BBB", 8));
    rows.addAll(clean("CCC", 8));
    ValidationReport r = DataValidator.check(candles(rows), "candles_4h.parquet", IV, f, "funding.parquet");

    FundingCoin a = r.fundingCoin("AAA").orElseThrow();
    assertThat(a.rows()).isEqualTo(9);
    assertThat(a.offHourRows()).isEqualTo(7);
    assertThat(a.lateRows()).isEqualTo(3);
    assertThat(a.lateRows10Min()).isEqualTo(2);
    assertThat(a.maxOffsetMs()).isEqualTo(20 * 60_000);
    assertThat(a.sameHourRows()).isEqualTo(1);
    assertThat(a.cadence()).isEqualTo(Cadence.EIGHT_THEN_HOURLY);
    assertThat(a.hourlyFrom()).contains(Instant.ofEpochMilli(d0 + 16 * H));
    assertThat(a.irregularSteps()).isZero();
    assertThat(a.hourlyGaps()).isEqualTo(1);
    assertThat(a.missingHours()).isEqualTo(2);
    assertThat(a.nonFiniteRates()).isZero();
    assertThat(a.nonContiguous()).isTrue();
    assertThat(a.first()).isEqualTo(Instant.ofEpochMilli(d0 + 48));

    FundingCoin b = r.fundingCoin("BBB").orElseThrow();
    assertThat(b.cadence()).isEqualTo(Cadence.HOURLY);
    assertThat(b.hourlyFrom()).isEmpty();
    assertThat(b.unsortedRows()).isEqualTo(1);
    assertThat(b.nonFiniteRates()).isEqualTo(1);
    assertThat(b.offHourRows()).isZero();
    assertThat(r.fundingCoin("ZZZ").orElseThrow().cadence()).isEqualTo(Cadence.UNKNOWN);

    assertThat(r.fundingHourlyFrom()).contains(Instant.ofEpochMilli(d0 + 16 * H));
    assertThat(r.fundingCoinsWithoutCandles()).containsExactly("ZZZ");
    assertThat(r.candleCoinsWithoutFunding()).containsExactly("CCC");
    assertThat(r.count(Defect.FUNDING_LATE)).isEqualTo(3);
    assertThat(r.count(Defect.FUNDING_GAP)).isEqualTo(2);
    assertThat(r.count(Defect.FUNDING_SAME_HOUR)).isEqualTo(1);
    assertThat(r.refusedDefects()).containsExactly(Defect.FUNDING_NON_FINITE);
    assertLoaderAgrees(r, candles(rows), f);
    assertThat(r.format()).contains("Funding: 2 of 3 coins with defects").contains("8h->1h")
        .contains("20m00s").contains("funding coins without candles (1): ZZZ");
  }

  @Test
  void check_fundingEightHourlyWithIrregularStep_isCountedNotThrown() {
    long[] t = {T0, T0 + 8 * H, T0 + 24 * H, T0 + 27 * H};
    Table f = funding(new String[] {"A", "A", "A", "A"}, t, new double[] {0, 0, 0, 0});
    ValidationReport r = DataValidator.check(candles(clean("A", 2)), "c", IV, f, "f");
    FundingCoin a = r.fundingCoin("A").orElseThrow();
    assertThat(a.cadence()).isEqualTo(Cadence.IRREGULAR);
    assertThat(a.irregularSteps()).isEqualTo(2);
    assertThat(r.fundingHourlyFrom()).isEmpty();
  }

  @Test
  void format_listsDefectiveCoinsInAlignedColumns() {
    List<Row> rows = new ArrayList<>(clean("AAA", 4));
    rows.add(bar("BBBBBBBB", 1, 0));
    rows.add(bar("BBBBBBBB", 2, 1));
    String text = check(rows).format();
    List<String> lines = text.lines().toList();
    int header = lines.indexOf(
        lines.stream().filter(s -> s.startsWith("coin ") && s.contains("zero_vol")).findFirst().orElseThrow());
    String head = lines.get(header);
    String row = lines.get(header + 1);
    assertThat(row).startsWith("BBBBBBBB");
    assertThat(lines).noneMatch(s -> s.startsWith("AAA"));
    // right-aligned "rows" column: the count ends where the header word ends
    assertThat(row.charAt(head.indexOf("rows") + 3)).isEqualTo('2');
    assertThat(text).contains("zero volume").contains("masked").contains("REFUSED");
  }

  @Test
  void toMap_isPlainNestedMapsWithSnakeCaseKeys() {
    Map<String, Object> m = check(List.of(bar("AAA", 0, 0), bar("AAA", 1, 1))).toMap();
    assertThat(m).containsEntry("loader_would_refuse", false).containsKeys("candles", "candle_coins",
        "defect_counts", "interval");
    assertThat(m).doesNotContainKey("funding");
    @SuppressWarnings("unchecked")
    Map<String, Object> c = ((List<Map<String, Object>>) m.get("candle_coins")).get(0);
    assertThat(c).containsEntry("coin", "AAA").containsEntry("zero_volume_bars", 1)
        .containsEntry("first_traded", Instant.ofEpochMilli(T0 + STEP).toString())
        .doesNotContainKey("largest_gap_from");
    @SuppressWarnings("unchecked")
    Map<String, Object> d = ((List<Map<String, Object>>) m.get("defect_counts")).get(1);
    assertThat(d).containsEntry("defect", "ZERO_VOLUME").containsEntry("handling", "MASKED");
  }

  @Test
  void checkDir_withoutFundingFile_validatesCandlesOnly(@TempDir Path dir) {
    List<Row> rows = List.of(bar("AAA", 0, 0), bar("AAA", 1, 1));
    ParquetIo.write(Lake.candlesFile(dir, IV), candles(rows));
    ValidationReport r = DataValidator.check(dir, IV);
    assertThat(r.funding()).isEmpty();
    assertThat(r.candles().name()).endsWith("candles_4h.parquet");
    assertThat(r.count(Defect.ZERO_VOLUME)).isEqualTo(1);
  }

  @Test
  void checkDir_missingDirOrFile_throwsDataExceptionNamingPath(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> DataValidator.check(missing, IV)).isInstanceOf(DataException.class)
        .hasMessageContaining(missing.toString());
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> DataValidator.check(dir.resolve("empty"), IV)).isInstanceOf(DataException.class)
        .hasMessageContaining("candles_4h.parquet");
  }

  @Test
  void check_realHyperliquid4hAndFunding_findsTheDocumentedDefects() {
    Path data = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    ValidationReport r = DataValidator.check(data, BarInterval.H4);
    // Expected values computed once with pandas 2 / pyarrow over ../shared/data/hyperliquid
    // (pd.read_parquet, group by coin; see the definitions in ValidationReport).
    assertThat(r.candles().rows()).isEqualTo(571_002);
    assertThat(r.candles().coins()).isEqualTo(186);
    assertThat(r.candles().first()).contains(Instant.parse("2022-11-30T04:00:00Z"));
    assertThat(r.candles().last()).contains(Instant.parse("2025-07-26T00:00:00Z"));

    // zero-volume back-fill: BTC's first traded 4h bar opens 2023-02-26 16:00, the back-fill ends the bar before
    CandleCoin btc = coin(r, "BTC");
    assertThat(btc.firstTraded()).contains(Instant.parse("2023-02-26T16:00:00Z"));
    assertThat(btc.backfillEnd()).contains(Instant.parse("2023-02-26T12:00:00Z"));
    assertThat(btc.backfillBars()).isEqualTo(531);
    assertThat(btc.zeroVolumeBars()).isEqualTo(533); // plus two isolated zero-volume bars after listing
    assertThat(btc.lastZeroVolume()).contains(Instant.parse("2023-06-13T04:00:00Z"));
    assertThat(r.count(Defect.ZERO_VOLUME)).isEqualTo(58_662);
    assertThat(r.coinsWith(Defect.ZERO_VOLUME)).isEqualTo(106);
    assertThat(r.candleCoins().stream().mapToLong(CandleCoin::backfillBars).sum()).isEqualTo(56_705);

    // 61 OHLC violations, all on zero-volume back-filled bars (HPOS 48, RLB 13)
    assertThat(r.count(Defect.OHLC_INCONSISTENT)).isEqualTo(61);
    assertThat(r.candleCoins().stream().mapToLong(CandleCoin::ohlcViolationsOnZeroVolume).sum()).isEqualTo(61);
    assertThat(coin(r, "HPOS").ohlcViolations()).isEqualTo(48);
    assertThat(coin(r, "RLB").ohlcViolations()).isEqualTo(13);

    // listing and delisting
    assertThat(r.count(Defect.LATE_LISTING)).isEqualTo(173);
    assertThat(r.candleCoins().stream().filter(c -> c.firstOpen().equals(Instant.parse("2025-03-29T00:00:00Z"))))
        .hasSize(12);
    List<CandleCoin> gone = r.candleCoins().stream().filter(CandleCoin::delisted).toList();
    assertThat(gone).extracting(CandleCoin::coin).containsExactly("AI", "BADGER", "BNT", "CATI", "CYBER", "HPOS",
        "ILV", "LISTA", "NTRN", "ORBS", "PIXEL", "RDNT", "RLB");
    assertThat(gone).allSatisfy(c -> assertThat(c.lastOpen().toString()).startsWith("2025-04-"));

    // nothing the loader refuses; no gaps, duplicates, unsorted or off-grid rows
    for (Defect d : List.of(Defect.GAP, Defect.DUPLICATE_TIME, Defect.UNSORTED_TIME, Defect.NON_CONTIGUOUS_COIN,
        Defect.OFF_GRID_TIME, Defect.NON_FINITE_PRICE, Defect.NEGATIVE_VOLUME, Defect.NON_FINITE_VOLUME)) {
      assertThat(r.count(d)).as(d.name()).isZero();
    }
    assertThat(r.loaderWouldRefuse()).isFalse();

    // funding
    assertThat(r.funding().orElseThrow().rows()).isEqualTo(2_028_519);
    assertThat(r.funding().orElseThrow().coins()).isEqualTo(186);
    assertThat(r.count(Defect.FUNDING_OFF_HOUR)).isEqualTo(2_010_319); // ms offsets: almost every row
    assertThat(r.coinsWith(Defect.FUNDING_OFF_HOUR)).isEqualTo(186);
    assertThat(r.count(Defect.FUNDING_LATE)).isEqualTo(310); // >= 60 s late: 41 at 1-2 min, 78 at 3-5 min, ...
    assertThat(r.fundingCoins().stream().mapToLong(FundingCoin::lateRows10Min).sum()).isEqualTo(191); // 10-24 min
    assertThat(r.fundingCoins().stream().mapToLong(FundingCoin::maxOffsetMs).max()).hasValue(1_433_040); // 23m53s
    assertThat(r.count(Defect.FUNDING_SAME_HOUR)).isZero();
    assertThat(r.fundingHourlyFrom()).contains(Instant.parse("2023-06-08T00:00:00Z"));
    assertThat(r.fundingCoin("BTC").orElseThrow().cadence()).isEqualTo(Cadence.EIGHT_THEN_HOURLY);
    assertThat(r.fundingCoins().stream().filter(c -> c.cadence() == Cadence.EIGHT_THEN_HOURLY)).hasSize(21);
    assertThat(r.fundingCoins().stream().filter(c -> c.cadence() == Cadence.HOURLY)).hasSize(165);
    assertThat(r.count(Defect.FUNDING_GAP)).isEqualTo(177); // 3 one-hour gaps shared by the coins listed then
    assertThat(r.coinsWith(Defect.FUNDING_GAP)).isEqualTo(118);
    assertThat(r.count(Defect.FUNDING_IRREGULAR_STEP)).isZero();
    assertThat(r.count(Defect.FUNDING_NON_FINITE)).isZero();
    assertThat(r.fundingCoinsWithoutCandles()).isEmpty();
    assertThat(r.candleCoinsWithoutFunding()).isEmpty();
    assertThat(r.format()).contains("8-hourly until 2023-06-08 00:00").contains("loads");
    assertThat(Optional.of(r.interval())).contains(BarInterval.H4);
  }

  /** The loader's refusals of issue 13 are reported as REFUSED defects, and the verdict agrees with the loader. */
  @Test
  void check_nonPositivePriceImplausibleAndStrayTimes_reportedAsRefused() {
    List<Row> zeroClose = new ArrayList<>(clean("AAA", 6));
    zeroClose.set(2, bar("AAA", 2, 10, 12, 9, 0, 5));
    List<Row> zeroCloseUntraded = new ArrayList<>(clean("AAA", 6));
    zeroCloseUntraded.set(2, bar("AAA", 2, 10, 12, 9, 0, 0));
    List<Row> seconds = new ArrayList<>();
    for (Row r : clean("AAA", 6)) {
      seconds.add(new Row(r.coin(), r.openMs() / 1000 / STEP * STEP, r.o(), r.h(), r.l(), r.c(), r.v()));
    }
    List<Row> stray = new ArrayList<>(clean("AAA", 300));
    stray.add(new Row("AAA", Instant.parse("2099-12-31T20:00:00Z").toEpochMilli(), 10, 12, 9, 11, 1));

    ValidationReport r1 = check(zeroClose);
    ValidationReport r2 = check(zeroCloseUntraded);
    ValidationReport r3 = check(seconds);
    ValidationReport r4 = check(stray);

    assertThat(r1.count(Defect.NON_POSITIVE_PRICE)).isEqualTo(1);
    assertThat(r2.count(Defect.NON_POSITIVE_PRICE)).isZero();
    assertThat(r3.count(Defect.IMPLAUSIBLE_TIME)).isEqualTo(6);
    assertThat(r4.count(Defect.STRAY_TIME)).isEqualTo(1);
    assertThat(r1.loaderWouldRefuse()).isTrue();
    assertThat(r2.loaderWouldRefuse()).isFalse();
    assertThat(r4.loaderWouldRefuse()).isTrue();
    assertLoaderAgrees(r1, candles(zeroClose), null);
    assertLoaderAgrees(r2, candles(zeroCloseUntraded), null);
    assertLoaderAgrees(r3, candles(seconds), null);
    assertLoaderAgrees(r4, candles(stray), null);
    long[] ft = {T0 / 1000, T0 / 1000 + 3600};
    ValidationReport r5 = DataValidator.check(candles(clean("AAA", 6)), "c", IV, funding(new String[] {"AAA", "AAA"},
        ft, new double[] {1e-5, 1e-5}), "f");
    assertThat(r5.count(Defect.FUNDING_IMPLAUSIBLE_TIME)).isEqualTo(2);
    assertLoaderAgrees(r5, candles(clean("AAA", 6)), funding(new String[] {"AAA", "AAA"}, ft,
        new double[] {1e-5, 1e-5}));
  }

  /**
   * Random small tables with every kind of defect (seeds 0..499, so reproducible): the validator never throws and
   * agrees with the loader.
   */
  @Test
  void check_randomTables_neverThrowsAndAgreesWithLoader() {
    for (long seed = 0; seed < 500; seed++) {
      checkRandomTable(seed);
    }
  }

  private static void checkRandomTable(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    int n = rnd.nextInt(25);
    for (int i = 0; i < n; i++) {
      String coin = "C" + rnd.nextInt(3);
      long t = T0 + rnd.nextInt(12) * STEP + (rnd.nextInt(20) == 0 ? 1_000 : 0);
      double o = pick(rnd, 10);
      double h = pick(rnd, 12);
      double l = pick(rnd, 9);
      double c = pick(rnd, 11);
      double v = switch (rnd.nextInt(8)) {
        case 0 -> 0.0;
        case 1 -> rnd.nextInt(10) == 0 ? -1.0 : 0.0;
        case 2 -> rnd.nextInt(10) == 0 ? Double.NaN : 0.0;
        default -> 1 + rnd.nextInt(5);
      };
      rows.add(new Row(coin, t, o, h, l, c, v));
    }
    int m = rnd.nextInt(10);
    String[] fc = new String[m];
    long[] ft = new long[m];
    double[] fr = new double[m];
    for (int i = 0; i < m; i++) {
      fc[i] = "C" + rnd.nextInt(4);
      ft[i] = T0 + rnd.nextInt(60) * H + (rnd.nextBoolean() ? rnd.nextInt(1_500_000) : 0);
      fr[i] = rnd.nextInt(30) == 0 ? Double.NaN : 1e-5 * rnd.nextGaussian();
    }
    Table candles = candles(rows);
    Table funding = funding(fc, ft, fr);
    ValidationReport r = DataValidator.check(candles, "c", IV, funding, "f");
    assertLoaderAgrees(r, candles, funding);
    assertThat(r.candles().rows()).isEqualTo(n);
    assertThat(r.funding().orElseThrow().rows()).isEqualTo(m);
    assertThat(r.candleCoins().stream().mapToInt(CandleCoin::rows).sum()).isEqualTo(n);
    for (CandleCoin c : r.candleCoins()) {
      assertThat(c.backfillBars()).isBetween(0, c.zeroVolumeBars());
      assertThat(c.ohlcViolationsOnZeroVolume()).isBetween(0, c.ohlcViolations());
    }
    for (FundingCoin f : r.fundingCoins()) {
      assertThat(f.lateRows10Min()).isBetween(0, f.lateRows());
      assertThat(f.lateRows()).isBetween(0, f.offHourRows());
    }
    assertThat(r.format()).isNotEmpty();
    assertThat(r.toMap()).isNotEmpty();
  }

  private static double pick(Random rnd, double typical) {
    return switch (rnd.nextInt(40)) {
      case 0 -> Double.NaN;
      case 1 -> Double.POSITIVE_INFINITY;
      default -> typical + rnd.nextGaussian();
    };
  }
}
