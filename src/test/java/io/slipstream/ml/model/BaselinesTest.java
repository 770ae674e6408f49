package io.slipstream.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.portfolio.OptimizationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MajorityClassifier and LogisticRegression. */
class BaselinesTest {
  private static final List<String> NAMES4 = List.of("x0", "x1", "x2", "x3");

  @Test
  void majority_predictsTrainBaseRate() {
    Dataset train = Dataset.of(List.of("a"), new double[][] {{1}, {2}, {3}, {4}}, new double[] {1, 1, 1, 0},
        new long[] {1, 2, 3, 4});
    MajorityClassifier m = MajorityClassifier.fit(train);
    assertThat(m.positiveRate()).isEqualTo(0.75);
    assertThat(m.majorityClass()).isEqualTo(1);
    Dataset test = Dataset.of(List.of("a"), new double[][] {{9}, {8}}, new double[] {0, 0}, new long[] {5, 6});
    assertThat(m.predictProba(test)).containsExactly(0.75, 0.75);
    ClassificationMetrics cm = ClassificationMetrics.of(test.y(), m.predictProba(test));
    assertThat(cm.rocAuc()).isNaN(); // one class in this test set
    assertThat(cm.accuracy()).isZero();
  }

  @Test
  void majority_featureMismatch_namesFirstDifference() {
    Dataset train = Dataset.of(List.of("a", "b"), new double[][] {{1, 2}}, new double[] {1}, new long[] {1});
    Dataset other = Dataset.of(List.of("a", "c"), new double[][] {{1, 2}}, new double[] {1}, new long[] {1});
    assertThatThrownBy(() -> MajorityClassifier.fit(train).predictProba(other))
        .hasMessageContaining("first difference at position 1: model 'b', data 'c'");
  }

  /** The data of tools/ml_logreg_reference.py (same SplitMix64 draws, same order). */
  static Dataset referenceData() {
    SplitMix64 r = new SplitMix64(7L);
    int n = 400;
    double[][] x = new double[n][];
    double[] y = new double[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      double x0 = 10 + 3 * (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5);
      double x1 = -2 + 0.5 * (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5) + 0.3 * x0;
      double x2 = 1000 * r.nextDouble();
      double eta = 0.4 * (x0 - 10) - 1.2 * (x1 - 1) + 0.002 * (x2 - 500);
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      x[i] = new double[] {x0, x1, x2, 7.0};
      t[i] = i * 3_600_000L;
    }
    return Dataset.of(NAMES4, x, y, t);
  }

  @Test
  void logistic_matchesNumpyIrls_lambda1() {
    Dataset d = referenceData();
    assertThat(d.requireBinaryLabels("reference")).isEqualTo(206); // numpy: positives=206
    LogisticRegression lr = LogisticRegression.fit(d, LogisticRegressionConfig.DEFAULT);
    // tools/ml_logreg_reference.py, lambda=1.0
    assertThat(lr.standardizedIntercept()).isCloseTo(0.06496610412740858, within(1e-8));
    assertThat(lr.standardizedCoefficients()).containsExactly(new double[] {0.7306484723467438,
        -0.5912671563810152, 0.6804882409846381, 0.0}, within(1e-8));
    assertThat(lr.coefficients()).containsExactly(new double[] {0.49643745321913596, -1.1533035208250357,
        0.0024003694188522388, 0.0}, within(1e-8));
    assertThat(lr.intercept()).isCloseTo(-5.005580341717477, within(1e-8));
    assertThat(lr.featureScales()[3]).isEqualTo(1.0); // constant feature
    assertThat(lr.iterations()).isLessThan(20);
  }

  @Test
  void logistic_matchesNumpyIrls_lambda01() {
    LogisticRegression lr = LogisticRegression.fit(referenceData(), LogisticRegressionConfig.DEFAULT
        .withL2Lambda(0.1));
    // tools/ml_logreg_reference.py, lambda=0.1
    assertThat(lr.standardizedIntercept()).isCloseTo(0.06513738013868497, within(1e-8));
    assertThat(lr.standardizedCoefficients()).containsExactly(new double[] {0.7835492864661746, -0.642338163627237,
        0.6915799821782448, 0.0}, within(1e-8));
    assertThat(lr.coefficients()).containsExactly(new double[] {0.5323807918130282, -1.2529207105056896,
        0.0024394946744546466, 0.0}, within(1e-8));
    assertThat(lr.intercept()).isCloseTo(-5.286484537334812, within(1e-8));
  }

  @Test
  void logistic_predictProba_isSigmoidOfLinearPredictorInOriginalUnits() {
    Dataset d = referenceData();
    LogisticRegression lr = LogisticRegression.fit(d, LogisticRegressionConfig.DEFAULT);
    double[] p = lr.predictProba(d);
    double[] c = lr.coefficients();
    for (int i = 0; i < d.rows(); i += 37) {
      double eta = lr.intercept();
      for (int j = 0; j < 4; j++) {
        eta += c[j] * d.x(i, j);
      }
      assertThat(p[i]).isCloseTo(1 / (1 + Math.exp(-eta)), within(1e-12));
    }
    assertThat(ClassificationMetrics.of(d.y(), p).rocAuc()).isGreaterThan(0.7);
  }

  @Test
  void logistic_nonConvergence_namesIterations() {
    assertThatThrownBy(() -> LogisticRegression.fit(referenceData(), new LogisticRegressionConfig(1.0, 1e-10, 2)))
        .isInstanceOf(OptimizationException.class)
        .hasMessageContaining("did not converge in 2 Newton iterations");
  }

  @Test
  void logistic_unpenalisedConstantFeature_singular() {
    assertThatThrownBy(() -> LogisticRegression.fit(referenceData(), new LogisticRegressionConfig(0.0, 1e-10, 50)))
        .isInstanceOf(OptimizationException.class)
        .hasMessageContaining("not positive definite").hasMessageContaining("[x3]");
  }

  @Test
  void logistic_badLabels_rejected() {
    Dataset d = Dataset.of(List.of("a"), new double[][] {{1}, {2}}, new double[] {0, 0.5}, new long[] {1, 2});
    assertThatThrownBy(() -> LogisticRegression.fit(d, LogisticRegressionConfig.DEFAULT))
        .hasMessageContaining("row 1 is 0.5");
  }
}
