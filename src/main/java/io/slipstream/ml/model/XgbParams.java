package io.slipstream.ml.model;

import io.slipstream.core.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of {@link XgbClassifier} (XGBoost names in brackets; see
 * https://xgboost.readthedocs.io/en/release_2.1.0/parameter.html). The objective is always
 * {@code binary:logistic} and the evaluation metric {@code logloss}.
 *
 * @param maxDepth [max_depth] the deepest a tree may grow, {@code >= 1}
 * @param eta [eta] the learning rate (shrinkage per tree), in {@code (0, 1]}
 * @param subsample [subsample] the share of training rows sampled per tree, in {@code (0, 1]}
 * @param colsampleBytree [colsample_bytree] the share of features sampled per tree, in {@code (0, 1]}
 * @param minChildWeight [min_child_weight] the least Hessian sum in a leaf, finite, {@code >= 0}
 * @param lambda [lambda] the L2 penalty on leaf weights, finite, {@code >= 0}
 * @param nEstimators [num_boost_round] the most boosting rounds (trees), {@code >= 1}
 * @param earlyStoppingRounds stop when the validation log loss has not improved for this many rounds; 0 = no early
 *     stopping (all {@code nEstimators} trees are used), {@code >= 0}
 * @param seed [seed] the random seed of row and column sampling
 * @param nthread [nthread] the number of OpenMP threads, {@code >= 1}; results are reproducible for a fixed
 *     {@code nthread} (a different thread count may change the last bits)
 * @param classWeighting when true, [scale_pos_weight] {@code = n_0 / n_1} of the training labels, so both classes
 *     weigh the same in total; when false, 1
 */
public record XgbParams(int maxDepth, double eta, double subsample, double colsampleBytree, double minChildWeight,
    double lambda, int nEstimators, int earlyStoppingRounds, long seed, int nthread, boolean classWeighting) {

  /**
   * Defaults for noisy financial targets: depth 3, eta 0.05, subsample 0.8, colsample_bytree 0.8,
   * min_child_weight 1, lambda 1, 300 rounds, early stopping after 30, seed 42, 2 threads, no class weighting.
   */
  public static final XgbParams DEFAULT = new XgbParams(3, 0.05, 0.8, 0.8, 1.0, 1.0, 300, 30, 42L, 2, false);

  /**
   * @throws IllegalArgumentException naming the field and the value
   */
  public XgbParams {
    Checks.positive(maxDepth, "maxDepth");
    unitInterval(eta, "eta");
    unitInterval(subsample, "subsample");
    unitInterval(colsampleBytree, "colsampleBytree");
    Checks.nonNegative(minChildWeight, "minChildWeight");
    Checks.nonNegative(lambda, "lambda");
    Checks.positive(nEstimators, "nEstimators");
    if (earlyStoppingRounds < 0) {
      throw new IllegalArgumentException("Argument 'earlyStoppingRounds' must be >= 0, was " + earlyStoppingRounds);
    }
    Checks.positive(nthread, "nthread");
  }

  private static void unitInterval(double value, String name) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be in (0, 1], was " + value);
    }
  }

  /** @return a copy with another number of rounds */
  public XgbParams withNEstimators(int nEstimators) {
    return new XgbParams(maxDepth, eta, subsample, colsampleBytree, minChildWeight, lambda, nEstimators,
        earlyStoppingRounds, seed, nthread, classWeighting);
  }

  /** @return a copy with another early-stopping patience (0 = off) */
  public XgbParams withEarlyStoppingRounds(int earlyStoppingRounds) {
    return new XgbParams(maxDepth, eta, subsample, colsampleBytree, minChildWeight, lambda, nEstimators,
        earlyStoppingRounds, seed, nthread, classWeighting);
  }

  /** @return a copy with another seed */
  public XgbParams withSeed(long seed) {
    return new XgbParams(maxDepth, eta, subsample, colsampleBytree, minChildWeight, lambda, nEstimators,
        earlyStoppingRounds, seed, nthread, classWeighting);
  }

  /** @return a copy with another thread count */
  public XgbParams withNthread(int nthread) {
    return new XgbParams(maxDepth, eta, subsample, colsampleBytree, minChildWeight, lambda, nEstimators,
        earlyStoppingRounds, seed, nthread, classWeighting);
  }

  /** @return a copy with class weighting on or off */
  public XgbParams withClassWeighting(boolean classWeighting) {
    return new XgbParams(maxDepth, eta, subsample, colsampleBytree, minChildWeight, lambda, nEstimators,
        earlyStoppingRounds, seed, nthread, classWeighting);
  }

  /** @return a copy with another tree depth */
  public XgbParams withMaxDepth(int maxDepth) {
    return new XgbParams(maxDepth, eta, subsample, colsampleBytree, minChildWeight, lambda, nEstimators,
        earlyStoppingRounds, seed, nthread, classWeighting);
  }

  /** @return a copy with another learning rate */
  public XgbParams withEta(double eta) {
    return new XgbParams(maxDepth, eta, subsample, colsampleBytree, minChildWeight, lambda, nEstimators,
        earlyStoppingRounds, seed, nthread, classWeighting);
  }

  /**
   * The fields by their snake_case names (the keys of {@code metadata.json}).
   *
   * @return an insertion-ordered map of numbers and booleans
   */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_depth", maxDepth);
    m.put("eta", eta);
    m.put("subsample", subsample);
    m.put("colsample_bytree", colsampleBytree);
    m.put("min_child_weight", minChildWeight);
    m.put("lambda", lambda);
    m.put("n_estimators", nEstimators);
    m.put("early_stopping_rounds", earlyStoppingRounds);
    m.put("seed", seed);
    m.put("nthread", nthread);
    m.put("class_weighting", classWeighting);
    return m;
  }

  /**
   * The booster parameter map handed to XGBoost. Besides the fields: {@code objective=binary:logistic},
   * {@code eval_metric=logloss}, {@code tree_method=hist}, {@code verbosity=0} and {@code verbose_eval=0} (nothing
   * printed).
   *
   * @param scalePosWeight the {@code scale_pos_weight} to use, finite, {@code > 0}
   */
  Map<String, Object> boosterParams(double scalePosWeight) {
    Checks.positive(scalePosWeight, "scalePosWeight");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", "binary:logistic");
    m.put("eval_metric", "logloss");
    m.put("tree_method", "hist");
    m.put("max_depth", maxDepth);
    m.put("eta", eta);
    m.put("subsample", subsample);
    m.put("colsample_bytree", colsampleBytree);
    m.put("min_child_weight", minChildWeight);
    m.put("lambda", lambda);
    m.put("seed", seed);
    m.put("nthread", nthread);
    m.put("scale_pos_weight", scalePosWeight);
    m.put("verbosity", 0);
    m.put("verbose_eval", 0);
    return m;
  }
}
