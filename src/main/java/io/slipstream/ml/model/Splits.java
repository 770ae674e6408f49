package io.slipstream.ml.model;

import io.slipstream.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time-ordered train/test splits over sample indices {@code 0..n-1} (rows of a {@link Dataset}, in time order).
 *
 * <p>Definitions (M. López de Prado, <i>Advances in Financial Machine Learning</i>, Wiley 2018, ch. 7), for a label
 * of sample {@code t} spanning bars {@code [t, t+h]} ({@link Labels}):
 * <ul>
 *   <li><b>purge</b> (AFML 7.4.1): a training sample whose label window overlaps the label window of a test sample
 *       leaks the test outcome. Windows {@code [t, t+h]} and {@code [u, u+h]} overlap when {@code |t - u| <= h};
 *       with {@code purge = h} the training samples {@code t} with {@code u - purge <= t < u} for a test sample
 *       {@code u} (the {@code purge} samples just before a test block) are removed, and, where training data
 *       follows a test block, also those with {@code u < t <= u + purge}.</li>
 *   <li><b>embargo</b> (AFML 7.4.2): features computed over trailing windows make the samples right after a test
 *       block serially correlated with it; the {@code embargo} samples that follow a test block (after the purged
 *       ones) are removed from training.</li>
 * </ul>
 * Every split below therefore satisfies: no training index {@code t} and test index {@code u} with
 * {@code u - purge <= t < u} or {@code u < t <= u + purge + embargo}. In a walk-forward split all training samples
 * precede the test block, so only the purge bites there; the embargo matters for {@link #purgedKFold}, where
 * training data lies on both sides of the test block.
 */
public final class Splits {
  /** The default share of samples in the training part of {@link #trainTest}: 70%. */
  public static final double DEFAULT_TRAIN_FRACTION = 0.7;

  private Splits() {
  }

  /**
   * One train/test split: two sorted, disjoint index sets into {@code 0..n-1}.
   *
   * @param trainIdx training sample indices, strictly increasing, non-empty; copied in and out
   * @param testIdx test sample indices, strictly increasing, non-empty; copied in and out
   */
  public record Split(int[] trainIdx, int[] testIdx) {
    /**
     * @throws IllegalArgumentException if an array is null, empty, or not strictly increasing
     */
    public Split {
      trainIdx = increasing(trainIdx, "trainIdx");
      testIdx = increasing(testIdx, "testIdx");
    }

    /** @return a copy of the training indices */
    @Override
    public int[] trainIdx() {
      return trainIdx.clone();
    }

    /** @return a copy of the test indices */
    @Override
    public int[] testIdx() {
      return testIdx.clone();
    }

    /** @return the first test index */
    public int testStart() {
      return testIdx[0];
    }

    /** @return one past the last test index */
    public int testEnd() {
      return testIdx[testIdx.length - 1] + 1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Split s && Arrays.equals(s.trainIdx, trainIdx) && Arrays.equals(s.testIdx, testIdx);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(trainIdx) + Arrays.hashCode(testIdx);
    }

    @Override
    public String toString() {
      return "Split[train=" + describe(trainIdx) + ", test=" + describe(testIdx) + "]";
    }

    private static String describe(int[] idx) {
      return idx.length + " samples in [" + idx[0] + ", " + idx[idx.length - 1] + "]";
    }

    private static int[] increasing(int[] idx, String name) {
      Checks.notNull(idx, name);
      if (idx.length == 0) {
        throw new IllegalArgumentException("Argument '" + name + "' must not be empty");
      }
      for (int i = 0; i < idx.length; i++) {
        if (idx[i] < 0 || (i > 0 && idx[i] <= idx[i - 1])) {
          throw new IllegalArgumentException("Argument '" + name + "' must be non-negative and strictly increasing: "
              + "element " + i + " is " + idx[i] + (i > 0 ? " after " + idx[i - 1] : ""));
        }
      }
      return idx.clone();
    }
  }

  /**
   * Time-ordered holdout: train = {@code [0, nTrain)}, test = {@code [nTrain, n)}, with
   * {@code nTrain = floor(n * trainFraction)}. No purge: the last {@code h} training labels look into the test
   * period; use {@link #trainTest(int, double, int)} with {@code purge = h} to remove them.
   *
   * @param n number of samples, {@code >= 2}
   * @param trainFraction share of samples for training, in {@code (0, 1)}; {@link #DEFAULT_TRAIN_FRACTION} = 0.7
   * @return the split
   * @throws IllegalArgumentException if {@code n < 2}, {@code trainFraction} is outside {@code (0, 1)}, or either
   *     part would be empty
   */
  public static Split trainTest(int n, double trainFraction) {
    return trainTest(n, trainFraction, 0);
  }

  /**
   * Time-ordered holdout with a purge: test = {@code [nTrain, n)}, train = {@code [0, nTrain - purge)}, with
   * {@code nTrain = floor(n * trainFraction)}.
   *
   * @param n number of samples, {@code >= 2}
   * @param trainFraction share of samples before the test block, in {@code (0, 1)}
   * @param purge number of samples removed from the end of the training part (the label horizon {@code h}),
   *     {@code >= 0}
   * @return the split
   * @throws IllegalArgumentException if {@code n < 2}, {@code trainFraction} is outside {@code (0, 1)},
   *     {@code purge < 0}, or either part would be empty (naming the sizes)
   */
  public static Split trainTest(int n, double trainFraction, int purge) {
    if (n < 2) {
      throw new IllegalArgumentException("Argument 'n' must be >= 2, was " + n);
    }
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("Argument 'trainFraction' must be in (0, 1), was " + trainFraction);
    }
    nonNegative(purge, "purge");
    int nTrain = (int) Math.floor(n * trainFraction);
    if (nTrain - purge < 1 || nTrain >= n) {
      throw new IllegalArgumentException("Split of n = " + n + " at trainFraction = " + trainFraction
          + " with purge = " + purge + " leaves " + (nTrain - purge) + " training and " + (n - nTrain)
          + " test samples; both must be >= 1");
    }
    return new Split(rangeExcluding(0, nTrain - purge, 0, 0), rangeExcluding(nTrain, n, 0, 0));
  }

  /**
   * Purged, embargoed walk-forward splits (train always before test). The last {@code folds * testSize} samples,
   * {@code testSize = floor(n / (folds + 1))}, form {@code folds} consecutive test blocks; the first
   * {@code w = n - folds * testSize} samples (the remainder included) form the initial training window. For the
   * test block {@code [s, s + testSize)}:
   * <ul>
   *   <li>anchored (expanding window): train = {@code [0, s - purge)};</li>
   *   <li>rolling (fixed window): train = {@code [s - w, s - purge)}, so every fold trains on
   *       {@code w - purge} samples.</li>
   * </ul>
   * Training samples within {@code purge} before, or {@code purge + embargo} after, any test index are excluded
   * (see the class comment); since training data never follows the test block here, the embargo removes nothing
   * in a walk-forward split and is accepted for symmetry with {@link #purgedKFold}.
   *
   * @param n number of samples, {@code >= folds + 1}
   * @param folds number of test blocks, {@code >= 1}
   * @param purge the label horizon {@code h} in samples, {@code >= 0}
   * @param embargo samples removed after each test block, {@code >= 0}
   * @param anchored true for an expanding training window from sample 0, false for a rolling one of length
   *     {@code w}
   * @return the splits, in time order of their test blocks (disjoint, increasing)
   * @throws IllegalArgumentException if {@code folds < 1}, {@code purge < 0}, {@code embargo < 0}, the test blocks
   *     would be empty ({@code n < folds + 1}), or the purge empties the first training window (naming the sizes)
   */
  public static List<Split> purgedWalkForward(int n, int folds, int purge, int embargo, boolean anchored) {
    Checks.positive(folds, "folds");
    nonNegative(purge, "purge");
    nonNegative(embargo, "embargo");
    int testSize = n / (folds + 1);
    if (testSize < 1) {
      throw new IllegalArgumentException("Argument 'n' must be >= folds + 1 = " + (folds + 1) + ", was " + n);
    }
    int initial = n - folds * testSize;
    if (initial - purge < 1) {
      throw new IllegalArgumentException("Walk-forward of n = " + n + " in " + folds + " folds: the first training "
          + "window of " + initial + " samples is emptied by purge = " + purge);
    }
    List<Split> out = new ArrayList<>(folds);
    for (int k = 0; k < folds; k++) {
      int s = initial + k * testSize;
      int e = s + testSize;
      int from = anchored ? 0 : s - initial;
      out.add(new Split(rangeExcluding(from, s - purge, s - purge, e + purge + embargo),
          rangeExcluding(s, e, 0, 0)));
    }
    return List.copyOf(out);
  }

  /**
   * Purged k-fold cross-validation with an embargo (AFML 7.4.3, {@code PurgedKFold}): {@code folds} consecutive,
   * disjoint test blocks cover {@code [0, n)} (the first {@code n mod folds} blocks one sample larger); for the
   * test block {@code [s, e)} the training set is every other sample outside {@code [s - purge, e + purge + embargo)}.
   * Training data lies on both sides of the test block, which suits model selection on a stationary
   * process but not a backtest: use {@link #purgedWalkForward} for out-of-sample evaluation in time.
   *
   * @param n number of samples, {@code >= folds}
   * @param folds number of test blocks, {@code >= 2}
   * @param purge the label horizon {@code h} in samples, {@code >= 0}
   * @param embargo samples removed after each test block (after the purged ones), {@code >= 0}
   * @return the splits, in time order of their test blocks
   * @throws IllegalArgumentException if {@code folds < 2}, {@code n < folds}, {@code purge < 0},
   *     {@code embargo < 0}, or a fold would have no training sample left (naming the fold)
   */
  public static List<Split> purgedKFold(int n, int folds, int purge, int embargo) {
    if (folds < 2) {
      throw new IllegalArgumentException("Argument 'folds' must be >= 2, was " + folds);
    }
    if (n < folds) {
      throw new IllegalArgumentException("Argument 'n' must be >= folds = " + folds + ", was " + n);
    }
    nonNegative(purge, "purge");
    nonNegative(embargo, "embargo");
    List<Split> out = new ArrayList<>(folds);
    int s = 0;
    for (int k = 0; k < folds; k++) {
      int size = n / folds + (k < n % folds ? 1 : 0);
      int e = s + size;
      int[] train = rangeExcluding(0, n, s - purge, e + purge + embargo);
      if (train.length == 0) {
        throw new IllegalArgumentException("Purged k-fold of n = " + n + " in " + folds + " folds: fold " + k
            + " (test [" + s + ", " + e + ")) has no training sample left after purge = " + purge + " and embargo = "
            + embargo);
      }
      out.add(new Split(train, rangeExcluding(s, e, 0, 0)));
      s = e;
    }
    return List.copyOf(out);
  }

  /** The indices of {@code [from, to)} outside {@code [exFrom, exTo)}. */
  private static int[] rangeExcluding(int from, int to, int exFrom, int exTo) {
    int[] out = new int[Math.max(0, to - from)];
    int k = 0;
    for (int i = from; i < to; i++) {
      if (i < exFrom || i >= exTo) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static void nonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException("Argument '" + name + "' must be >= 0, was " + value);
    }
  }
}
