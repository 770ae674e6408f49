package io.slipstream.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class XgbClassifierTest {
  private static final XgbParams FAST = XgbParams.DEFAULT.withNEstimators(150).withEarlyStoppingRounds(20)
      .withEta(0.1).withNthread(2);

  private static Dataset sepTrain;
  private static Dataset sepValid;
  private static Dataset sepTest;
  private static TrainedModel separable;

  @BeforeAll
  static void fitSeparable() {
    Dataset all = XgbTestData.make(3000, 5, true, 0.5, 11L);
    sepTrain = all.range(0, 2000);
    sepValid = all.range(2000, 2500);
    sepTest = all.range(2500, 3000);
    separable = XgbClassifier.fit(sepTrain, sepValid, FAST);
  }

  @AfterAll
  static void close() {
    separable.close();
  }

  @Test
  void separableProblem_highTestAuc_andInformativeFeaturesRankFirst() {
    double[] p = separable.predictProba(sepTest);
    assertThat(p).hasSize(500);
    assertThat(Arrays.stream(p).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(Arrays.stream(p).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    ClassificationMetrics m = ClassificationMetrics.of(sepTest.y(), p);
    assertThat(m.rocAuc()).isGreaterThan(0.95);
    assertThat(m.accuracy()).isGreaterThan(0.85);
    Map<String, Double> gain = separable.gainImportance();
    assertThat(gain.keySet()).containsExactly("x0", "x1", "x2", "x3", "x4");
    assertThat(gain.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
    assertThat(gain.get("x0")).isGreaterThan(gain.get("x1"));
    for (String noise : List.of("x2", "x3", "x4")) {
      assertThat(gain.get("x1")).isGreaterThan(gain.get(noise));
    }
  }

  @Test
  void trainedModel_recordsWindowParamsAndIterations() {
    assertThat(separable.featureNames()).containsExactly("x0", "x1", "x2", "x3", "x4");
    assertThat(separable.trainStart()).isEqualTo(Instant.ofEpochMilli(XgbTestData.T0));
    assertThat(separable.trainEnd()).isEqualTo(Instant.ofEpochMilli(XgbTestData.T0 + 1999 * XgbTestData.HOUR_MS));
    assertThat(separable.trainRows()).isEqualTo(2000);
    assertThat(separable.params()).isEqualTo(FAST);
    assertThat(separable.bestIteration()).isBetween(0, FAST.nEstimators() - 1);
    assertThat(separable.boostedRounds()).isGreaterThan(separable.bestIteration());
    assertThat(separable.scalePosWeight()).isEqualTo(1.0);
    // the recorded validation log loss is that of the trees used for prediction
    double validLoss = ClassificationMetrics.of(sepValid.y(), separable.predictProba(sepValid)).logLoss();
    assertThat(separable.bestValidationLogLoss()).isCloseTo(validLoss, within(1e-5));
  }

  @Test
  void pureNoise_testAucNearHalf_andEarlyStoppingStops() {
    Dataset all = XgbTestData.make(4500, 5, false, 0.5, 12L);
    try (TrainedModel m = XgbClassifier.fit(all.range(0, 2000), all.range(2000, 2500), FAST)) {
      Dataset test = all.range(2500, 4500);
      double auc = ClassificationMetrics.of(test.y(), m.predictProba(test)).rocAuc();
      // sd of the AUC under no skill with 2 x ~1000 samples is about 0.013
      assertThat(auc).isBetween(0.45, 0.55);
      assertThat(m.boostedRounds()).isLessThan(FAST.nEstimators());
      assertThat(m.boostedRounds()).isEqualTo(m.bestIteration() + FAST.earlyStoppingRounds() + 1);
      // predictions use trees 0..bestIteration only: the same as a model boosted for exactly bestIteration + 1 rounds
      XgbParams exact = FAST.withNEstimators(m.bestIteration() + 1).withEarlyStoppingRounds(0);
      try (TrainedModel truncated = XgbClassifier.fit(all.range(0, 2000), all.range(2000, 2500), exact)) {
        assertThat(Arrays.equals(truncated.predictProba(test), m.predictProba(test))).isTrue();
      }
    }
  }

  @Test
  void sameSeedAndData_bitIdenticalPredictions_otherSeedDiffers() {
    double[] a = separable.predictProba(sepTest);
    try (TrainedModel again = XgbClassifier.fit(sepTrain, sepValid, FAST);
        TrainedModel otherSeed = XgbClassifier.fit(sepTrain, sepValid, FAST.withSeed(43L))) {
      assertThat(Arrays.equals(again.predictProba(sepTest), a)).isTrue();
      assertThat(again.bestIteration()).isEqualTo(separable.bestIteration());
      assertThat(Arrays.equals(otherSeed.predictProba(sepTest), a)).isFalse();
    }
  }

  @Test
  void singleThread_isReproducibleToo() {
    XgbParams one = FAST.withNthread(1).withNEstimators(40);
    try (TrainedModel a = XgbClassifier.fit(sepTrain, sepValid, one);
        TrainedModel b = XgbClassifier.fit(sepTrain, sepValid, one)) {
      assertThat(Arrays.equals(a.predictProba(sepTest), b.predictProba(sepTest))).isTrue();
    }
  }

  @Test
  void earlyStoppedModel_predictsWithTreesUpToBestIteration() {
    int best = separable.bestIteration();
    XgbParams exact = FAST.withNEstimators(best + 1).withEarlyStoppingRounds(0);
    try (TrainedModel truncated = XgbClassifier.fit(sepTrain, sepValid, exact)) {
      assertThat(truncated.boostedRounds()).isEqualTo(best + 1);
      assertThat(truncated.bestIteration()).isEqualTo(best);
      assertThat(Arrays.equals(truncated.predictProba(sepTest), separable.predictProba(sepTest))).isTrue();
    }
  }

  @Test
  void classWeighting_setsScalePosWeightFromCounts() {
    Dataset all = XgbTestData.make(2500, 3, false, 0.2, 13L);
    Dataset train = all.range(0, 2000);
    int pos = train.requireBinaryLabels("train");
    XgbParams p = FAST.withNEstimators(30).withEarlyStoppingRounds(0);
    try (TrainedModel weighted = XgbClassifier.fit(train, all.range(2000, 2500), p.withClassWeighting(true));
        TrainedModel plain = XgbClassifier.fit(train, all.range(2000, 2500), p)) {
      assertThat(weighted.scalePosWeight()).isEqualTo((double) (2000 - pos) / pos);
      assertThat(weighted.scalePosWeight()).isGreaterThan(3.0);
      double meanWeighted = Arrays.stream(weighted.predictProba(train)).average().orElseThrow();
      double meanPlain = Arrays.stream(plain.predictProba(train)).average().orElseThrow();
      // weighting the rare class up moves the predicted probabilities towards 0.5 from the 20% base rate
      assertThat(meanPlain).isLessThan(0.3);
      assertThat(meanWeighted).isGreaterThan(meanPlain + 0.1);
    }
  }

  @Test
  void predict_featureOrderMismatch_namesFirstDifference() {
    double[][] rows = sepTest.toRows();
    for (double[] r : rows) {
      double tmp = r[0];
      r[0] = r[1];
      r[1] = tmp;
    }
    Dataset swapped = Dataset.of(List.of("x1", "x0", "x2", "x3", "x4"), rows, sepTest.y(), sepTest.timesMs());
    assertThatThrownBy(() -> separable.predictProba(swapped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first difference at position 0: model 'x0', data 'x1'");
    Dataset fewer = Dataset.of(List.of("x0", "x1", "x2", "x3"), new double[][] {{1, 2, 3, 4}}, new double[] {1},
        new long[] {1});
    assertThatThrownBy(() -> separable.predictProba(fewer))
        .hasMessageContaining("the model has 5 features, the data 4")
        .hasMessageContaining("position 4: model 'x4', data <none>");
  }

  @Test
  void fit_badInput_throws() {
    Dataset otherNames = Dataset.of(List.of("x0", "x1", "x2", "x3", "y4"), sepValid.toRows(), sepValid.y(),
        sepValid.timesMs());
    assertThatThrownBy(() -> XgbClassifier.fit(sepTrain, otherNames, FAST))
        .hasMessageContaining("validation data").hasMessageContaining("model 'x4', validation data 'y4'");
    Dataset oneClass = Dataset.of(List.of("a"), new double[][] {{1}, {2}}, new double[] {1, 1}, new long[] {1, 2});
    assertThatThrownBy(() -> XgbClassifier.fit(oneClass, oneClass, FAST)).hasMessageContaining("both classes");
    Dataset badName = Dataset.of(List.of("ret[1h]"), new double[][] {{1}, {2}}, new double[] {0, 1},
        new long[] {1, 2});
    assertThatThrownBy(() -> XgbClassifier.fit(badName, badName, FAST))
        .hasMessageContaining("'ret[1h]' contains '['");
  }

  @Test
  void params_validated() {
    assertThatThrownBy(() -> FAST.withEta(0)).hasMessageContaining("'eta' must be in (0, 1], was 0.0");
    assertThatThrownBy(() -> FAST.withNthread(0)).hasMessageContaining("'nthread'");
    assertThatThrownBy(() -> FAST.withEarlyStoppingRounds(-1)).hasMessageContaining("'earlyStoppingRounds'");
  }

  @Test
  void nativeLibrary_loads_andWaitPolicyIsReported() {
    XgbNative.ensureLoaded();
    assertThat(XgbNative.version()).isEqualTo("2.1.4");
    assertThat(XgbNative.openMpWaitPolicy()).matches("passive \\(set by Slipstream\\)|.*from the environment.*");
  }

  @Test
  void nativeLoadFailure_namesMissingLibraryAndAptPackage() {
    String msg = XgbNative.diagnose(new UnsatisfiedLinkError(
        "/tmp/libxgboost4j123.so: libgomp.so.1: cannot open shared object file: No such file or directory"));
    assertThat(msg).contains("libgomp.so.1: cannot open shared object file")
        .contains("install the apt package libgomp1");
  }
}
