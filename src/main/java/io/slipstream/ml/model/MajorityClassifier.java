package io.slipstream.ml.model;

import io.slipstream.core.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * The no-skill baseline: predicts for every row the frequency of class 1 in the training labels,
 * {@code p = n_1 / n}. At the threshold 0.5 ({@code p > 0.5}) it therefore predicts the training majority class
 * (class 0 on an exact tie); its ROC AUC is 0.5 (all scores tied) and its log loss is the cross-entropy of the
 * base rate. Any model worth using must beat it out of sample.
 */
public final class MajorityClassifier implements ProbabilisticClassifier {
  private final List<String> featureNames;
  private final double positiveRate;

  private MajorityClassifier(List<String> featureNames, double positiveRate) {
    this.featureNames = List.copyOf(featureNames);
    this.positiveRate = positiveRate;
  }

  /**
   * Fits the base rate.
   *
   * @param train training rows; labels 0 or 1
   * @return the fitted baseline
   * @throws IllegalArgumentException if a label is not 0 or 1 (naming the row)
   */
  public static MajorityClassifier fit(Dataset train) {
    Checks.notNull(train, "train");
    int positives = train.requireBinaryLabels("train");
    return new MajorityClassifier(train.featureNames(), (double) positives / train.rows());
  }

  /** @return {@code p = n_1 / n} of the training labels, in {@code [0, 1]} */
  public double positiveRate() {
    return positiveRate;
  }

  /** @return the training majority class: 1 if {@code positiveRate > 0.5}, else 0 */
  public int majorityClass() {
    return positiveRate > 0.5 ? 1 : 0;
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * @return {@link #positiveRate()} for every row of {@code data}
   * @throws IllegalArgumentException if the feature lists differ (the contract of every classifier here, even
   *     though the features are not used)
   */
  @Override
  public double[] predictProba(Dataset data) {
    Checks.notNull(data, "data");
    FeatureLists.requireSame(featureNames, data.featureNames(), "data");
    double[] p = new double[data.rows()];
    Arrays.fill(p, positiveRate);
    return p;
  }

  @Override
  public String toString() {
    return "MajorityClassifier[positiveRate=" + positiveRate + "]";
  }
}
