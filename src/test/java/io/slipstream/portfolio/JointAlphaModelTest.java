package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.factor.FactorHistory;
import io.slipstream.factor.FactorModel;
import io.slipstream.factor.FactorPipeline;
import io.slipstream.factor.PcaConfig;
import io.slipstream.factor.VolumeWeighting;
import io.slipstream.portfolio.JointAlphaModel.Snapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The joint alpha + funding engine on the real 4h data (first 2,400 bars, 2022-11-30 .. 2024-01, H = 24h): realised
 * values wired to the right factor model and funding rows, training only on matured samples, and no look-ahead
 * (truncating the data right after a decision row leaves the snapshot there bit-identical).
 */
class JointAlphaModelTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final JointAlphaConfig CFG = new JointAlphaConfig(24, List.of(2, 4, 8, 16), List.of(1, 4), 20, 1.0,
      30);
  private static MarketData data;

  @BeforeAll
  static void load() {
    data = Lake.load(DATA, BarInterval.H4, true).sliceRows(0, 2400);
  }

  private static PcaConfig pca() {
    return new PcaConfig(24, 30, VolumeWeighting.SQRT_DOLLAR, 60, 3, 1e-10);
  }

  private static Snapshot snapshotAt(MarketData md, int row) {
    FactorHistory f = FactorPipeline.run(md, pca());
    return new JointAlphaModel(CFG, md, f).advanceTo(row).orElseThrow();
  }

  @Test
  void realisedValues_useTheModelInForceWhenThePeriodBegan() {
    FactorHistory f = FactorPipeline.run(data, pca());
    JointAlphaModel model = new JointAlphaModel(CFG, data, f);
    int[] grid = model.gridRows();
    int g = grid[grid.length - 5];
    Snapshot s = model.advanceTo(g).orElseThrow();
    int prev = g - 6;
    FactorModel m = f.modelAt(prev).orElseThrow();
    double[] r = f.horizonLogReturns().row(g);
    // R_m from the definition, over the coins of the set with a finite return
    double num = 0;
    double den = 0;
    for (int c : m.columns()) {
      if (Double.isFinite(r[c])) {
        double l = m.loading(0, m.coins().indexOf(data.coins().get(c)));
        num += l * r[c];
        den += l * l;
      }
    }
    double rm = num / Math.sqrt(den);
    int checked = 0;
    for (int c = 0; c < data.coins().size(); c++) {
      double beta = m.betaOfColumn(c);
      if (Double.isFinite(beta) && Double.isFinite(r[c])) {
        assertThat(s.realisedResidual()[c]).isCloseTo(r[c] - beta * rm, within(1e-12));
        double fs = 0;
        for (int t = prev + 1; t <= g; t++) {
          fs += data.funding().get(t, c);
        }
        assertThat(s.realisedFunding()[c]).isCloseTo(fs, within(1e-15));
        checked++;
      } else if (!Double.isFinite(r[c])) {
        assertThat(s.realisedResidual()[c]).isNaN();
        assertThat(s.realisedFunding()[c]).isNaN();
      }
    }
    assertThat(checked).isGreaterThan(50);
    assertThat(s.fitted()).isTrue();
    assertThat(s.trainSamples()).isGreaterThan(1000);
  }

  @Test
  void noForecastBeforeTheMinimumTraining_thenForecastsForMostCoins() {
    FactorHistory f = FactorPipeline.run(data, pca());
    JointAlphaModel model = new JointAlphaModel(CFG, data, f);
    boolean sawUnfitted = false;
    Snapshot last = null;
    for (int g : model.gridRows()) {
      Snapshot s = model.advanceTo(g).orElseThrow();
      if (!s.fitted()) {
        sawUnfitted = true;
        for (double a : s.alphaPrice()) {
          assertThat(a).isNaN();
        }
      }
      last = s;
    }
    assertThat(sawUnfitted).isTrue();
    long forecasts = java.util.Arrays.stream(last.alphaPrice()).filter(Double::isFinite).count();
    assertThat(forecasts).isGreaterThan(50);
    assertThat(java.util.Arrays.stream(last.fundingForecast()).filter(Double::isFinite).count()).isEqualTo(forecasts);
  }

  @Test
  void noLookAhead_truncatingAfterTheDecisionRowChangesNothing() {
    FactorHistory f = FactorPipeline.run(data, pca());
    JointAlphaModel full = new JointAlphaModel(CFG, data, f);
    int[] grid = full.gridRows();
    for (int g : new int[] {grid[grid.length * 3 / 4], grid[grid.length - 2]}) {
      Snapshot a = full.advanceTo(g).orElseThrow();
      Snapshot b = snapshotAt(data.sliceRows(0, g + 1), g);
      assertThat(a.fitted()).isTrue();
      assertThat(bits(b.alphaPrice())).containsExactly(bits(a.alphaPrice()));
      assertThat(bits(b.fundingForecast())).containsExactly(bits(a.fundingForecast()));
      assertThat(bits(b.realisedResidual())).containsExactly(bits(a.realisedResidual()));
      assertThat(b.trainSamples()).isEqualTo(a.trainSamples());
    }
  }

  private static long[] bits(double[] x) {
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Double.doubleToLongBits(x[i]);
    }
    return out;
  }
}
