package io.slipstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.Panel;
import io.slipstream.factor.Fixtures.Matrix;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Covariance estimators against {@code tools/cov_reference.py}: {@code numpy.cov} for the sample covariance, and an
 * independent numpy implementation (3-d array of cross products, no algebraic shortcut) of the Schafer-Strimmer
 * target-D shrinkage; shrinkage in [0, 1] and a positive-definite result (also for T &lt; N), S_price + S_funding,
 * and bad input.
 */
class CovariancesTest {
  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"50x6", "5x8"})
  void sampleAndShrunk_matchNumpyReference(String name) {
    Matrix in = Fixtures.matrixNoHeader("cov_" + name + "_input.csv");
    List<String> exp = Fixtures.lines("cov_" + name + "_expected.csv");
    double lambda = Double.parseDouble(exp.get(0).split(",")[1]);
    int n = in.cols();
    double[] sample = new double[n * n];
    double[] shrunk = new double[n * n];
    for (int i = 0; i < n; i++) {
      double[] s = Fixtures.parseList(exp.get(1 + i).substring("sample,".length()), ",");
      double[] z = Fixtures.parseList(exp.get(1 + n + i).substring("shrunk,".length()), ",");
      System.arraycopy(s, 0, sample, i * n, n);
      System.arraycopy(z, 0, shrunk, i * n, n);
    }

    CovarianceMatrix cs = Covariances.sample(in.values(), in.rows(), n);
    CovarianceMatrix cz = Covariances.shrunk(in.values(), in.rows(), n);

    double tol = 1e-12 * maxAbs(sample);
    assertThat(cs.size()).isEqualTo(n);
    assertThat(cs.toRowMajor()).containsExactly(sample, within(tol));
    assertThat(cs.shrinkage()).isZero();
    assertThat(cz.shrinkage()).isCloseTo(lambda, within(1e-12));
    assertThat(cz.shrinkage()).isBetween(0.0, 1.0);
    assertThat(cz.toRowMajor()).containsExactly(shrunk, within(tol));
    assertThat(cz.isPositiveDefinite()).isTrue();
    for (int i = 0; i < n; i++) {
      assertThat(cz.get(i, i)).isCloseTo(cs.get(i, i), within(tol));
      for (int j = 0; j < n; j++) {
        assertThat(cz.get(i, j)).isEqualTo(cz.get(j, i));
      }
    }
  }

  @Test
  void sample_fewerObservationsThanCoins_isSingular_shrunkIsPositiveDefinite() {
    Matrix in = Fixtures.matrixNoHeader("cov_5x8_input.csv");
    CovarianceMatrix cs = Covariances.sample(in.values(), in.rows(), in.cols());
    assertThat(cs.isPositiveDefinite()).isFalse();
    assertThatThrownBy(() -> cs.requirePositiveDefinite("price covariance"))
        .isInstanceOf(DataException.class).hasMessageContaining("price covariance")
        .hasMessageContaining("not positive definite");
    CovarianceMatrix cz = Covariances.shrunk(in.values(), in.rows(), in.cols());
    assertThat(cz.requirePositiveDefinite("shrunk")).isSameAs(cz);
  }

  @Property(tries = 100, seed = "99")
  void shrunk_intensityInUnitInterval_andPositiveDefinite(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    int t = 2 + rnd.nextInt(60);
    int n = 1 + rnd.nextInt(30);
    double[] x = new double[t * n];
    double common = rnd.nextDouble();
    double[] f = new double[t];
    for (int i = 0; i < t; i++) {
      f[i] = rnd.nextGaussian();
    }
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < n; k++) {
        x[i * n + k] = (common * f[i] + rnd.nextGaussian()) * 0.01 * (1 + k % 3);
      }
    }
    CovarianceMatrix cz = Covariances.shrunk(x, t, n);
    assertThat(cz.shrinkage()).isBetween(0.0, 1.0);
    CovarianceMatrix cs = Covariances.sample(x, t, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double expected = i == j ? cs.get(i, j) : (1 - cz.shrinkage()) * cs.get(i, j);
        assertThat(cz.get(i, j)).isCloseTo(expected, within(1e-13 * Math.abs(cs.get(i, i))));
      }
    }
    // (1 - lambda) S + lambda D is PD for lambda > 0; numerically so once lambda is not tiny. With T = 2 the two
    // centred rows are opposite, every cross product has zero estimated variance and lambda = 0
    if (cz.shrinkage() > 1e-6 || t > n + 1) {
      assertThat(cz.isPositiveDefinite()).as("t %d n %d lambda %s", t, n, cz.shrinkage()).isTrue();
    }
  }

  @Test
  void shrunk_singleCoin_isTheVariance_withIntensityOne() {
    double[] x = {1, 2, 4};
    CovarianceMatrix cz = Covariances.shrunk(x, 3, 1);
    assertThat(cz.get(0, 0)).isCloseTo(7.0 / 3, within(1e-15));
    assertThat(cz.shrinkage()).isEqualTo(1.0);
  }

  @Test
  void plus_addsElementWise_andPriceAndFundingIsTheSumOfTheParts() {
    int rows = 30;
    double[] r = new double[rows * 3];
    double[] fu = new double[rows * 3];
    Random rnd = new Random(5);
    for (int i = 0; i < r.length; i++) {
      r[i] = rnd.nextGaussian() * 0.02;
      fu[i] = rnd.nextGaussian() * 1e-4;
    }
    Panel ret = Panel.of(BarInterval.H4, 0, rows, List.of("A", "B", "C"), r);
    Panel fund = Panel.of(BarInterval.H4, 0, rows, List.of("A", "B", "C"), fu);
    int[] cols = {2, 0};

    CovarianceMatrix s = Covariances.priceAndFunding(ret, fund, 29, 20, cols, false);

    CovarianceMatrix sp = Covariances.sample(Covariances.observations(ret, 29, 20, cols), 20, 2);
    CovarianceMatrix sf = Covariances.sample(Covariances.observations(fund, 29, 20, cols), 20, 2);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(s.get(i, j)).isEqualTo(sp.get(i, j) + sf.get(i, j));
      }
    }
    assertThat(s.shrinkage()).isNaN();
    // the observation window: rows 10..29 of column 2 first
    assertThat(Covariances.observations(ret, 29, 20, cols)[0]).isEqualTo(ret.get(10, 2));
    assertThat(Covariances.observations(ret, 29, 20, cols)[1]).isEqualTo(ret.get(10, 0));
    assertThat(Covariances.priceAndFunding(ret, fund, 29, 20, cols, true).isPositiveDefinite()).isTrue();
    assertThatThrownBy(() -> sp.plus(Covariances.sample(new double[] {1, 2, 3, 5, 1, 1}, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 x 3");
  }

  @Test
  void observations_nanInWindow_throwsNamingCoinAndTime() {
    double[] v = {1, 2, Double.NaN, 4, 5, 6};
    Panel p = Panel.of(BarInterval.H4, 0, 3, List.of("A", "B"), v);
    assertThatThrownBy(() -> Covariances.observations(p, 2, 3, new int[] {0, 1}))
        .isInstanceOf(DataException.class).hasMessageContaining("coin A")
        .hasMessageContaining("1970-01-01T12:00:00Z");
    assertThatThrownBy(() -> Covariances.observations(p, 2, 4, new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
  }

  @Test
  void badInput_rowsBelowTwo_nan_shape() {
    assertThatThrownBy(() -> Covariances.sample(new double[] {1, 2}, 1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rows'").hasMessageContaining("was 1");
    assertThatThrownBy(() -> Covariances.shrunk(new double[] {1, 2}, 1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rows'");
    assertThatThrownBy(() -> Covariances.sample(new double[] {1, 2, Double.NaN, 4}, 2, 2))
        .isInstanceOf(DataException.class).hasMessageContaining("row 1, column 0").hasMessageContaining("NaN");
    assertThatThrownBy(() -> Covariances.shrunk(new double[] {1, 2, 3}, 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x 2 = 4");
    assertThatThrownBy(() -> CovarianceMatrix.of(new double[] {1, 2, 3, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
    assertThatThrownBy(() -> CovarianceMatrix.of(new double[] {1, Double.NaN, Double.NaN, 1}, 2))
        .isInstanceOf(DataException.class).hasMessageContaining("(0, 1)");
    assertThatThrownBy(() -> CovarianceMatrix.of(new double[] {0, 0, 0, 1}, 2).requirePositiveDefinite("S"))
        .isInstanceOf(DataException.class).hasMessageContaining("variance of index 0 is 0");
  }
}
