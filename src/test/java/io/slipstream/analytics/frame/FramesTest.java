package io.slipstream.analytics.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FramesTest {
  private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
  private static final double NaN = Double.NaN;

  /** 3 bars x 2 coins, column major: A = [1, NaN, 3], B = [NaN, NaN, 6]. */
  private static Panel tiny(double scale) {
    return Panel.of(BarInterval.H4, T0, 3, List.of("A", "B"),
        new double[] {1 * scale, NaN, 3 * scale, NaN, NaN, 6 * scale});
  }

  private static Path data() {
    return Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  }

  @Test
  void wide_tinyPanel_closeTimesAndColumnsRoundTrip() {
    Panel p = tiny(1);
    Table t = Frames.wide("close", p);
    assertThat(t.columnNames()).containsExactly("time", "A", "B");
    // the time column is the bar's close: open + 4h
    assertThat(t.instantColumn("time").get(0)).isEqualTo(Instant.ofEpochMilli(T0 + 4 * 3_600_000L));
    assertThat(t.doubleColumn("A").asDoubleArray()).containsExactly(1, NaN, 3);
    assertThat(t.doubleColumn("B").countMissing()).isEqualTo(2);
    Panel back = Frames.toPanel(t, BarInterval.H4);
    assertThat(back.firstOpenMs()).isEqualTo(T0);
    assertThat(back.coins()).isEqualTo(p.coins());
    assertThat(back.toColumnMajor()).containsExactly(p.toColumnMajor());
  }

  @Test
  void toPanel_gapInTimes_namesTheRow() {
    Table t = Frames.wide("close", tiny(1));
    Table gappy = t.dropRows(1);
    assertThatThrownBy(() -> Frames.toPanel(gappy, BarInterval.H4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1");
  }

  @Test
  void tidy_dropsRowsWhereEveryValueIsNaN_keepsPartialRows() {
    Map<String, Panel> m = new LinkedHashMap<>();
    m.put("close", tiny(1));
    m.put("volume", tiny(10));
    Table t = Frames.tidy(m);
    // A: bars 0 and 2; B: bar 2 only
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(t.stringColumn("coin").asList()).containsExactly("A", "A", "B");
    assertThat(t.doubleColumn("volume").asDoubleArray()).containsExactly(10, 30, 60);
    // pandas-style group-by over the long table: mean close per coin
    Table byCoin = t.summarize("close", tech.tablesaw.aggregate.AggregateFunctions.mean).by("coin");
    assertThat(byCoin.doubleColumn(1).asDoubleArray()).containsExactly(2, 6);
  }

  @Test
  void tidy_panelsOnDifferentGrids_rejected() {
    Map<String, Panel> m = new LinkedHashMap<>();
    m.put("a", tiny(1));
    m.put("b", Panel.of(BarInterval.H4, T0 + 1, 3, List.of("A", "B"), new double[6]));
    assertThatThrownBy(() -> Frames.tidy(m)).hasMessageContaining("panel 'b'");
  }

  @Test
  void frameHtml_longTable_headTailAndShapeLikePandas() {
    double[] x = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    Table t = Table.create("t", DoubleColumn.create("x", x), StringColumn.create("s", new String[100]));
    String html = FrameHtml.of(t);
    assertThat(html).contains("<th>0</th>", "<th>4</th>", "<th>95</th>", "<th>99</th>", "…")
        .doesNotContain("<th>5</th>", "<th>94</th>").contains("100 rows × 2 columns");
    assertThat(html).contains(">4.000000<").contains(">NaN<");
    // short tables are shown whole
    String small = FrameHtml.of(t.first(3));
    assertThat(small).contains("<th>2</th>").doesNotContain("…").contains("3 rows × 2 columns");
  }

  @Test
  void frameHtml_wideTable_firstAndLastColumns() {
    Table t = Table.create("w");
    for (int j = 0; j < 30; j++) {
      t.addColumns(DoubleColumn.create("c" + j, new double[] {j}));
    }
    String html = FrameHtml.of(t);
    assertThat(html).contains(">c0<", ">c9<", ">c20<", ">c29<").doesNotContain(">c10<", ">c19<")
        .contains("1 rows × 30 columns");
  }

  @Test
  void lakeSql_dollarVolumeByCoin_equalsTheRawFile() {
    Path data = data();
    io.slipstream.data.Table raw = Lake.readCandles(Lake.candlesFile(data, BarInterval.H4));
    String[] coins = raw.strings("coin");
    double[] close = raw.doubles("close");
    double[] volume = raw.doubles("volume");
    Map<String, double[]> sums = new HashMap<>();
    for (int i = 0; i < coins.length; i++) {
      double[] s = sums.computeIfAbsent(coins[i], k -> new double[2]);
      s[0] += close[i] * volume[i];
      s[1]++;
    }
    Table t = LakeSql.query(data, "SELECT coin, avg(close * volume) AS dv, count(*) AS n, min(open_time) AS first "
        + "FROM 'candles_4h.parquet' GROUP BY coin ORDER BY coin");
    assertThat(t.rowCount()).isEqualTo(sums.size());
    assertThat(t.column("n").type().name()).isEqualTo("LONG");
    for (int r = 0; r < t.rowCount(); r++) {
      double[] s = sums.get(t.stringColumn("coin").get(r));
      assertThat(t.longColumn("n").get(r)).isEqualTo((long) s[1]);
      assertThat(t.doubleColumn("dv").get(r)).isCloseTo(s[0] / s[1], org.assertj.core.data.Percentage.withPercentage(1e-9));
    }
    long btcFirst = Long.MAX_VALUE;
    long[] open = raw.timestamps("open_time");
    for (int i = 0; i < coins.length; i++) {
      if (coins[i].equals("BTC")) {
        btcFirst = Math.min(btcFirst, open[i]);
      }
    }
    int btc = t.stringColumn("coin").indexOf("BTC");
    assertThat(t.instantColumn("first").get(btc)).isEqualTo(Instant.ofEpochMilli(btcFirst));
  }

  @Test
  void lakeSql_badSqlAndMissingFolder_clearErrors() {
    assertThatThrownBy(() -> LakeSql.query(data(), "SELECT nope FROM 'candles_4h.parquet'"))
        .isInstanceOf(DataException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> LakeSql.open(Path.of("no/such/lake"))).isInstanceOf(DataException.class)
        .hasMessageContaining("no/such/lake");
  }

  @Test
  void candlesAndCache_realData_oneLoadAndTradedBarsOnly() {
    MarketData a = LakeCache.load(data(), BarInterval.H4, true);
    MarketData b = LakeCache.load(data(), BarInterval.H4, true);
    assertThat(b).isSameAs(a);
    Table c = Frames.candles(a);
    assertThat(c.columnNames()).containsExactly("time", "coin", "open", "high", "low", "close", "volume", "funding");
    assertThat(c.doubleColumn("close").countMissing()).isZero();
    int btc = a.close().columnOf("BTC").orElseThrow();
    long traded = java.util.Arrays.stream(a.close().column(btc)).filter(v -> !Double.isNaN(v)).count();
    assertThat(c.where(c.stringColumn("coin").isEqualTo("BTC")).rowCount()).isEqualTo((int) traded);
  }
}
