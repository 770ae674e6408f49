package io.slipstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.factor.PcaFactorEstimator.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of the PCA kernel on random factor-structured matrices (both shapes, T &gt; N and T &lt; N): loadings
 * orthonormal, each loading an eigenvector of the ridged covariance ({@code C v = lambda v}, so the kept components
 * reconstruct C on their span), eigenvalues descending, ratios in (0, 1] summing to at most 1, the sign convention,
 * and the covariance and Gram paths agree.
 */
class PcaFactorEstimatorPropertyTest {
  @Property(tries = 150, seed = "314")
  void estimate_invariants(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    int nf = 1 + rnd.nextInt(3);
    int n = nf + 1 + rnd.nextInt(25);
    int t = nf + 2 + rnd.nextInt(60);
    double[] x = new double[t * n];
    double[] f = new double[t];
    for (int i = 0; i < t; i++) {
      f[i] = rnd.nextGaussian() * 0.02;
    }
    for (int k = 0; k < n; k++) {
      double beta = 0.5 + rnd.nextDouble();
      double vol = 0.002 + rnd.nextDouble() * 0.02;
      for (int i = 0; i < t; i++) {
        x[i * n + k] = beta * f[i] + rnd.nextGaussian() * vol;
      }
    }
    List<String> coins = new ArrayList<>();
    int btc = rnd.nextBoolean() ? rnd.nextInt(n) : -1;
    for (int k = 0; k < n; k++) {
      coins.add(k == btc ? "BTC" : "C" + k);
    }
    PcaFactorEstimator est = new PcaFactorEstimator(PcaConfig.of(24).withNFactors(nf));

    PcaResult r = est.estimate(x, t, n, coins);
    PcaResult cov = est.estimate(x, t, n, coins, "", Mode.COVARIANCE);
    PcaResult gram = est.estimate(x, t, n, coins, "", Mode.GRAM);

    double[] c = Covariances.sample(x, t, n).toRowMajor();
    double ridge = r.ridge();
    double ratioSum = 0;
    for (int a = 0; a < nf; a++) {
      double[] va = r.loadings(a);
      // C v = lambda v
      for (int i = 0; i < n; i++) {
        double cv = ridge * va[i];
        for (int j = 0; j < n; j++) {
          cv += c[i * n + j] * va[j];
        }
        assertThat(cv).isCloseTo(r.eigenvalue(a) * va[i], within(1e-9 * r.eigenvalue(0)));
      }
      for (int b = 0; b < nf; b++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += va[i] * r.loading(b, i);
        }
        assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-9));
      }
      if (a > 0) {
        assertThat(r.eigenvalue(a)).isLessThanOrEqualTo(r.eigenvalue(a - 1));
      }
      double ratio = r.explainedVarianceRatio(a);
      assertThat(ratio).isGreaterThan(0).isLessThanOrEqualTo(1);
      ratioSum += ratio;
      double anchor = btc >= 0 ? va[btc] : java.util.Arrays.stream(va).sum();
      assertThat(anchor).isPositive();
      // both paths give the same component (eigen-gaps of random data are not tiny)
      double gap = Math.min(a > 0 ? r.eigenvalue(a - 1) - r.eigenvalue(a) : Double.MAX_VALUE,
          r.eigenvalue(a) - (a + 1 < nf ? r.eigenvalue(a + 1) : 0));
      if (gap > 1e-3 * r.eigenvalue(0)) {
        assertThat(cov.loadings(a)).containsExactly(gram.loadings(a), within(1e-6));
      }
      assertThat(cov.eigenvalue(a)).isCloseTo(gram.eigenvalue(a), within(1e-10 * r.eigenvalue(0)));
    }
    assertThat(ratioSum).isLessThanOrEqualTo(1 + 1e-12);
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += c[i * n + i];
    }
    assertThat(r.totalVariance()).isCloseTo(trace * (1 + 1e-10), within(1e-12 * trace));
  }
}
