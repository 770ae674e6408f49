package io.slipstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.Panel;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Volume weights: the block-sum {@code vbar} against a direct NaN-skipping loop, the four weightings against their
 * formulas, normalisation to mean 1 per row, and the config names.
 */
class VolumeWeightsTest {
  @Test
  void meanHorizonVolume_smallExample_byHand() {
    // h = 2, P = 2: window of 4 rows, NaN skipped, rows before 0 ignored
    double[] v = {1, 3, Double.NaN, 5, 7, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2};
    Panel p = Panel.of(BarInterval.H4, 0, v.length, List.of("A"), v);

    double[] m = VolumeWeights.meanHorizonVolume(p, 2, 2).column(0);

    assertThat(m[0]).isEqualTo(2 * 1.0);
    assertThat(m[1]).isEqualTo(2 * 2.0);
    assertThat(m[2]).isEqualTo(2 * 2.0);
    assertThat(m[3]).isEqualTo(2 * 3.0);
    assertThat(m[4]).isEqualTo(2 * 5.0); // rows 1..4: 3, 5, 7
    assertThat(m[5]).isEqualTo(2 * 6.0); // rows 2..5: 5, 7
    assertThat(m[6]).isEqualTo(2 * 6.0); // rows 3..6: 5, 7
    assertThat(m[7]).isEqualTo(2 * 7.0); // rows 4..7: 7
    assertThat(m[8]).isNaN(); // rows 5..8: none
    assertThat(m[9]).isEqualTo(2 * 2.0);
  }

