package io.slipstream.ml.model;

import io.slipstream.core.Checks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary classification metrics from labels {@code y} (0 or 1) and predicted probabilities {@code p} of class 1.
 *
 * <p>A sample is predicted positive when {@code p > threshold} (strictly, as XGBoost's {@code error} metric and
 * scikit-learn's {@code predict} at 0.5). Then, with the confusion matrix {@code tn, fp, fn, tp} (counts):
 * <ul>
 *   <li>accuracy {@code = (tp + tn) / n};</li>
 *   <li>precision {@code = tp / (tp + fp)} of class 1, <b>NaN when there is no positive prediction</b>
 *       ({@code tp + fp = 0});</li>
 *   <li>recall {@code = tp / (tp + fn)}, <b>NaN when there is no positive label</b>;</li>
 *   <li>F1 {@code = 2 tp / (2 tp + fp + fn)} (the harmonic mean of precision and recall where both are defined;
 *       0 when {@code tp = 0} but {@code fp + fn > 0}), <b>NaN when {@code tp + fp + fn = 0}</b>;</li>
 *   <li>ROC AUC by ranks (Mann-Whitney U): {@code (R_1 - n_1 (n_1 + 1) / 2) / (n_1 n_0)}, where {@code R_1} is the sum
 *       of the ranks of the positives among all {@code p} (ties get their average rank, i.e. a tied pair counts
 *       1/2); <b>NaN when only one class is present</b>; independent of the threshold;</li>
 *   <li>log loss {@code = -(1/n) sum [y ln q + (1 - y) ln(1 - q)]}, natural log, with
 *       {@code q = clip(p, 1e-15, 1 - 1e-15)}; independent of the threshold.</li>
 * </ul>
 * Reference: T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27 (2006); scikit-learn's
 * {@code roc_auc_score}, {@code log_loss} and {@code precision_recall_fscore_support} give the same numbers, except
 * that scikit-learn reports 0 with a warning where this class reports NaN. Values checked against
 * {@code tools/ml_metrics_reference.py}.
 *
 * @param threshold the decision threshold in {@code [0, 1]}
 * @param support the number of samples {@code n >= 1}
 * @param positives the number of labels equal to 1 ({@code n_1 = tp + fn})
 * @param tn true negatives (label 0, predicted 0)
 * @param fp false positives (label 0, predicted 1)
 * @param fn false negatives (label 1, predicted 0)
 * @param tp true positives (label 1, predicted 1)
 * @param accuracy the share predicted right, in {@code [0, 1]}
 * @param precision of class 1, in {@code [0, 1]} or NaN
 * @param recall of class 1, in {@code [0, 1]} or NaN
 * @param f1 of class 1, in {@code [0, 1]} or NaN
 * @param rocAuc area under the ROC curve, in {@code [0, 1]} or NaN
 * @param logLoss mean negative log-likelihood in nats, {@code >= 0}
 */
public record ClassificationMetrics(double threshold, int support, int positives, int tn, int fp, int fn, int tp,
    double accuracy, double precision, double recall, double f1, double rocAuc, double logLoss) {
  /** The default decision threshold, 0.5. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** The clipping bound of the log loss: {@code p} is clipped to {@code [1e-15, 1 - 1e-15]}. */
  public static final double LOG_LOSS_EPS = 1e-15;

  /**
   * Checks that the counts add up.
   *
   * @throws IllegalArgumentException if a count is negative, {@code tn + fp + fn + tp != support},
   *     {@code tp + fn != positives} or {@code threshold} is outside {@code [0, 1]}
   */
  public ClassificationMetrics {
    Checks.inRange(threshold, 0, 1, "threshold");
    Checks.positive(support, "support");
    if (tn < 0 || fp < 0 || fn < 0 || tp < 0 || tn + fp + fn + tp != support || tp + fn != positives) {
      throw new IllegalArgumentException("Confusion matrix tn=" + tn + ", fp=" + fp + ", fn=" + fn + ", tp=" + tp
          + " does not match support=" + support + " and positives=" + positives);
    }
  }

  /**
   * Metrics at the default threshold 0.5.
   *
   * @param y labels, each 0 or 1. Not modified.
   * @param p probabilities of class 1, each in {@code [0, 1]}, same length. Not modified.
   * @return the metrics
   * @throws IllegalArgumentException as {@link #of(double[], double[], double)}
   */
  public static ClassificationMetrics of(double[] y, double[] p) {
    return of(y, p, DEFAULT_THRESHOLD);
  }

  /**
   * Metrics at a given threshold.
   *
   * @param y labels, each 0 or 1. Not modified.
   * @param p probabilities of class 1, each in {@code [0, 1]} (no NaN), same length as {@code y}. Not modified.
   * @param threshold predicted positive when {@code p > threshold}; in {@code [0, 1]}
   * @return the metrics
   * @throws IllegalArgumentException for empty or mismatched arrays, a label other than 0 or 1, a probability
   *     outside {@code [0, 1]} or NaN (naming the index and value), or a threshold outside {@code [0, 1]}
   */
  public static ClassificationMetrics of(double[] y, double[] p, double threshold) {
    Checks.notNull(y, "y");
    Checks.notNull(p, "p");
    Checks.inRange(threshold, 0, 1, "threshold");
    Checks.positive(y.length, "y.length");
    Checks.sameLength(p.length, y.length, "p");
    int tn = 0;
    int fp = 0;
    int fn = 0;
    int tp = 0;
    double ll = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0.0 && y[i] != 1.0) {
        throw new IllegalArgumentException("Argument 'y' must hold 0 or 1, was " + y[i] + " at index " + i);
      }
      if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
        throw new IllegalArgumentException("Argument 'p' must be in [0, 1], was " + p[i] + " at index " + i);
      }
      boolean label = y[i] == 1.0;
      boolean pred = p[i] > threshold;
      if (label) {
        if (pred) {
          tp++;
        } else {
          fn++;
        }
      } else if (pred) {
        fp++;
      } else {
        tn++;
      }
      double q = Math.min(Math.max(p[i], LOG_LOSS_EPS), 1.0 - LOG_LOSS_EPS);
      ll -= label ? Math.log(q) : Math.log(1.0 - q);
    }
    int n = y.length;
    double accuracy = (double) (tp + tn) / n;
    double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    double f1 = tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
    return new ClassificationMetrics(threshold, n, tp + fn, tn, fp, fn, tp, accuracy, precision, recall, f1,
        rocAuc(y, p), ll / n);
  }

  /**
   * ROC AUC by ranks (Mann-Whitney U with average ranks for ties), see the class comment.
   *
   * @param y labels, each 0 or 1. Not modified.
   * @param p scores (any finite or infinite values, no NaN), same length. Not modified.
   * @return the AUC in {@code [0, 1]}, NaN when {@code y} holds a single class
   * @throws IllegalArgumentException for empty or mismatched arrays, a label other than 0 or 1, or a NaN score
   */
  public static double rocAuc(double[] y, double[] p) {
    Checks.notNull(y, "y");
    Checks.notNull(p, "p");
    Checks.positive(y.length, "y.length");
    Checks.sameLength(p.length, y.length, "p");
    int n = y.length;
    Integer[] order = new Integer[n];
    long n1 = 0;
    for (int i = 0; i < n; i++) {
      if (y[i] != 0.0 && y[i] != 1.0) {
        throw new IllegalArgumentException("Argument 'y' must hold 0 or 1, was " + y[i] + " at index " + i);
      }
      if (Double.isNaN(p[i])) {
        throw new IllegalArgumentException("Argument 'p' must not be NaN, at index " + i);
      }
      order[i] = i;
      if (y[i] == 1.0) {
        n1++;
      }
    }
    long n0 = n - n1;
    if (n1 == 0 || n0 == 0) {
      return Double.NaN;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    // sum of ranks (1-based) of the positives, a tie group [i, j) sharing the average rank (i + 1 + j) / 2
    double rankSum1 = 0;
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && p[order[j]] == p[order[i]]) {
        j++;
      }
      double avgRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (y[order[k]] == 1.0) {
          rankSum1 += avgRank;
        }
      }
      i = j;
    }
    return (rankSum1 - n1 * (n1 + 1) / 2.0) / ((double) n1 * n0);
  }

  /** @return the number of labels equal to 0 ({@code tn + fp}) */
  public int negatives() {
    return tn + fp;
  }

  /**
   * The metrics by name, for reports: {@code threshold, support, positives, tn, fp, fn, tp, accuracy, precision,
   * recall, f1, roc_auc, log_loss} (counts as doubles; NaN kept).
   *
   * @return an insertion-ordered, unmodifiable map
   */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("threshold", threshold);
    m.put("support", (double) support);
    m.put("positives", (double) positives);
    m.put("tn", (double) tn);
    m.put("fp", (double) fp);
    m.put("fn", (double) fn);
    m.put("tp", (double) tp);
    m.put("accuracy", accuracy);
    m.put("precision", precision);
    m.put("recall", recall);
    m.put("f1", f1);
    m.put("roc_auc", rocAuc);
    m.put("log_loss", logLoss);
    return java.util.Collections.unmodifiableMap(m);
  }
}
