package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The incremental kernels against the batch kernels of {@link Indicators} (independently tested) on random data. */
class IncrementalKernelsTest {
  private static double[] walk(long seed, int len) {
    Random r = new Random(seed);
    double[] x = new double[len];
    double p = 100;
    for (int t = 0; t < len; t++) {
      p *= Math.exp(0.02 * r.nextGaussian());
      x[t] = r.nextInt(25) == 0 ? Double.NaN : p;
    }
    return x;
  }

  @Test
  void wilderRsiEqualsTheBatchKernelBitForBit() {
    for (long seed = 1; seed <= 20; seed++) {
      double[] x = walk(seed, 400);
      for (int n : new int[] {1, 2, 14}) {
        double[] batch = Indicators.rsi(x, n);
        WilderRsi inc = new WilderRsi(n);
        for (int t = 0; t < x.length; t++) {
          double v = inc.update(x[t]);
          assertThat(Double.doubleToLongBits(v)).as("seed %d n %d t %d", seed, n, t)
              .isEqualTo(Double.doubleToLongBits(batch[t]));
        }
      }
    }
  }

  @Test
  void rollingWindowMatchesSmaAndStd() {
    for (long seed = 1; seed <= 20; seed++) {
      double[] x = walk(seed, 400);
      for (int n : new int[] {2, 5, 20}) {
        double[] sma = Indicators.sma(x, n);
        double[] sd = Indicators.rollingStd(x, n);
        RollingWindow w = new RollingWindow(n);
        for (int t = 0; t < x.length; t++) {
          w.update(x[t]);
          if (Double.isNaN(sma[t])) {
            assertThat(w.mean()).as("t %d", t).isNaN();
            assertThat(w.std()).isNaN();
          } else {
            assertThat(w.mean()).as("t %d", t).isCloseTo(sma[t], within(1e-9 * Math.abs(sma[t])));
            assertThat(w.std()).as("t %d", t).isCloseTo(sd[t], within(1e-9 * sd[t] + 1e-12));
          }
        }
      }
    }
  }
}