  @Property(tries = 200, seed = "42")
  void meanHorizonVolume_equalsDirectLoop(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 6) int h, @ForAll @IntRange(min = 1, max = 12) int periods) {
    Random rnd = new Random(seed);
    int rows = 1 + rnd.nextInt(200);
    double[] v = new double[rows * 2];
    double nanP = rnd.nextDouble() * 0.6;
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble() < nanP ? Double.NaN : Math.exp(rnd.nextGaussian() * 4);
    }
    Panel p = Panel.of(BarInterval.H1, 0, rows, List.of("A", "B"), v);

    Panel m = VolumeWeights.meanHorizonVolume(p, h, periods);

    int w = h * periods;
    for (int c = 0; c < 2; c++) {
      for (int s = 0; s < rows; s++) {
        double sum = 0;
        int n = 0;
        for (int u = Math.max(0, s - w + 1); u <= s; u++) {
          double x = v[c * rows + u];
          if (!Double.isNaN(x)) {
            sum += x;
            n++;
          }
        }
        double expected = n == 0 ? Double.NaN : h * (sum / n);
        if (n == 0) {
          assertThat(m.get(s, c)).isNaN();
        } else {
          assertThat(m.get(s, c)).isCloseTo(expected, within(1e-13 * expected));
        }
      }
    }
  }

  @Test
  void rawWeights_followTheFormulas() {
    double[] close = {10, 20, Double.NaN};
    double[] vol = {4, 16, 9};
    Panel c = Panel.of(BarInterval.H4, 0, 3, List.of("A"), close);
    Panel v = Panel.of(BarInterval.H4, 0, 3, List.of("A"), vol);
    // h = 1, P = 1: vbar = volume
    assertThat(VolumeWeights.rawWeights(c, v, 1, 1, VolumeWeighting.SQRT).column(0))
        .containsExactly(2, 4, 3);
    assertThat(VolumeWeights.rawWeights(c, v, 1, 1, VolumeWeighting.LOG).column(0))
        .containsExactly(Math.log1p(4), Math.log1p(16), Math.log1p(9));
    double[] d = VolumeWeights.rawWeights(c, v, 1, 1, VolumeWeighting.SQRT_DOLLAR).column(0);
    assertThat(d[0]).isEqualTo(Math.sqrt(40));
    assertThat(d[1]).isEqualTo(Math.sqrt(320));
    assertThat(d[2]).isNaN();
    assertThat(VolumeWeights.rawWeights(c, v, 1, 1, VolumeWeighting.NONE).column(0)).containsExactly(1, 1, 1);
  }

  @Property(tries = 200, seed = "7")
  void normalise_hasMeanOnePerRow(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    double[] raw = new double[1 + rnd.nextInt(200)];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.exp(rnd.nextGaussian() * 5);
    }
    double[] w = VolumeWeights.normalise(raw);
    double mean = 0;
    for (double x : w) {
      mean += x / w.length;
    }
    assertThat(mean).isCloseTo(1.0, within(1e-12));
    for (int i = 1; i < raw.length; i++) {
      assertThat(w[i] / w[0]).isCloseTo(raw[i] / raw[0], within(1e-12 * raw[i] / raw[0]));
    }
  }

  @Test
  void pipelineObservations_areReturnsTimesWeightsOfMeanOnePerRow() {
    // rebuild the observations of one model from the raw weights, scaled to mean 1 per row over the set, and
    // check that the kernel gives the model's PCA from them
    var data = Fixtures.pipelineInput();
    PcaConfig cfg = new PcaConfig(8, 10, VolumeWeighting.SQRT_DOLLAR, 5, 2, 1e-10);
    FactorHistory h = FactorPipeline.run(data, cfg);
    FactorModel m = h.models().get(40);
    Panel raw = VolumeWeights.rawWeights(data.close(), data.volume(), 2, 5, VolumeWeighting.SQRT_DOLLAR);
    int window = h.windowObservations();
    int n = m.size();
    double[] x = new double[window * n];
    for (int j = 0; j < window; j++) {
      int s = m.estimationRow() - window + 1 + j;
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += raw.get(s, m.columns()[k]);
      }
      double mean = 0;
      for (int k = 0; k < n; k++) {
        double w = raw.get(s, m.columns()[k]) / (sum / n);
        mean += w / n;
        x[j * n + k] = w * h.horizonLogReturns().get(s, m.columns()[k]);
      }
      assertThat(mean).isCloseTo(1, within(1e-12));
    }
    PcaResult direct = new PcaFactorEstimator(cfg).estimate(x, window, n, m.coins());
    for (int f = 0; f < 2; f++) {
      assertThat(m.loadings(f)).containsExactly(direct.loadings(f), within(1e-12));
      assertThat(m.eigenvalue(f)).isCloseTo(direct.eigenvalue(f), within(1e-12 * direct.eigenvalue(f)));
    }
  }

  @Test
  void normalise_badInput_throws() {
    assertThatThrownBy(() -> VolumeWeights.normalise(new double[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VolumeWeights.normalise(new double[] {1, Double.NaN}))
        .isInstanceOf(DataException.class).hasMessageContaining("weight 1").hasMessageContaining("NaN");
    assertThatThrownBy(() -> VolumeWeights.normalise(new double[] {0, 0}))
        .isInstanceOf(DataException.class).hasMessageContaining("mean 0");
  }

  @Test
  void volumeWeighting_ofConfigNames_andUnknownNameThrows() {
    assertThat(VolumeWeighting.of("none")).isEqualTo(VolumeWeighting.NONE);
    assertThat(VolumeWeighting.of("sqrt")).isEqualTo(VolumeWeighting.SQRT);
    assertThat(VolumeWeighting.of("log")).isEqualTo(VolumeWeighting.LOG);
    assertThat(VolumeWeighting.of(" SQRT_Dollar ")).isEqualTo(VolumeWeighting.SQRT_DOLLAR);
    assertThatThrownBy(() -> VolumeWeighting.of("cube")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'cube'").hasMessageContaining("sqrt_dollar");
    assertThatThrownBy(() -> VolumeWeighting.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pcaConfig_defaultsAndValidation() {
    PcaConfig c = PcaConfig.of(24);
    assertThat(c).isEqualTo(new PcaConfig(24, 30, VolumeWeighting.SQRT, 60, 3, 1e-10));
    assertThat(c.horizonBars(BarInterval.H4)).isEqualTo(6);
    assertThat(c.windowObservations(BarInterval.H1)).isEqualTo(720);
    assertThatThrownBy(() -> PcaConfig.of(0)).hasMessageContaining("horizonHours").hasMessageContaining("was 0");
    assertThatThrownBy(() -> c.withLookbackPeriods(0)).hasMessageContaining("lookbackPeriods");
    assertThatThrownBy(() -> c.withNFactors(0)).hasMessageContaining("nFactors");
    assertThatThrownBy(() -> c.withVolumeWindowPeriods(-1)).hasMessageContaining("volumeWindowPeriods");
    assertThatThrownBy(() -> c.withRidge(Double.NaN)).hasMessageContaining("ridge");
    assertThatThrownBy(() -> c.withWeighting(null)).hasMessageContaining("weighting");
    assertThatThrownBy(() -> PcaConfig.of(6).horizonBars(BarInterval.H4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizonHours").hasMessageContaining("6");
  }
}
