package io.slipstream.ml.model;

import io.slipstream.core.Checks;
import io.slipstream.portfolio.OptimizationException;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * L2-regularised logistic regression, the linear baseline, fitted by Newton's method (iteratively reweighted least
 * squares).
 *
 * <p>Features are standardised with the training statistics, {@code z_j = (x_j - m_j) / s_j}, {@code m_j} the mean
 * and {@code s_j} the population standard deviation (ddof 0, as scikit-learn's {@code StandardScaler}); a feature
 * that is constant on the training rows ({@code s_j = 0}) gets {@code s_j = 1}, so its standardised column is 0 and,
 * with {@code lambda > 0}, its coefficient is exactly 0. The model is {@code P(y = 1 | x) = sigma(b + w . z)} with
 * {@code sigma(u) = 1 / (1 + e^{-u})}, and {@code (b, w)} minimise
 * <pre>
 *   L(b, w) = sum_i [ ln(1 + e^{eta_i}) - y_i eta_i ] + (lambda / 2) ||w||^2,   eta_i = b + w . z_i
 * </pre>
 * (the intercept {@code b} is not penalised). Newton step: {@code (b, w) <- (b, w) - H^{-1} g} with
 * {@code g = Z^T (p - y) + lambda D (b, w)}, {@code H = Z^T diag(p (1 - p)) Z + lambda D}, {@code Z = [1, z]},
 * {@code D = diag(0, 1, ..., 1)}, solved by Cholesky (EJML); a step that raises {@code L} is halved (at most 50
 * times). Starts from 0; stops when every component of the full step {@code |H^{-1} g| < tolerance}. Equivalent to
 * scikit-learn's {@code LogisticRegression(C = 1 / lambda)} on standardised features. Checked against the numpy
 * IRLS of {@code tools/ml_logreg_reference.py}. Reference: T. Hastie, R. Tibshirani, J. Friedman, <i>The Elements
 * of Statistical Learning</i>, 2nd ed., 4.4.1.
 */
public final class LogisticRegression implements ProbabilisticClassifier {
  private static final int MAX_HALVINGS = 50;

  private final List<String> featureNames;
  private final double[] means;
  private final double[] scales;
  private final double[] beta;
  private final int iterations;
  private final LogisticRegressionConfig config;

  private LogisticRegression(List<String> featureNames, double[] means, double[] scales, double[] beta,
      int iterations, LogisticRegressionConfig config) {
    this.featureNames = List.copyOf(featureNames);
    this.means = means;
    this.scales = scales;
    this.beta = beta;
    this.iterations = iterations;
    this.config = config;
  }

  /**
   * Fits the model on the training rows.
   *
   * @param train training rows (no NaN, by construction of {@link Dataset}); labels 0 or 1
   * @param config penalty, tolerance and iteration budget
   * @return the fitted model
   * @throws IllegalArgumentException if a label is not 0 or 1 (naming the row)
   * @throws OptimizationException if Newton does not converge within {@code maxIterations} (naming the iteration
   *     count, the last step and the tolerance), or the Hessian is singular (e.g. {@code lambda = 0} with a
   *     constant feature, naming those features)
   */
  public static LogisticRegression fit(Dataset train, LogisticRegressionConfig config) {
    Checks.notNull(train, "train");
    Checks.notNull(config, "config");
    train.requireBinaryLabels("train");
    int n = train.rows();
    int d = train.cols();
    int k = d + 1;
    double[] x = train.xView();
    double[] y = train.yView();
    double[] means = new double[d];
    double[] scales = new double[d];
    List<String> constant = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[i * d + j];
      }
      double m = s / n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double c = x[i * d + j] - m;
        ss += c * c;
      }
      double sd = Math.sqrt(ss / n);
      means[j] = m;
      if (sd > 0) {
        scales[j] = sd;
      } else {
        scales[j] = 1.0;
        constant.add(train.featureNames().get(j));
      }
    }
    // Z = [1, standardised x], row-major n x k
    double[] z = new double[n * k];
    for (int i = 0; i < n; i++) {
      z[i * k] = 1.0;
      for (int j = 0; j < d; j++) {
        z[i * k + 1 + j] = (x[i * d + j] - means[j]) / scales[j];
      }
    }
    double lambda = config.l2Lambda();
    double[] beta = new double[k];
    double[] eta = new double[n];
    double obj = objective(z, y, beta, lambda, n, k, eta);
    DMatrixRMaj h = new DMatrixRMaj(k, k);
    DMatrixRMaj g = new DMatrixRMaj(k, 1);
    DMatrixRMaj step = new DMatrixRMaj(k, 1);
    double lastStep = Double.NaN;
    for (int it = 1; it <= config.maxIterations(); it++) {
      h.zero();
      g.zero();
      for (int i = 0; i < n; i++) {
        double p = sigmoid(eta[i]);
        double r = p - y[i];
        double w = p * (1.0 - p);
        int o = i * k;
        for (int a = 0; a < k; a++) {
          double za = z[o + a];
          g.data[a] += za * r;
          double wza = w * za;
          for (int b = a; b < k; b++) {
            h.data[a * k + b] += wza * z[o + b];
          }
        }
      }
      for (int a = 1; a < k; a++) {
        g.data[a] += lambda * beta[a];
        h.data[a * k + a] += lambda;
      }
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < a; b++) {
          h.data[a * k + b] = h.data[b * k + a];
        }
      }
      boolean positiveDiagonal = true;
      for (int a = 0; a < k; a++) {
        positiveDiagonal &= h.data[a * k + a] > 0;
      }
      if (!positiveDiagonal || !CommonOps_DDRM.solveSPD(h.copy(), g, step)) {
        throw new OptimizationException("Logistic regression: the Hessian is not positive definite at iteration "
            + it + " (l2Lambda = " + lambda + (constant.isEmpty() ? "" : ", constant features " + constant)
            + "); use l2Lambda > 0");
      }
      double maxStep = 0;
      for (int a = 0; a < k; a++) {
        maxStep = Math.max(maxStep, Math.abs(step.data[a]));
      }
      if (!(maxStep < Double.POSITIVE_INFINITY)) {
        throw new OptimizationException("Logistic regression: non-finite Newton step at iteration " + it);
      }
      lastStep = maxStep;
      double t = 1.0;
      double[] trial = new double[k];
      double trialObj = Double.NaN;
      for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
        for (int a = 0; a < k; a++) {
          trial[a] = beta[a] - t * step.data[a];
        }
        trialObj = objective(z, y, trial, lambda, n, k, eta);
        if (trialObj <= obj + 1e-12 * (1.0 + Math.abs(obj))) {
          break;
        }
        t *= 0.5;
      }
      beta = trial;
      obj = trialObj;
      if (maxStep < config.tolerance()) {
        return new LogisticRegression(train.featureNames(), means, scales, beta, it, config);
      }
    }
    throw new OptimizationException("Logistic regression did not converge in " + config.maxIterations()
        + " Newton iterations: last step max|delta| = " + lastStep + ", tolerance " + config.tolerance());
  }

  /** Fills {@code eta} with {@code Z beta} and returns the penalised objective {@code L}. */
  private static double objective(double[] z, double[] y, double[] beta, double lambda, int n, int k,
      double[] eta) {
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double e = 0;
      int o = i * k;
      for (int a = 0; a < k; a++) {
        e += z[o + a] * beta[a];
      }
      eta[i] = e;
      double softplus = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
      loss += softplus - y[i] * e;
    }
    double pen = 0;
    for (int a = 1; a < k; a++) {
      pen += beta[a] * beta[a];
    }
    return loss + 0.5 * lambda * pen;
  }

  private static double sigmoid(double u) {
    if (u >= 0) {
      return 1.0 / (1.0 + Math.exp(-u));
    }
    double e = Math.exp(u);
    return e / (1.0 + e);
  }

  /**
   * @return {@code P(y = 1 | x) = sigma(b + w . z)} per row, {@code z} standardised with the training statistics
   * @throws IllegalArgumentException if the feature lists differ, naming the first difference
   */
  @Override
  public double[] predictProba(Dataset data) {
    Checks.notNull(data, "data");
    FeatureLists.requireSame(featureNames, data.featureNames(), "data");
    int d = featureNames.size();
    double[] x = data.xView();
    double[] p = new double[data.rows()];
    for (int i = 0; i < p.length; i++) {
      double e = beta[0];
      for (int j = 0; j < d; j++) {
        e += beta[1 + j] * ((x[i * d + j] - means[j]) / scales[j]);
      }
      p[i] = sigmoid(e);
    }
    return p;
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  /** @return {@code b}, the intercept on the standardised scale (log-odds) */
  public double standardizedIntercept() {
    return beta[0];
  }

  /** @return {@code w}, the coefficients on the standardised scale (log-odds per training standard deviation) */
  public double[] standardizedCoefficients() {
    return java.util.Arrays.copyOfRange(beta, 1, beta.length);
  }

  /** @return the intercept in original units: {@code b - sum_j w_j m_j / s_j} (log-odds) */
  public double intercept() {
    double b = beta[0];
    for (int j = 0; j < means.length; j++) {
      b -= beta[1 + j] * means[j] / scales[j];
    }
    return b;
  }

  /** @return the coefficients in original units: {@code w_j / s_j} (log-odds per unit of feature j) */
  public double[] coefficients() {
    double[] c = new double[means.length];
    for (int j = 0; j < c.length; j++) {
      c[j] = beta[1 + j] / scales[j];
    }
    return c;
  }

  /** @return the training means {@code m_j} (a copy) */
  public double[] featureMeans() {
    return means.clone();
  }

  /** @return the training scales {@code s_j} (population standard deviations, 1 for a constant feature; a copy) */
  public double[] featureScales() {
    return scales.clone();
  }

  /** @return the number of Newton iterations taken */
  public int iterations() {
    return iterations;
  }

  /** @return the configuration fitted with */
  public LogisticRegressionConfig config() {
    return config;
  }

  @Override
  public String toString() {
    return "LogisticRegression[features=" + featureNames.size() + ", l2Lambda=" + config.l2Lambda()
        + ", iterations=" + iterations + "]";
  }
}
