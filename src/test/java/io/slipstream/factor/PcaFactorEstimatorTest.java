package io.slipstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.DataException;
import io.slipstream.factor.Fixtures.Matrix;
import io.slipstream.factor.PcaFactorEstimator.Mode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PCA kernel against independent values: a 2 x 2 covariance solved in closed form by hand, and numpy
 * ({@code tools/pca_reference.py}: {@code numpy.linalg.eigh}) on 40 obs x 5 coins and on 6 obs x 9 coins (T < N,
 * the Gram path). Plus the sign convention and every bad-input case.
 */
class PcaFactorEstimatorTest {
  private static final double RIDGE = 1e-10;

  private static PcaFactorEstimator estimator(int nFactors) {
    return new PcaFactorEstimator(PcaConfig.of(24).withNFactors(nFactors));
  }

  @Test
  void estimate_symmetric2x2_matchesClosedForm() {
    // columns are centred; X'X = [[10, 8], [8, 10]], C = X'X / 3: eigenvalues 6 and 2/3, PC1 = (1, 1)/sqrt(2)
    double[] x = {2, 1, -2, -1, 1, 2, -1, -2};

    PcaResult r = estimator(1).estimate(x, 4, 2, List.of("BTC", "ETH"));

    double trace = 20.0 / 3;
    double ridge = RIDGE * trace / 2;
    assertThat(r.eigenvalue(0)).isCloseTo(6 + ridge, within(1e-13));
    assertThat(r.totalVariance()).isCloseTo(trace + 2 * ridge, within(1e-13));
    assertThat(r.explainedVarianceRatio(0)).isCloseTo((6 + ridge) / (trace + 2 * ridge), within(1e-14));
    assertThat(r.explainedVarianceRatio(0)).isCloseTo(0.9, within(1e-9));
    assertThat(r.loadings(0)).containsExactly(new double[] {Math.sqrt(0.5), Math.sqrt(0.5)}, within(1e-13));
    assertThat(r.ridge()).isCloseTo(ridge, within(1e-25));
  }

  @Test
  void estimate_general2x2_matchesClosedForm() {
    // a = var1, c = var2, b = cov: lambda1 = (a + c)/2 + sqrt(((a - c)/2)^2 + b^2), v1 ~ (b, lambda1 - a)
    double[] x = {0.01, 0.03, -0.02, 0.01, 0.04, -0.01, -0.01, -0.02, 0.02, 0.05};
    int t = 5;
    double m0 = 0;
    double m1 = 0;
    for (int i = 0; i < t; i++) {
      m0 += x[2 * i] / t;
      m1 += x[2 * i + 1] / t;
    }
    double a = 0;
    double b = 0;
    double c = 0;
    for (int i = 0; i < t; i++) {
      a += (x[2 * i] - m0) * (x[2 * i] - m0) / (t - 1);
      b += (x[2 * i] - m0) * (x[2 * i + 1] - m1) / (t - 1);
      c += (x[2 * i + 1] - m1) * (x[2 * i + 1] - m1) / (t - 1);
    }
    double l1 = (a + c) / 2 + Math.sqrt((a - c) * (a - c) / 4 + b * b);
    double n = Math.hypot(b, l1 - a);
    double ridge = RIDGE * (a + c) / 2;

    PcaResult r = estimator(1).estimate(x, t, 2, List.of("ETH", "BTC"));

    assertThat(r.eigenvalue(0)).isCloseTo(l1 + ridge, within(1e-17));
    double s = Math.signum(l1 - a); // BTC (second) positive
    assertThat(r.loading(0, 0)).isCloseTo(s * b / n, within(1e-12));
    assertThat(r.loading(0, 1)).isCloseTo(s * (l1 - a) / n, within(1e-12));
    assertThat(r.loading(0, 1)).isPositive();
  }

  @Test
  void estimate_signConvention_btcPositiveElseSumPositiveElseFirstNonZero() {
    // negatively correlated pair: PC1 = +-(1, -1)/sqrt(2)
    double[] x = {2, -1, -2, 1, 1, -2, -1, 2};
    double h = Math.sqrt(0.5);

    assertThat(estimator(1).estimate(x, 4, 2, List.of("ETH", "BTC")).loadings(0))
        .containsExactly(new double[] {-h, h}, within(1e-13));
    assertThat(estimator(1).estimate(x, 4, 2, List.of("BTC", "ETH")).loadings(0))
        .containsExactly(new double[] {h, -h}, within(1e-13));
    // no BTC and sum of loadings 0: the first non-zero loading is positive
    assertThat(estimator(1).estimate(x, 4, 2, List.of("A", "B")).loadings(0))
        .containsExactly(new double[] {h, -h}, within(1e-13));
  }

  @Test
  void estimate_5coins40obs_matchesNumpyEigh() {
    Matrix in = Fixtures.matrixWithHeader("pca_5x40_input.csv");
    List<String> exp = Fixtures.lines("pca_5x40_expected.csv");
    for (Mode mode : new Mode[] {Mode.AUTO, Mode.COVARIANCE, Mode.GRAM}) {
      PcaResult r = estimator(3).estimate(in.values(), in.rows(), in.cols(), in.names(), "", mode);
      assertMatches(r, exp);
    }
  }

  @Test
  void estimate_9coins6obsNoBtc_gramPathMatchesNumpyEigh() {
    Matrix in = Fixtures.matrixWithHeader("pca_6x9_input.csv");
    List<String> exp = Fixtures.lines("pca_6x9_expected.csv");
    for (Mode mode : new Mode[] {Mode.AUTO, Mode.COVARIANCE, Mode.GRAM}) {
      PcaResult r = estimator(3).estimate(in.values(), in.rows(), in.cols(), in.names(), "", mode);
      assertMatches(r, exp);
      double sum = 0;
      for (double v : r.loadings(0)) {
        sum += v;
      }
      assertThat(sum).isPositive();
    }
  }

