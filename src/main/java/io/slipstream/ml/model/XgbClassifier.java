package io.slipstream.ml.model;

import io.slipstream.core.Checks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees for a binary target through XGBoost4J ({@code ml.dmlc:xgboost4j}, T. Chen and C. Guestrin,
 * "XGBoost: A Scalable Tree Boosting System", KDD 2016): objective {@code binary:logistic}, evaluation metric
 * {@code logloss}, histogram tree method, parameters from {@link XgbParams}.
 *
 * <p>Training: {@code XGBoost.train} with the watches {@code train} and {@code validation} (in that order; XGBoost
 * early-stops on the last one) and {@code earlyStoppingRounds}: boosting stops once the validation log loss has not
 * improved for that many rounds, and the model then predicts with the trees up to the best iteration only. The
 * booster keeps the trees after it (they are saved too), and {@link TrainedModel#gainImportance()} counts all
 * boosted trees, as XGBoost's own {@code get_score} does. The validation rows must not overlap the training rows;
 * for a time series they should follow them (after a purge, {@link Splits}).
 *
 * <p>Data: the features go to XGBoost as float32, row-major ({@code DMatrix(float[], rows, cols, missing = NaN)}),
 * named with the dataset's feature names (otherwise XGBoost calls them {@code f0, f1, ...}). Datasets hold no NaN
 * ({@link Dataset}), so the missing-value path of XGBoost is never used. With {@code classWeighting},
 * {@code scale_pos_weight = n_0 / n_1} from the training labels.
 *
 * <p>Reproducibility: the same data, parameters, seed and {@code nthread} give bit-identical predictions; another
 * {@code nthread} may change the last bits. Native library: see {@link XgbNative} (loading, the OpenMP wait
 * policy).
 */
public final class XgbClassifier {
  private static final String TRAIN = "train";
  private static final String VALIDATION = "validation";

  private XgbClassifier() {
  }

  /**
   * Fits a booster.
   *
   * @param train training rows, labels 0 or 1, both classes present, time-ordered
   * @param validation the early-stopping rows, labels 0 or 1, the same feature names in the same order
   * @param p hyper-parameters
   * @return the trained model, with its feature list, training window, best iteration and parameters
   * @throws IllegalArgumentException if a label is not 0 or 1, the training labels hold one class only, the
   *     feature lists differ (naming the first difference), a feature name contains a character XGBoost rejects
   *     ({@code [ ] <} or a comma), or a feature is too large for float32
   * @throws IllegalStateException if the native library cannot be loaded ({@link XgbNative#ensureLoaded()}) or
   *     XGBoost reports an error (its message included)
   */
  public static TrainedModel fit(Dataset train, Dataset validation, XgbParams p) {
    Checks.notNull(train, "train");
    Checks.notNull(validation, "validation");
    Checks.notNull(p, "p");
    FeatureLists.requireSame(train.featureNames(), validation.featureNames(), "validation data");
    checkXgbNames(train.featureNames());
    int positives = train.requireBinaryLabels("train");
    validation.requireBinaryLabels("validation");
    int negatives = train.rows() - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("The training labels must hold both classes, but all " + train.rows()
          + " are " + (positives == 0 ? "0" : "1"));
    }
    double scalePosWeight = p.classWeighting() ? (double) negatives / positives : 1.0;
    XgbNative.ensureLoaded();
    DMatrix dTrain = null;
    DMatrix dValid = null;
    try {
      dTrain = matrix(train, "train");
      dTrain.setLabel(labels(train));
      dValid = matrix(validation, "validation");
      dValid.setLabel(labels(validation));
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      watches.put(TRAIN, dTrain);
      watches.put(VALIDATION, dValid);
      float[][] history = new float[2][p.nEstimators()];
      Booster booster = XGBoost.train(dTrain, p.boosterParams(scalePosWeight), p.nEstimators(), watches, history,
          null, null, p.earlyStoppingRounds(), null);
      int rounds = booster.getNumBoostedRound();
      int best = rounds - 1;
      if (p.earlyStoppingRounds() > 0) {
        String attr = booster.getAttr("best_iteration");
        if (attr == null) {
          booster.dispose();
          throw new IllegalStateException("XGBoost did not record 'best_iteration' although early stopping was on");
        }
        best = Integer.parseInt(attr);
      }
      float[] validCurve = java.util.Arrays.copyOf(history[1], rounds);
      return new TrainedModel(booster, train.featureNames(), p, best, rounds, scalePosWeight,
          Instant.ofEpochMilli(train.timeMs(0)), Instant.ofEpochMilli(train.timeMs(train.rows() - 1)), train.rows(),
          validCurve[best], Instant.now());
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (dTrain != null) {
        dTrain.dispose();
      }
      if (dValid != null) {
        dValid.dispose();
      }
    }
  }

  /**
   * The dataset's features as an XGBoost matrix (float32, missing = NaN), named with its feature names.
   *
   * @throws IllegalArgumentException if a value overflows float32 (naming the row and feature)
   */
  static DMatrix matrix(Dataset data, String what) throws XGBoostError {
    double[] x = data.xView();
    int cols = data.cols();
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      float v = (float) x[i];
      if (Float.isInfinite(v)) {
        throw new IllegalArgumentException("Feature value " + x[i] + " of '" + what + "' overflows float32: row "
            + i / cols + ", feature '" + data.featureNames().get(i % cols) + "'");
      }
      f[i] = v;
    }
    DMatrix m = new DMatrix(f, data.rows(), cols, Float.NaN);
    m.setFeatureNames(data.featureNames().toArray(new String[0]));
    return m;
  }

  private static float[] labels(Dataset data) {
    double[] y = data.yView();
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (float) y[i];
    }
    return out;
  }

  /**
   * @throws IllegalArgumentException for a name XGBoost would reject ({@code [}, {@code ]}, {@code <}, a comma)
   */
  static void checkXgbNames(List<String> names) {
    for (String n : names) {
      for (char c : new char[] {'[', ']', '<', ','}) {
        if (n.indexOf(c) >= 0) {
          throw new IllegalArgumentException("Feature name '" + n + "' contains '" + c
              + "', which XGBoost does not accept in feature names");
        }
      }
    }
  }
}
