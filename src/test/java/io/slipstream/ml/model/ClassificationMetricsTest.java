package io.slipstream.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  @Test
  void of_handWorkedConfusionMatrix() {
    double[] y = {1, 1, 0, 0, 1, 0};
    double[] p = {0.9, 0.4, 0.6, 0.2, 0.7, 0.5};
    ClassificationMetrics m = ClassificationMetrics.of(y, p);
    // predicted 1 where p > 0.5: rows 0, 2, 4 (0.5 itself is predicted 0)
    assertThat(new int[] {m.tn(), m.fp(), m.fn(), m.tp()}).containsExactly(2, 1, 1, 2);
    assertThat(m.support()).isEqualTo(6);
    assertThat(m.positives()).isEqualTo(3);
    assertThat(m.negatives()).isEqualTo(3);
    assertThat(m.accuracy()).isEqualTo(4.0 / 6);
    assertThat(m.precision()).isEqualTo(2.0 / 3);
    assertThat(m.recall()).isEqualTo(2.0 / 3);
    assertThat(m.f1()).isEqualTo(2.0 / 3);
    // pairs (pos > neg): 0.9 beats 3, 0.4 beats 1 (0.2), 0.7 beats 3 -> 7 of 9
    assertThat(m.rocAuc()).isCloseTo(7.0 / 9, within(1e-15));
    double ll = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8) + Math.log(0.7) + Math.log(0.5)) / 6;
    assertThat(m.logLoss()).isCloseTo(ll, within(1e-15));
  }

  @Test
  void of_lowerThreshold_changesConfusionNotAucOrLogLoss() {
    double[] y = {1, 1, 0, 0, 1, 0};
    double[] p = {0.9, 0.4, 0.6, 0.2, 0.7, 0.5};
    ClassificationMetrics m = ClassificationMetrics.of(y, p, 0.3);
    assertThat(new int[] {m.tn(), m.fp(), m.fn(), m.tp()}).containsExactly(1, 2, 0, 3);
    assertThat(m.precision()).isEqualTo(3.0 / 5);
    assertThat(m.recall()).isEqualTo(1.0);
    assertThat(m.f1()).isEqualTo(6.0 / 8);
    assertThat(m.rocAuc()).isEqualTo(ClassificationMetrics.of(y, p).rocAuc());
    assertThat(m.logLoss()).isEqualTo(ClassificationMetrics.of(y, p).logLoss());
  }

  @Test
  void rocAuc_tiesCountHalf() {
    // pairs: (0.5, 0.5) 1/2, (0.5, 0.8) 0, (0.8, 0.5) 1, (0.8, 0.8) 1/2 -> 2/4
    assertThat(ClassificationMetrics.rocAuc(new double[] {1, 0, 1, 0}, new double[] {0.5, 0.5, 0.8, 0.8}))
        .isEqualTo(0.5);
    assertThat(ClassificationMetrics.rocAuc(new double[] {0, 0, 1}, new double[] {0.1, 0.2, 0.3})).isEqualTo(1.0);
    assertThat(ClassificationMetrics.rocAuc(new double[] {1, 1, 0}, new double[] {0.1, 0.2, 0.3})).isEqualTo(0.0);
  }

  @Test
  void undefinedValues_areNaN() {
    // no positive prediction: precision undefined; recall 0; F1 = 2tp/(2tp+fp+fn) = 0
    ClassificationMetrics a = ClassificationMetrics.of(new double[] {1, 0}, new double[] {0.1, 0.2});
    assertThat(a.precision()).isNaN();
    assertThat(a.recall()).isZero();
    assertThat(a.f1()).isZero();
    // one class only, nothing predicted positive: precision, recall, F1 and AUC undefined
    ClassificationMetrics b = ClassificationMetrics.of(new double[] {0, 0}, new double[] {0.1, 0.2});
    assertThat(b.precision()).isNaN();
    assertThat(b.recall()).isNaN();
    assertThat(b.f1()).isNaN();
    assertThat(b.rocAuc()).isNaN();
    assertThat(b.accuracy()).isEqualTo(1.0);
  }

  @Test
  void logLoss_clipsCertainMistakes() {
    ClassificationMetrics m = ClassificationMetrics.of(new double[] {1, 0}, new double[] {0.0, 1.0});
    // q = 1e-15 and 1 - (1 - 1e-15) = 9.992007221626409e-16 in doubles
    assertThat(m.logLoss()).isCloseTo(-(Math.log(1e-15) + Math.log(1 - (1 - 1e-15))) / 2, within(1e-12));
    // numpy: -mean(y log q + (1-y) log(1-q)), q = clip([0, 1], 1e-15, 1 - 1e-15)
    assertThat(m.logLoss()).isCloseTo(34.53917619362578, within(1e-12));
  }

  @Test
  void of_matchesNumpyReference() {
    // tools/ml_metrics_reference.py: SplitMix64 seed 20240601, n = 300, p = floor(u1*40)/40, y = u2 < 0.3 + 0.4 p,
    // then p[0] = 1, y[0] = 0
    SplitMix64 r = new SplitMix64(20240601L);
    int n = 300;
    double[] p = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double u1 = r.nextDouble();
      double u2 = r.nextDouble();
      p[i] = Math.floor(u1 * 40) / 40;
      y[i] = u2 < 0.3 + 0.4 * p[i] ? 1 : 0;
    }
    p[0] = 1.0;
    y[0] = 0.0;
    ClassificationMetrics m = ClassificationMetrics.of(y, p);
    // numpy output (pasted): n=300 positives=158; tn=86 fp=56 fn=77 tp=81
    assertThat(m.positives()).isEqualTo(158);
    assertThat(new int[] {m.tn(), m.fp(), m.fn(), m.tp()}).containsExactly(86, 56, 77, 81);
    assertThat(m.accuracy()).isCloseTo(0.5566666666666666, within(1e-12));
    assertThat(m.precision()).isCloseTo(0.5912408759124088, within(1e-12));
    assertThat(m.recall()).isCloseTo(0.5126582278481012, within(1e-12));
    assertThat(m.f1()).isCloseTo(0.5491525423728814, within(1e-12));
    assertThat(m.rocAuc()).isCloseTo(0.5814316277411303, within(1e-12));
    assertThat(m.logLoss()).isCloseTo(1.5011586415959437, within(1e-12));
  }

  @Test
  void badInput_namesIndexAndValue() {
    assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {1, 2}, new double[] {0.1, 0.2}))
        .hasMessageContaining("'y' must hold 0 or 1, was 2.0 at index 1");
    assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {1, 0}, new double[] {0.1, Double.NaN}))
        .hasMessageContaining("'p' must be in [0, 1], was NaN at index 1");
    assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {1, 0}, new double[] {0.1}))
        .hasMessageContaining("'p' must have length 2, was 1");
    assertThatThrownBy(() -> ClassificationMetrics.of(new double[0], new double[0]))
        .hasMessageContaining("y.length");
  }

  @Test
  void asMap_listsEveryMetric() {
    ClassificationMetrics m = ClassificationMetrics.of(new double[] {1, 0}, new double[] {0.9, 0.1});
    assertThat(m.asMap()).containsKeys("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "tn", "fp",
        "fn", "tp", "support");
    assertThat(m.asMap().get("roc_auc")).isEqualTo(1.0);
  }
}
