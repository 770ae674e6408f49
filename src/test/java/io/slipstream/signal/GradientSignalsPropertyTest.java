package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of the Gradient signal chain on random price paths with NaN gaps (seeded, bounded tries):
 * the incremental {@link GradientSignalState} fed bar by bar equals the batch {@link GradientSignals#compute}
 * bit for bit, the batch equals the composition of the single kernels, and nothing after bar t changes a value at
 * or before t.
 */
class GradientSignalsPropertyTest {
  private static final List<Integer> ALL_SPANS = List.of(2, 3, 4, 8, 16, 32, 64);

  /** One random scenario: panels plus parameters, all derived from a seed. */
  private record Scenario(Panel close, Panel volume, List<Integer> spans, int volSpan, int warmup) {
  }

  private static Scenario scenario(long seed, int rows, int coins) {
    Random rnd = new Random(seed);
    BarInterval interval = rnd.nextBoolean() ? BarInterval.H4 : BarInterval.H1;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < coins; c++) {
      names.add("C" + c);
    }
    double[] close = new double[rows * coins];
    double[] volume = new double[rows * coins];
    for (int c = 0; c < coins; c++) {
      fillColumn(rnd, close, volume, c * rows, rows);
    }
    List<Integer> spans = new ArrayList<>();
    for (int s : ALL_SPANS) {
      if (rnd.nextInt(3) == 0) {
        spans.add(s);
      }
    }
    if (spans.isEmpty()) {
      spans.add(ALL_SPANS.get(rnd.nextInt(ALL_SPANS.size())));
    }
    long first = (rnd.nextInt(1000) + 450_000L) * interval.millis();
    return new Scenario(Panel.of(interval, first, rows, names, close), Panel.of(interval, first, rows, names, volume),
        spans, 1 + rnd.nextInt(10), rnd.nextInt(25));
  }

  /** A random walk with a late listing, NaN gaps (both fields or only one), flat stretches and early delisting. */
  private static void fillColumn(Random rnd, double[] close, double[] volume, int from, int rows) {
    int listed = rnd.nextInt(4) == 0 ? rnd.nextInt(rows) : 0;
    int delisted = rnd.nextInt(6) == 0 ? listed + rnd.nextInt(rows - listed) : rows;
    double gapP = rnd.nextDouble() * 0.2;
    boolean flat = rnd.nextInt(8) == 0;
    double p = 1 + rnd.nextDouble() * 1000;
    for (int t = 0; t < rows; t++) {
      if (!flat || rnd.nextInt(5) == 0) {
        p *= Math.exp(rnd.nextGaussian() * 0.04);
      }
      boolean missing = t < listed || t >= delisted || rnd.nextDouble() < gapP;
      double v = rnd.nextDouble() * 1e4;
      if (missing) {
        int which = rnd.nextInt(4);
        close[from + t] = which == 0 ? p : Double.NaN;
        volume[from + t] = which == 1 ? v : Double.NaN;
      } else {
        close[from + t] = p;
        volume[from + t] = v;
      }
    }
  }

  private static long bits(double x) {
    return Double.doubleToLongBits(x);
  }

  @Property(tries = 80, seed = "20250726")
  void compute_incrementalBarByBar_equalsBatchBitForBit(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 160) int rows, @ForAll @IntRange(min = 1, max = 5) int coins) {
    Scenario s = scenario(seed, rows, coins);
    GradientSignals batch = GradientSignals.compute(s.close(), s.volume(), s.spans(), s.volSpan(), s.warmup());
    int k = DollarAdv.windowBars(s.close().interval());

    for (int c = 0; c < coins; c++) {
      GradientSignalState state = new GradientSignalState(s.spans(), s.volSpan(), s.warmup(), k);
      for (int t = 0; t < rows; t++) {
        state.update(s.close().get(t, c), s.volume().get(t, c));
        assertThat(bits(state.sigma())).as("sigma t=%d c=%d", t, c).isEqualTo(bits(batch.sigma(t, c)));
        assertThat(bits(state.score())).as("score t=%d c=%d", t, c).isEqualTo(bits(batch.score(t, c)));
        assertThat(bits(state.adv())).as("adv t=%d c=%d", t, c).isEqualTo(bits(batch.adv(t, c)));
      }
    }
  }

  @Property(tries = 60, seed = "31337")
  void compute_batch_equalsCompositionOfSingleKernels(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 160) int rows, @ForAll @IntRange(min = 1, max = 4) int coins) {
    Scenario s = scenario(seed, rows, coins);
    GradientSignals batch = GradientSignals.compute(s.close(), s.volume(), s.spans(), s.volSpan(), s.warmup());

    Panel r = LogReturns.of(s.close());
    Panel sigma = EwVolatility.of(r, s.volSpan());
    Panel z = VolNormalisedReturns.of(r, sigma);
    Panel score = EwmaMomentum.of(z, s.spans(), s.warmup());
    Panel adv = DollarAdv.of(s.close(), s.volume());

    for (int c = 0; c < coins; c++) {
      for (int t = 0; t < rows; t++) {
        assertThat(bits(batch.sigma(t, c))).isEqualTo(bits(sigma.get(t, c)));
        assertThat(bits(batch.score(t, c))).isEqualTo(bits(score.get(t, c)));
        assertThat(bits(batch.adv(t, c))).isEqualTo(bits(adv.get(t, c)));
      }
    }
    assertThat(batch.sigmaPanel().toColumnMajor()).containsExactly(sigma.toColumnMajor());
    assertThat(batch.scorePanel().toColumnMajor()).containsExactly(score.toColumnMajor());
  }

  @Property(tries = 80, seed = "4242")
  void compute_changingDataAfterBarT_leavesValuesUpToTUnchanged(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 160) int rows, @ForAll @IntRange(min = 1, max = 4) int coins,
      @ForAll @LongRange long otherSeed) {
    Scenario s = scenario(seed, rows, coins);
    Random rnd = new Random(otherSeed);
    int cut = rnd.nextInt(rows - 1);
    double[] close = s.close().toColumnMajor();
    double[] volume = s.volume().toColumnMajor();
    for (int c = 0; c < coins; c++) {
      for (int t = cut + 1; t < rows; t++) {
        int i = c * rows + t;
        switch (rnd.nextInt(4)) {
          case 0 -> close[i] = Double.NaN;
          case 1 -> volume[i] = rnd.nextDouble() * 1e6;
          default -> close[i] = close[i] * Math.exp(rnd.nextGaussian());
        }
      }
    }
    GradientSignals before = GradientSignals.compute(s.close(), s.volume(), s.spans(), s.volSpan(), s.warmup());
    GradientSignals after = GradientSignals.compute(s.close().withValues(close), s.volume().withValues(volume),
        s.spans(), s.volSpan(), s.warmup());

    for (int c = 0; c < coins; c++) {
      for (int t = 0; t <= cut; t++) {
        assertThat(bits(after.sigma(t, c))).isEqualTo(bits(before.sigma(t, c)));
        assertThat(bits(after.score(t, c))).isEqualTo(bits(before.score(t, c)));
        assertThat(bits(after.adv(t, c))).isEqualTo(bits(before.adv(t, c)));
      }
    }
  }
}
