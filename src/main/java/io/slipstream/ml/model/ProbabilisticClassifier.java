package io.slipstream.ml.model;

import java.util.List;

/**
 * A fitted binary classifier that gives the probability of class 1 (e.g. "the close {@code h} bars ahead is
 * higher", {@link Labels}) for every row of a {@link Dataset}. Implementations are immutable once fitted (or, for
 * {@link TrainedModel}, hold a native model that is safe to call from several threads).
 */
public interface ProbabilisticClassifier {
  /** @return the features the model was fitted on, in column order */
  List<String> featureNames();

  /**
   * Probability of class 1 per row.
   *
   * @param data rows to score; its feature names must equal {@link #featureNames()}, in order (its labels are
   *     ignored)
   * @return one probability in {@code [0, 1]} per row of {@code data}
   * @throws IllegalArgumentException if the feature lists differ, naming the first difference
   */
  double[] predictProba(Dataset data);
}