  private static void assertMatches(PcaResult r, List<String> expected) {
    assertThat(r.nFactors()).isEqualTo(expected.size() - 1);
    for (int f = 0; f < r.nFactors(); f++) {
      double[] e = Fixtures.parseList(expected.get(f + 1), ",");
      assertThat(r.eigenvalue(f)).isCloseTo(e[1], within(1e-10 * e[1]));
      assertThat(r.explainedVarianceRatio(f)).isCloseTo(e[2], within(1e-10));
      for (int k = 0; k < r.size(); k++) {
        assertThat(r.loading(f, k)).as("factor %d coin %s", f, r.coins().get(k)).isCloseTo(e[3 + k], within(1e-9));
      }
    }
  }

  @Test
  void estimate_loadingsOrthonormal_andEigenvaluesDescending() {
    Matrix in = Fixtures.matrixWithHeader("pca_5x40_input.csv");
    PcaResult r = estimator(3).estimate(in.values(), in.rows(), in.cols(), in.names());
    for (int f = 0; f < 3; f++) {
      for (int g = 0; g < 3; g++) {
        double dot = 0;
        for (int k = 0; k < 5; k++) {
          dot += r.loading(f, k) * r.loading(g, k);
        }
        assertThat(dot).isCloseTo(f == g ? 1 : 0, within(1e-12));
      }
    }
    assertThat(r.eigenvalue(0)).isGreaterThan(r.eigenvalue(1));
    assertThat(r.eigenvalue(1)).isGreaterThan(r.eigenvalue(2));
  }

  @Test
  void estimate_inputNotModified() {
    Matrix in = Fixtures.matrixWithHeader("pca_5x40_input.csv");
    double[] copy = in.values().clone();
    estimator(3).estimate(in.values(), in.rows(), in.cols(), in.names());
    assertThat(in.values()).containsExactly(copy);
  }

  @Test
  void estimate_fewerCoinsThanFactorsPlusOne_throwsNamingCounts() {
    double[] x = {1, 2, 3, 2, 1, 0, 5, 1, 2, 0, 0, 1};
    assertThatThrownBy(() -> estimator(3).estimate(x, 4, 3, List.of("A", "B", "C"),
        Instant.parse("2025-01-01T00:00:00Z")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("2025-01-01T00:00:00Z")
        .hasMessageContaining("nFactors + 1 = 4")
        .hasMessageContaining("got 3");
  }

  @Test
  void estimate_nanObservation_throwsNamingRowColumnAndCoin() {
    Matrix in = Fixtures.matrixWithHeader("pca_5x40_input.csv");
    double[] x = in.values().clone();
    x[7 * 5 + 3] = Double.NaN;
    assertThatThrownBy(() -> estimator(3).estimate(x, 40, 5, in.names()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("row 7").hasMessageContaining("column 3").hasMessageContaining("DOGE")
        .hasMessageContaining("NaN");
  }

  @Test
  void estimate_tooFewRows_throwsIllegalArgumentNamingRows() {
    assertThatThrownBy(() -> estimator(1).estimate(new double[] {1, 2, 3}, 1, 3, List.of("A", "B", "C")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rows'").hasMessageContaining("was 1");
    assertThatThrownBy(() -> estimator(3).estimate(new double[15], 3, 5, List.of("A", "B", "C", "D", "E")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rows'").hasMessageContaining(">= max(2, nFactors + 1) = 4");
  }

  @Test
  void estimate_shapeMismatch_throwsIllegalArgument() {
    assertThatThrownBy(() -> estimator(1).estimate(new double[7], 4, 2, List.of("A", "B")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 x 2 = 8").hasMessageContaining("was 7");
    assertThatThrownBy(() -> estimator(1).estimate(new double[8], 4, 2, List.of("A", "B", "C")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'coins'");
  }

  @Test
  void estimate_constantColumns_throwsZeroCovariance() {
    double[] x = {1, 2, 3, 1, 2, 3, 1, 2, 3};
    assertThatThrownBy(() -> estimator(2).estimate(x, 3, 3, List.of("A", "B", "C")))
        .isInstanceOf(DataException.class).hasMessageContaining("zero").hasMessageContaining("constant");
  }

  @Test
  void estimate_rankBelowFactors_throwsSingular() {
    // all columns proportional to one series: rank 1, two factors asked
    double[] s = {0.01, -0.02, 0.03, 0.00, -0.01, 0.02};
    double[] x = new double[6 * 4];
    for (int t = 0; t < 6; t++) {
      for (int k = 0; k < 4; k++) {
        x[t * 4 + k] = s[t] * (k + 1);
      }
    }
    for (Mode mode : new Mode[] {Mode.COVARIANCE, Mode.GRAM}) {
      assertThatThrownBy(() -> estimator(2).estimate(x, 6, 4, List.of("A", "B", "C", "D"), "", mode))
          .isInstanceOf(DataException.class).hasMessageContaining("singular covariance")
          .hasMessageContaining("eigenvalue 2").hasMessageContaining("fewer than nFactors = 2");
    }
    // one factor is fine
    assertThat(estimator(1).estimate(x, 6, 4, List.of("A", "B", "C", "D")).explainedVarianceRatio(0))
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void estimate_threeRowsThreeFactors_throwsIllegalArgument() {
    // 3 rows span at most 2 directions after demeaning; 3 factors asked
    assertThatThrownBy(() -> estimator(3).estimate(new double[18], 3, 6, List.of("A", "B", "C", "D", "E", "F")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
