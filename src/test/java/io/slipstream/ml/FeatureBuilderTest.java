package io.slipstream.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FeatureBuilder} on the real 1h lake (SOL and BTC), against the independent pandas reference
 * {@code tools/ml_features_reference.py} (golden files in {@code tools/golden/}): every feature within
 * {@code 1e-9} relative ({@code |a - b| <= 1e-9 max(|a|, |b|)}), NaN positions equal, close times equal.
 */
class FeatureBuilderTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final double REL_TOL = 1e-9;
  /** The rows the reference removes in its gaps case (see the script's docstring). */
  private static final int[] SOL_GAPS = {1000, 1001, 1002, 1200};
  private static final int[] BTC_GAPS = {1100};
  private static MarketData all;
  /** SOL and BTC only: cheap to slice for the causality property. */
  private static MarketData solBtc;
  private static FeatureMatrix sol;

  @BeforeContainer
  static void loadForJqwik() {
    load();
  }

  @BeforeAll
  static void loadForJupiter() {
    load();
  }

  private static synchronized void load() {
    if (all != null) {
      return;
    }
    all = Lake.load(DIR, BarInterval.H1, true);
    solBtc = keep(all, List.of("SOL", "BTC"));
    sol = FeatureBuilder.build(all, "SOL", FeatureConfig.DEFAULT);
  }

  // ---------------------------------------------------------------- golden files

  @Test
  void build_realSol1h_matchesPandasReference() {
    compareToGolden(sol, Path.of("tools/golden/ml_features_sol_1h.csv"), 1260);
  }

  @Test
  void build_withRemovedBars_matchesPandasReferenceNaNRules() {
    MarketData gapped = mask(mask(solBtc, "SOL", SOL_GAPS), "BTC", BTC_GAPS);
    FeatureMatrix m = FeatureBuilder.build(gapped, "SOL", FeatureConfig.DEFAULT);
    compareToGolden(m, Path.of("tools/golden/ml_features_sol_1h_gaps.csv"), 500);
    // no forward fill: a return with a missing endpoint is NaN (ret_4 from 999 to 1003 has both endpoints), windows
    // containing the gap are NaN, and so is the funding of a missing bar
    assertThat(m.get(1003, m.columnIndex("ret_1"))).isNaN();
    assertThat(m.get(1002, m.columnIndex("ret_4"))).isNaN();
    assertThat(m.get(1003, m.columnIndex("ret_4"))).isNotNaN();
    assertThat(m.get(1010, m.columnIndex("sma_ratio_10"))).isNaN();
    assertThat(m.get(1012, m.columnIndex("sma_ratio_10"))).isNotNaN();
    assertThat(m.get(1000, m.columnIndex("funding"))).isNaN();
    assertThat(m.get(1000, m.columnIndex("hour"))).isNotNaN();
    assertThat(m.get(1004, m.columnIndex("ret_1"))).isNotNaN();
    // BTC's gap touches only the BTC features
    assertThat(m.get(1100, m.columnIndex("btc_ret_1"))).isNaN();
    assertThat(m.get(1100, m.columnIndex("ret_1"))).isNotNaN();
  }

  private static void compareToGolden(FeatureMatrix m, Path file, int expectedRows) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> data = new ArrayList<>();
    for (String l : lines) {
      if (!l.startsWith("#")) {
        data.add(l);
      }
    }
    String[] header = data.get(0).split(",", -1);
    assertThat(List.of(header).subList(2, header.length)).isEqualTo(m.names());
    assertThat(data).hasSize(expectedRows + 1);
    int compared = 0;
    int valid = 0;
    for (String l : data.subList(1, data.size())) {
      String[] f = l.split(",", -1);
      int t = Integer.parseInt(f[0]);
      assertThat(m.closeTimeMs(t)).as("close time of row %d", t).isEqualTo(Long.parseLong(f[1]));
      for (int j = 0; j < m.columns(); j++) {
        double actual = m.get(t, j);
        String s = f[j + 2];
        if (s.isEmpty()) {
          assertThat(actual).as("%s row %d (reference NaN)", m.names().get(j), t).isNaN();
        } else {
          double expected = Double.parseDouble(s);
          assertThat(actual).as("%s row %d (reference %s)", m.names().get(j), t, s).isNotNaN();
          double tol = REL_TOL * Math.max(Math.abs(expected), Math.abs(actual));
          assertThat(Math.abs(actual - expected)).as("%s row %d: java %s vs reference %s", m.names().get(j), t,
              actual, s).isLessThanOrEqualTo(tol);
          valid++;
        }
        compared++;
      }
    }
    assertThat(compared).isEqualTo(expectedRows * m.columns());
    assertThat(valid).as("valid values compared").isGreaterThan(compared / 2);
  }

  // ---------------------------------------------------------------- causality

  /**
   * No look-ahead on the real data: truncating the data after row {@code t}, or perturbing every close, volume
   * and funding after it, leaves rows {@code <= t} bit for bit unchanged.
   */
  @Property(tries = 25)
  void build_truncatedOrPerturbedAfterT_rowsUpToTUnchanged(@ForAll @IntRange(min = 0, max = 8293) int t,
      @ForAll @DoubleRange(min = 0.5, max = 2.0) double factor) {
    FeatureMatrix full = FeatureBuilder.build(solBtc, "SOL", FeatureConfig.DEFAULT);
    FeatureMatrix cut = FeatureBuilder.build(solBtc.sliceRows(0, t + 1), "SOL", FeatureConfig.DEFAULT);
    assertThat(cut.rows()).isEqualTo(t + 1);
    assertRowsEqual(full, cut, t);
    FeatureMatrix perturbed = FeatureBuilder.build(perturbAfter(solBtc, t, factor), "SOL", FeatureConfig.DEFAULT);
    assertRowsEqual(full, perturbed, t);
  }

  /** Sanity of the property: perturbing the data at row t does change row t (the property can fail). */
  @Test
  void build_perturbedAtT_changesRowT() {
    int t = 3000;
    FeatureMatrix perturbed = FeatureBuilder.build(perturbAfter(solBtc, t - 1, 1.1), "SOL", FeatureConfig.DEFAULT);
    assertThat(perturbed.row(t)).isNotEqualTo(sol.row(t));
    assertRowsEqual(sol, perturbed, t - 1);
  }

  private static void assertRowsEqual(FeatureMatrix a, FeatureMatrix b, int lastRow) {
    assertThat(b.names()).isEqualTo(a.names());
    for (int r = 0; r <= lastRow; r++) {
      assertThat(b.closeTimeMs(r)).isEqualTo(a.closeTimeMs(r));
      for (int j = 0; j < a.columns(); j++) {
        assertThat(Double.doubleToLongBits(b.get(r, j))).as("%s row %d", a.names().get(j), r)
            .isEqualTo(Double.doubleToLongBits(a.get(r, j)));
      }
    }
  }

  // ---------------------------------------------------------------- shape, names, warm-up, errors

  @Test
  void build_rowsAreTheGridKeyedByCloseTime() {
    assertThat(sol.rows()).isEqualTo(all.rows());
    assertThat(sol.closeTimeMs(0)).isEqualTo(all.close().closeTimeMs(0));
    assertThat(sol.closeTimeMs(sol.rows() - 1)).isEqualTo(all.close().closeTimeMs(all.rows() - 1));
  }

  @Test
  void names_uniqueSnakeCaseAndAsConfigured() {
    assertThat(sol.names()).isEqualTo(FeatureConfig.DEFAULT.featureNames());
    assertThat(new HashSet<>(sol.names())).hasSize(sol.names().size());
    assertThat(sol.names()).allMatch(n -> n.matches("[a-z][a-z0-9_]*"));
    assertThat(sol.names()).contains("ret_1", "ret_4", "ret_24", "sma_ratio_10", "sma_ratio_50", "sma_ratio_200",
        "macd", "macd_signal", "macd_hist", "bb_pct_b", "bb_width", "rsi_14", "roc_10", "realised_vol_24",
        "ew_vol_24", "vol_z_24", "vol_z_168", "funding", "funding_chg", "funding_sum_24", "btc_ret_1",
        "btc_corr_168", "hour", "dow");
    assertThat(sol.columns()).isEqualTo(24);
  }

  /** SOL (and BTC) trade without gaps from their first bar s, so the first complete row is s + warmupBars (199). */
  @Test
  void completeRows_startAfterWarmUp() {
    double[] close = all.close().column(all.close().columnOf("SOL").getAsInt());
    int s = 0;
    while (Double.isNaN(close[s])) {
      s++;
    }
    assertThat(FeatureConfig.DEFAULT.warmupBars()).isEqualTo(199);
    int[] complete = sol.completeRows();
    assertThat(complete[0]).isEqualTo(s + 199);
    assertThat(complete.length).isGreaterThan(7000);
  }

  @Test
  void calendar_hourAndDayOfWeekOfOpenTime() {
    // 2025-01-06T00:00Z is a Monday: the bar opening then closes at 01:00
    long open = java.time.Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
    int t = all.close().lastRowClosedBy(open + 3_600_000L);
    assertThat(sol.closeTimeMs(t)).isEqualTo(open + 3_600_000L);
    assertThat(sol.get(t, sol.columnIndex("hour"))).isEqualTo(0.0);
    assertThat(sol.get(t, sol.columnIndex("dow"))).isEqualTo(1.0);
    assertThat(sol.get(t - 1, sol.columnIndex("hour"))).isEqualTo(23.0);
    assertThat(sol.get(t - 1, sol.columnIndex("dow"))).isEqualTo(7.0);
  }

  @Test
  void build_missingCoin_throwsNamingIt() {
    assertThatThrownBy(() -> FeatureBuilder.build(solBtc, "NOPE", FeatureConfig.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'NOPE'");
  }

  @Test
  void build_withoutBtc_throwsNamingBtc_unlessBtcFeaturesOff() {
    MarketData solOnly = keep(solBtc, List.of("SOL"));
    assertThatThrownBy(() -> FeatureBuilder.build(solOnly, "SOL", FeatureConfig.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'BTC'");
    FeatureConfig noBtc = FeatureConfig.DEFAULT.withBtcFeatures(false);
    assertThat(noBtc.withBtcFeatures(true)).isEqualTo(FeatureConfig.DEFAULT);
    FeatureMatrix m = FeatureBuilder.build(solOnly, "SOL", noBtc);
    assertThat(m.names()).doesNotContain("btc_ret_1", "btc_corr_168").hasSize(22);
    assertThat(m.column("rsi_14")).containsExactly(sol.column("rsi_14"));
  }

  @Test
  void build_nonPositiveClose_throwsDataExceptionNamingCoinAndRow() {
    Panel c = solBtc.close();
    double[] v = c.toColumnMajor();
    v[2000] = -1.0; // SOL is column 0
    MarketData bad = new MarketData(solBtc.open(), solBtc.high(), solBtc.low(), c.withValues(v), solBtc.volume(),
        solBtc.funding());
    assertThatThrownBy(() -> FeatureBuilder.build(bad, "SOL", FeatureConfig.DEFAULT))
        .isInstanceOf(DataException.class).hasMessageContaining("SOL").hasMessageContaining("row 2000");
  }

  @Test
  void config_badValues_throwNamingTheField() {
    FeatureConfig d = FeatureConfig.DEFAULT;
    assertThatThrownBy(() -> new FeatureConfig(List.of(1, 1), d.smaWindowsBars(), 12, 26, 9, 20, 2, 14, 10, 24, 24,
        d.volumeZWindowsBars(), 24, true, 168, true)).hasMessageContaining("returnHorizonsBars");
    assertThatThrownBy(() -> new FeatureConfig(d.returnHorizonsBars(), d.smaWindowsBars(), 26, 12, 9, 20, 2, 14, 10,
        24, 24, d.volumeZWindowsBars(), 24, true, 168, true)).hasMessageContaining("macdSlowSpanBars");
    assertThatThrownBy(() -> new FeatureConfig(d.returnHorizonsBars(), d.smaWindowsBars(), 12, 26, 9, 1, 2, 14, 10,
        24, 24, d.volumeZWindowsBars(), 24, true, 168, true)).hasMessageContaining("bollingerWindowBars");
    assertThatThrownBy(() -> new FeatureConfig(d.returnHorizonsBars(), d.smaWindowsBars(), 12, 26, 9, 20, -2, 14,
        10, 24, 24, d.volumeZWindowsBars(), 24, true, 168, true)).hasMessageContaining("bollingerWidthStd");
    assertThatThrownBy(() -> new FeatureConfig(d.returnHorizonsBars(), d.smaWindowsBars(), 12, 26, 9, 20, 2, 14, 10,
        24, 24, List.of(1), 24, true, 168, true)).hasMessageContaining("volumeZWindowsBars");
  }

  // ---------------------------------------------------------------- helpers

  private static MarketData keep(MarketData d, List<String> coins) {
    return new MarketData(keep(d.open(), coins), keep(d.high(), coins), keep(d.low(), coins),
        keep(d.close(), coins), keep(d.volume(), coins), keep(d.funding(), coins));
  }

  private static Panel keep(Panel p, List<String> coins) {
    double[] v = new double[p.rows() * coins.size()];
    for (int k = 0; k < coins.size(); k++) {
      System.arraycopy(p.column(p.columnOf(coins.get(k)).getAsInt()), 0, v, k * p.rows(), p.rows());
    }
    return Panel.of(p.interval(), p.firstOpenMs(), p.rows(), coins, v);
  }

  /** Removes the coin's bars at the given rows (prices and volume NaN, as {@code Lake} masks a missing bar). */
  private static MarketData mask(MarketData d, String coin, int[] rows) {
    return new MarketData(mask(d.open(), coin, rows), mask(d.high(), coin, rows), mask(d.low(), coin, rows),
        mask(d.close(), coin, rows), mask(d.volume(), coin, rows), d.funding());
  }

  private static Panel mask(Panel p, String coin, int[] rows) {
    double[] v = p.toColumnMajor();
    int c = p.columnOf(coin).getAsInt();
    for (int t : rows) {
      v[c * p.rows() + t] = Double.NaN;
    }
    return p.withValues(v);
  }

  /** Multiplies closes, volumes and funding of every coin after row {@code t} by {@code factor}. */
  private static MarketData perturbAfter(MarketData d, int t, double factor) {
    return new MarketData(d.open(), d.high(), d.low(), scaleAfter(d.close(), t, factor),
        scaleAfter(d.volume(), t, factor), scaleAfter(d.funding(), t, factor * 1.7));
  }

  private static Panel scaleAfter(Panel p, int t, double factor) {
    double[] v = p.toColumnMajor();
    for (int c = 0; c < p.columns(); c++) {
      for (int r = t + 1; r < p.rows(); r++) {
        v[c * p.rows() + r] *= factor;
      }
    }
    return p.withValues(v);
  }
}
