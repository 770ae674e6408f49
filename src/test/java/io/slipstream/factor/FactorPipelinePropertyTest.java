package io.slipstream.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * No look-ahead (jqwik, seeded random panels with listings, gaps, zero-volume bars and delistings): the model
 * estimated at row {@code t} is bit-identical when the data is truncated right after {@code t}, and when every bar
 * after {@code t} is replaced by other random values (or NaN).
 */
class FactorPipelinePropertyTest {
  /** One random scenario. */
  private record Scenario(MarketData data, PcaConfig config) {
  }

  private static Scenario scenario(long seed) {
    Random rnd = new Random(seed);
    boolean hourly = rnd.nextBoolean();
    BarInterval interval = hourly ? BarInterval.H1 : BarInterval.H4;
    int[] horizons = hourly ? new int[] {1, 2, 3, 4, 6, 8} : new int[] {4, 8, 12, 24};
    int hh = horizons[rnd.nextInt(horizons.length)];
    int nf = 1 + rnd.nextInt(3);
    int k = Math.max(nf + 1, 2 + rnd.nextInt(6));
    VolumeWeighting w = VolumeWeighting.values()[rnd.nextInt(VolumeWeighting.values().length)];
    PcaConfig config = new PcaConfig(hh, k, w, 1 + rnd.nextInt(8), nf, rnd.nextBoolean() ? 1e-10 : 0.0);
    int rows = 120 + rnd.nextInt(150);
    int coins = nf + 2 + rnd.nextInt(6);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < coins; c++) {
      names.add(c == 1 && rnd.nextBoolean() ? "BTC" : "C" + c);
    }
    double[] close = new double[rows * coins];
    double[] volume = new double[rows * coins];
    double[] market = new double[rows];
    for (int t = 0; t < rows; t++) {
      market[t] = rnd.nextGaussian() * 0.01;
    }
    for (int c = 0; c < coins; c++) {
      boolean clean = c <= nf;
      int listed = clean || rnd.nextInt(3) > 0 ? 0 : rnd.nextInt(rows);
      int delisted = clean || rnd.nextInt(4) > 0 ? rows : listed + rnd.nextInt(rows - listed);
      double gapP = clean ? 0 : rnd.nextDouble() * 0.05;
      double beta = 0.5 + rnd.nextDouble();
      double p = 1 + rnd.nextDouble() * 100;
      for (int t = 0; t < rows; t++) {
        p *= Math.exp(beta * market[t] + rnd.nextGaussian() * 0.01);
        boolean missing = t < listed || t >= delisted || rnd.nextDouble() < gapP;
        boolean noVolume = !clean && rnd.nextDouble() < 0.05;
        close[c * rows + t] = missing ? Double.NaN : p;
        volume[c * rows + t] = missing || noVolume ? Double.NaN : rnd.nextDouble() * 1e4 + 1;
      }
    }
    long first = (rnd.nextInt(2000) + 100_000L) * interval.millis();
    return new Scenario(Fixtures.marketData(interval, first, rows, names, close, volume), config);
  }

  private static void assertBitIdentical(FactorModel a, FactorModel b) {
    assertThat(b.estimationRow()).isEqualTo(a.estimationRow());
    assertThat(b.estimatedAtMs()).isEqualTo(a.estimatedAtMs());
    assertThat(b.coins()).isEqualTo(a.coins());
    assertThat(b.columns()).containsExactly(a.columns());
    for (int f = 0; f < a.nFactors(); f++) {
      assertThat(bits(b.loadings(f))).containsExactly(bits(a.loadings(f)));
      assertThat(Double.doubleToLongBits(b.eigenvalue(f))).isEqualTo(Double.doubleToLongBits(a.eigenvalue(f)));
      assertThat(Double.doubleToLongBits(b.explainedVarianceRatio(f)))
          .isEqualTo(Double.doubleToLongBits(a.explainedVarianceRatio(f)));
    }
    assertThat(bits(b.betas())).containsExactly(bits(a.betas()));
  }

  private static long[] bits(double[] x) {
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Double.doubleToLongBits(x[i]);
    }
    return out;
  }

  @Property(tries = 150, seed = "20250726")
  void run_truncatedAfterT_givesBitIdenticalModelAtT(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Scenario s = scenario(seed);
    FactorHistory full = FactorPipeline.run(s.data(), s.config());
    assertThat(full.models()).as("scenario %d must produce models", seed).isNotEmpty();
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < 3; i++) {
      FactorModel m = full.models().get(rnd.nextInt(full.models().size()));
      int t = m.estimationRow();

      FactorHistory cut = FactorPipeline.run(s.data().sliceRows(0, t + 1), s.config());

      assertThat(cut.models().get(cut.models().size() - 1).estimationRow()).isEqualTo(t);
      assertBitIdentical(m, cut.modelAt(t).orElseThrow());
      // every earlier model too
      assertThat(cut.models()).hasSize(indexOf(full, t) + 1);
    }
  }

  @Property(tries = 150, seed = "20250727")
  void run_laterBarsChanged_leavesModelAtTBitIdentical(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Scenario s = scenario(seed);
    FactorHistory full = FactorPipeline.run(s.data(), s.config());
    Random rnd = new Random(seed + 17);
    FactorModel m = full.models().get(rnd.nextInt(full.models().size()));
    int t = m.estimationRow();
    MarketData d = s.data();
    int rows = d.rows();
    double[] close = d.close().toColumnMajor();
    double[] volume = d.volume().toColumnMajor();
    for (int c = 0; c < d.coins().size(); c++) {
      for (int r = t + 1; r < rows; r++) {
        int i = c * rows + r;
        close[i] = rnd.nextInt(10) == 0 ? Double.NaN : Math.exp(rnd.nextGaussian() * 3);
        volume[i] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextDouble() * 1e9;
      }
    }
    MarketData changed = Fixtures.marketData(d.interval(), d.close().firstOpenMs(), rows, d.coins(), close, volume);

    FactorHistory other = FactorPipeline.run(changed, s.config());

    assertBitIdentical(m, other.modelAt(t).orElseThrow());
    assertThat(other.modelAt(t).orElseThrow().estimationRow()).isEqualTo(t);
  }

  private static int indexOf(FactorHistory h, int row) {
    int[] rows = h.estimationRows();
    for (int j = 0; j < rows.length; j++) {
      if (rows[j] == row) {
        return j;
      }
    }
    return -1;
  }
}
