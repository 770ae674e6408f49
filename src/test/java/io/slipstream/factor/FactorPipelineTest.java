package io.slipstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on the synthetic panel of {@code tools/pca_reference.py} (8 coins, 240 4h bars with a late listing,
 * a one-bar gap, a zero-volume stretch, a delisting and an all-NaN row) against the numpy pipeline written from the
 * definitions with direct loops; plus the market-return formula, betas and residuals against a direct OLS
 * (Commons Math {@link SimpleRegression}), {@code modelAt}, estimation times and bad input.
 */
class FactorPipelineTest {
  private static final MarketData DATA = Fixtures.pipelineInput();

  private static PcaConfig config(VolumeWeighting w) {
    return new PcaConfig(8, 10, w, 5, 2, 1e-10);
  }

  /** Expected models of one weighting, by row. */
  private record Expected(List<String> coins, double[] eig, double[] ratio, double[][] loadings, double[] betas) {
  }

  private static Map<Integer, Expected> expected(String weighting, List<Integer> skipped, List<Integer> skippedN) {
    Map<Integer, List<String[]>> byRow = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    for (String l : Fixtures.lines("pipeline_expected.csv")) {
      if (l.startsWith("#") || l.startsWith("weighting")) {
        continue;
      }
      String[] f = l.split(",", -1);
      if (!f[0].equals(weighting)) {
        continue;
      }
      int row = Integer.parseInt(f[1]);
      if (f[3].equals("skipped")) {
        skipped.add(row);
        skippedN.add(Integer.parseInt(f[4]));
        continue;
      }
      if (!byRow.containsKey(row)) {
        order.add(row);
      }
      byRow.computeIfAbsent(row, k -> new ArrayList<>()).add(f);
    }
    Map<Integer, Expected> out = new java.util.LinkedHashMap<>();
    for (int row : order) {
      List<String> coins = null;
      double[] eig = new double[2];
      double[] ratio = new double[2];
      double[][] load = new double[2][];
      double[] betas = null;
      for (String[] f : byRow.get(row)) {
        int fct = Integer.parseInt(f[4]);
        switch (f[3]) {
          case "coins" -> coins = List.of(f[6].split(";"));
          case "eigenvalue" -> eig[fct] = Double.parseDouble(f[5]);
          case "ratio" -> ratio[fct] = Double.parseDouble(f[5]);
          case "loadings" -> load[fct] = Fixtures.parseList(f[6], ";");
          case "betas" -> betas = Fixtures.parseList(f[6], ";");
          default -> throw new IllegalStateException(f[3]);
        }
      }
      out.put(row, new Expected(coins, eig, ratio, load, betas));
    }
    return out;
  }

