package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class RidgeAccumulatorTest {
  @Test
  void noPenalty_recoversAnExactLinearModel() {
    RidgeAccumulator acc = new RidgeAccumulator(2, 1);
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      double x1 = rnd.nextDouble(-1, 1);
      double x2 = rnd.nextDouble(-2, 2);
      acc.add(new double[] {x1, x2}, new double[] {2 + 3 * x1 - x2});
    }
    double[] c = acc.fit(0.0);
    assertThat(c[0]).isCloseTo(2, within(1e-10));
    assertThat(c[1]).isCloseTo(3, within(1e-10));
    assertThat(c[2]).isCloseTo(-1, within(1e-10));
  }

  /** Against the textbook solve on an explicitly standardised design matrix (Commons Math LU, independent code). */
  @Test
  void penalty_matchesTheExplicitStandardisedSolve() {
    int n = 80;
    int p = 3;
    double lambda = 0.7;
    SplittableRandom rnd = new SplittableRandom(11);
    double[][] x = new double[n][p];
    double[][] y = new double[n][2];
    RidgeAccumulator acc = new RidgeAccumulator(p, 2);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        x[i][k] = rnd.nextGaussian() * (k + 1) + k;
      }
      y[i][0] = 0.5 * x[i][0] - 0.2 * x[i][2] + rnd.nextGaussian();
      y[i][1] = -1 + 0.1 * x[i][1] + 0.3 * rnd.nextGaussian();
      acc.add(x[i], y[i]);
    }
    double[] got = acc.fit(lambda);
    double[] mean = new double[p];
    double[] sd = new double[p];
    for (int k = 0; k < p; k++) {
      for (double[] r : x) {
        mean[k] += r[k] / n;
      }
      for (double[] r : x) {
        sd[k] += (r[k] - mean[k]) * (r[k] - mean[k]) / n;
      }
      sd[k] = Math.sqrt(sd[k]);
    }
    double[][] z = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        z[i][k] = (x[i][k] - mean[k]) / sd[k];
      }
    }
    RealMatrix zm = new Array2DRowRealMatrix(z);
    RealMatrix a = zm.transpose().multiply(zm);
    for (int k = 0; k < p; k++) {
      a.addToEntry(k, k, lambda * n);
    }
    for (int m = 0; m < 2; m++) {
      double[] yc = new double[n];
      double ym = 0;
      for (int i = 0; i < n; i++) {
        ym += y[i][m] / n;
      }
      for (int i = 0; i < n; i++) {
        yc[i] = y[i][m] - ym;
      }
      double[] bz = new LUDecomposition(a).getSolver().solve(zm.transpose().operate(new ArrayRealVector(yc))).toArray();
      double intercept = ym;
      for (int k = 0; k < p; k++) {
        double b = bz[k] / sd[k];
        assertThat(got[m * (p + 1) + 1 + k]).isCloseTo(b, within(1e-12));
        intercept -= b * mean[k];
      }
      assertThat(got[m * (p + 1)]).isCloseTo(intercept, within(1e-12));
    }
  }

  @Test
  void constantFeature_getsZeroCoefficient_andBadInputIsNamed() {
    RidgeAccumulator acc = new RidgeAccumulator(2, 1);
    for (int i = 0; i < 10; i++) {
      acc.add(new double[] {i, 5.0}, new double[] {2.0 * i});
    }
    double[] c = acc.fit(0.0);
    assertThat(c[1]).isCloseTo(2.0, within(1e-9));
    assertThat(c[2]).isZero();
    assertThatThrownBy(() -> acc.add(new double[] {Double.NaN, 1}, new double[] {1}))
        .hasMessageContaining("feature 0");
    assertThatThrownBy(() -> new RidgeAccumulator(1, 1).fit(1.0)).hasMessageContaining("at least 2 samples");
  }
}