  private static int[] ints(java.util.Collection<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void run_sqrtAndSqrtDollar_matchNumpyPipelineModelByModel() {
    for (VolumeWeighting w : List.of(VolumeWeighting.SQRT, VolumeWeighting.SQRT_DOLLAR)) {
      List<Integer> skipped = new ArrayList<>();
      List<Integer> skippedN = new ArrayList<>();
      Map<Integer, Expected> exp = expected(w.configName(), skipped, skippedN);
      assertThat(exp).hasSizeGreaterThan(50);

      FactorHistory h = FactorPipeline.run(DATA, config(w));

      assertThat(h.estimationRows()).containsExactly(ints(exp.keySet()));
      assertThat(h.skippedRows()).containsExactly(ints(skipped));
      assertThat(h.skippedCoinCounts()).containsExactly(ints(skippedN));
      for (FactorModel m : h.models()) {
        Expected e = exp.get(m.estimationRow());
        assertThat(m.coins()).as("row %d", m.estimationRow()).isEqualTo(e.coins());
        assertThat(m.estimatedAtMs()).isEqualTo(DATA.close().closeTimeMs(m.estimationRow()));
        for (int f = 0; f < 2; f++) {
          assertThat(m.eigenvalue(f)).isCloseTo(e.eig()[f], within(1e-10 * e.eig()[f]));
          assertThat(m.explainedVarianceRatio(f)).isCloseTo(e.ratio()[f], within(1e-10));
          assertThat(m.loadings(f)).as("%s row %d factor %d", w, m.estimationRow(), f)
              .containsExactly(e.loadings()[f], within(1e-9));
        }
        for (int k = 0; k < m.size(); k++) {
          assertThat(m.beta(k)).isCloseTo(e.betas()[k], within(1e-9 * Math.max(1, Math.abs(e.betas()[k]))));
        }
      }
    }
  }

  @Test
  void run_listingGapAndDelisting_followTheDocumentedRule() {
    FactorHistory h = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT));
    int late = DATA.close().columnOf("LATE").getAsInt();
    int gappy = DATA.close().columnOf("GAPPY").getAsInt();
    int thin = DATA.close().columnOf("THIN").getAsInt();
    int dead = DATA.close().columnOf("DEAD").getAsInt();
    int window = h.windowObservations();
    int hb = h.horizonBars();
    assertThat(window).isEqualTo(20);
    for (FactorModel m : h.models()) {
      int t = m.estimationRow();
      // LATE lists at row 70: first finite r^H at 70 + h, complete window T rows later
      assertThat(m.indexOfColumn(late) >= 0).as("LATE at %d", t).isEqualTo(t >= 70 + hb + window - 1);
      // GAPPY misses row 130: r^H NaN at 130 and 130 + h
      assertThat(m.indexOfColumn(gappy) >= 0).as("GAPPY at %d", t)
          .isEqualTo(t < 130 || t >= 130 + hb + window);
      // THIN has no volume on rows 100..139 (valid closes): its vbar window (P*h = 10 rows) is empty on rows
      // 109..139, so its weight is NaN there
      assertThat(m.indexOfColumn(thin) >= 0).as("THIN at %d", t).isEqualTo(t < 109 || t >= 140 + window - 1);
      // DEAD delists at row 180: out from then on
      assertThat(m.indexOfColumn(dead) >= 0).as("DEAD at %d", t).isEqualTo(t < 180);
      assertThat(m.betaOfColumn(dead)).matches(b -> m.indexOfColumn(dead) >= 0 ? Double.isFinite(b) : Double.isNaN(b));
    }
    // the all-NaN row 200 empties every window that contains it: no models from 200 to 221
    for (int t = 200; t < 200 + window + hb; t++) {
      int row = t;
      assertThat(h.models()).noneMatch(m -> m.estimationRow() == row);
    }
    assertThat(h.modelAt(210).orElseThrow().estimationRow()).isEqualTo(198);
  }

  @Test
  void run_marketReturnBetasAndResiduals_matchDirectFormulasAndOls() {
    FactorHistory h = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT));
    Panel r = h.horizonLogReturns();
    int window = h.windowObservations();
    for (FactorModel m : List.of(h.models().get(0), h.models().get(30), h.models().get(h.models().size() - 1))) {
      int t = m.estimationRow();
      double[] l = m.loadings(0);
      SimpleRegression[] ols = new SimpleRegression[m.size()];
      for (int k = 0; k < m.size(); k++) {
        ols[k] = new SimpleRegression(true);
      }
      double[] rm = new double[window];
      for (int s = t - window + 1; s <= t; s++) {
        double[] row = r.row(s);
        double num = 0;
        double ss = 0;
        for (int k = 0; k < m.size(); k++) {
          num += l[k] * row[m.columns()[k]];
          ss += l[k] * l[k];
        }
        double expected = num / Math.sqrt(ss);
        double got = m.marketReturn(row);
        assertThat(got).isCloseTo(expected, within(1e-15));
        rm[s - (t - window + 1)] = got;
        for (int k = 0; k < m.size(); k++) {
          ols[k].addData(got, row[m.columns()[k]]);
        }
        double[] eps = m.residuals(row);
        for (int c = 0; c < row.length; c++) {
          int k = m.indexOfColumn(c);
          if (k < 0) {
            assertThat(eps[c]).isNaN();
          } else {
            assertThat(eps[c]).isCloseTo(row[c] - m.beta(k) * got, within(1e-15));
          }
        }
      }
      for (int k = 0; k < m.size(); k++) {
        assertThat(m.beta(k)).isCloseTo(ols[k].getSlope(), within(1e-9));
      }
      // residuals are uncorrelated with R_m over the window (OLS normal equation)
      for (int k = 0; k < m.size(); k++) {
        double meanE = 0;
        double meanM = 0;
        for (int j = 0; j < window; j++) {
          meanM += rm[j] / window;
          meanE += m.residuals(r.row(t - window + 1 + j))[m.columns()[k]] / window;
        }
        double cov = 0;
        for (int j = 0; j < window; j++) {
          cov += (m.residuals(r.row(t - window + 1 + j))[m.columns()[k]] - meanE) * (rm[j] - meanM);
        }
        assertThat(cov).isCloseTo(0, within(1e-15));
      }
    }
  }

  @Test
  void marketReturn_coinMissingAtTheRow_isLeftOutOfBothSums_andAllMissingIsNaN() {
    FactorHistory h = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT));
    FactorModel m = h.models().get(10);
    double[] l = m.loadings(0);
    double[] row = new double[DATA.close().columns()];
    java.util.Arrays.fill(row, Double.NaN);
    assertThat(m.marketReturn(row)).isNaN();
    int c0 = m.columns()[0];
    int c1 = m.columns()[1];
    row[c0] = 0.01;
    row[c1] = -0.02;
    assertThat(m.marketReturn(row)).isCloseTo((l[0] * 0.01 - l[1] * 0.02) / Math.hypot(l[0], l[1]), within(1e-16));
    assertThatThrownBy(() -> m.marketReturn(new double[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returnsByColumn");
  }

  @Test
  void run_estimationTimes_areMultiplesOfHWithAFullWindow_andModelAtIsTheLatestAtOrBefore() {
    FactorHistory h = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT));
    int[] rows = h.estimationRows();
    long[] times = h.estimationTimesMs();
    assertThat(rows[0]).isGreaterThanOrEqualTo(h.windowObservations() + h.horizonBars() - 1);
    for (int j = 0; j < rows.length; j++) {
      assertThat(times[j] % (8 * 3_600_000L)).isZero();
      assertThat(times[j]).isEqualTo(DATA.close().closeTimeMs(rows[j]));
    }
    assertThat(h.modelAt(rows[0] - 1)).isEmpty();
    assertThat(h.modelAt(rows[0]).orElseThrow().estimationRow()).isEqualTo(rows[0]);
    assertThat(h.modelAt(rows[0] + 1).orElseThrow().estimationRow()).isEqualTo(rows[0]);
    assertThat(h.modelAt(10_000).orElseThrow().estimationRow()).isEqualTo(rows[rows.length - 1]);
  }

  @Test
  void run_restrictedToAWindow_givesTheSameModels() {
    FactorHistory all = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT));
    long from = all.estimationTimesMs()[20];
    long to = all.estimationTimesMs()[40];

    FactorHistory part = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT), from, to);

    assertThat(part.models()).hasSize(20);
    for (int j = 0; j < 20; j++) {
      FactorModel a = all.models().get(21 + j);
      FactorModel b = part.models().get(j);
      assertThat(b.estimationRow()).isEqualTo(a.estimationRow());
      assertThat(b.loadings(0)).containsExactly(a.loadings(0));
      assertThat(b.betas()).containsExactly(a.betas());
    }
  }

  @Test
  void outOfSampleFactorReturns_useModelJOnTheReturnsToTheNextEstimation() {
    FactorHistory h = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT));
    int[] rows = h.estimationRows();
    for (int f = 0; f < 2; f++) {
      double[] oos = h.outOfSampleFactorReturns(f);
      assertThat(oos).hasSize(rows.length - 1);
      for (int j : new int[] {0, 5, rows.length - 2}) {
        double[] r = new double[DATA.close().columns()];
        for (int c = 0; c < r.length; c++) {
          r[c] = Math.log(DATA.close().get(rows[j + 1], c) / DATA.close().get(rows[j], c));
        }
        assertThat(oos[j]).isEqualTo(h.models().get(j).factorReturn(f, r));
        assertThat(oos[j]).isFinite();
      }
    }
  }

  @Test
  void marketAndResidualReturns_useTheModelKnownAtEachRow() {
    FactorHistory h = FactorPipeline.run(DATA, config(VolumeWeighting.SQRT));
    double[] rm = h.marketReturns();
    Panel eps = h.residualReturns();
    int first = h.estimationRows()[0];
    assertThat(rm[first - 1]).isNaN();
    for (int s : new int[] {first, first + 1, 150, 239}) {
      FactorModel m = h.modelAt(s).orElseThrow();
      double[] row = h.horizonLogReturns().row(s);
      assertThat(rm[s]).isEqualTo(m.marketReturn(row));
      assertThat(eps.row(s)).containsExactly(m.residuals(row));
    }
  }

  @Test
  void weightingNone_usesRawReturns() {
    FactorHistory h = FactorPipeline.run(DATA, config(VolumeWeighting.NONE));
    FactorModel m = h.models().get(0);
    int t = m.estimationRow();
    int window = h.windowObservations();
    double[] x = new double[window * m.size()];
    for (int j = 0; j < window; j++) {
      for (int k = 0; k < m.size(); k++) {
        x[j * m.size() + k] = h.horizonLogReturns().get(t - window + 1 + j, m.columns()[k]);
      }
    }
    PcaResult direct = new PcaFactorEstimator(config(VolumeWeighting.NONE)).estimate(x, window, m.size(), m.coins());
    assertThat(m.loadings(0)).containsExactly(direct.loadings(0));
    assertThat(m.eigenvalue(1)).isEqualTo(direct.eigenvalue(1));
  }

  @Test
  void run_horizonNotMultipleOfInterval_throwsNamingHorizonHours() {
    assertThatThrownBy(() -> FactorPipeline.run(DATA, PcaConfig.of(6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizonHours")
        .hasMessageContaining("4h").hasMessageContaining("was 6");
  }

  @Test
  void run_windowShorterThanFactors_throwsNamingLookback() {
    assertThatThrownBy(() -> FactorPipeline.run(DATA, new PcaConfig(4, 2, VolumeWeighting.SQRT, 5, 3, 1e-10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lookbackPeriods");
  }

  @Test
  void run_panelShorterThanTheWindow_hasNoModels() {
    FactorHistory h = FactorPipeline.run(DATA.sliceRows(0, 15), config(VolumeWeighting.SQRT));
    assertThat(h.models()).isEmpty();
    assertThat(h.modelAt(14)).isEmpty();
    assertThat(h.outOfSampleFactorReturns(0)).isEmpty();
  }

  @Test
  void horizonLogReturns_isLogOfCloseRatioHBarsApart() {
    Panel c = Panel.of(BarInterval.H4, 0, 5, List.of("A"), new double[] {1, 2, Double.NaN, 8, 16});
    Panel r = FactorPipeline.horizonLogReturns(c, 2);
    assertThat(r.column(0)[0]).isNaN();
    assertThat(r.column(0)[1]).isNaN();
    assertThat(r.column(0)[2]).isNaN();
    assertThat(r.column(0)[3]).isCloseTo(Math.log(4), within(1e-15));
    assertThat(r.column(0)[4]).isNaN();
  }
}
