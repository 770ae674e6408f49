package io.slipstream.portfolio;

import io.slipstream.core.Checks;

/**
 * Expanding-window ridge regression of several targets on one feature vector, kept as sufficient statistics so
 * that adding a sample is {@code O(p^2)} and a refit is one {@code p x p} Cholesky solve per target.
 *
 * <p>Model per target: {@code y = a + b'x}. Features are standardised by the sample means and population standard
 * deviations of the samples seen; the fit minimises {@code sum (y - a - z'b)^2 + penalty x n x |b|^2} over the
 * standardised features {@code z}, i.e. {@code (R + penalty I) b_z = c} with {@code R} the feature correlation
 * matrix and {@code c_k = cov(x_k, y) / sd_k}; then {@code b = b_z / sd} and {@code a = mean(y) - b'mean(x)}. A
 * feature with zero variance gets coefficient 0. Not thread-safe.
 */
public final class RidgeAccumulator {
  private final int p;
  private final int targets;
  private long n;
  private final double[] sx;
  private final double[] sxx;
  private final double[] sy;
  private final double[] sxy;
  private final double[] syy;

  /**
   * @param features number of features {@code p >= 1}
   * @param targets number of targets {@code >= 1}
   */
  public RidgeAccumulator(int features, int targets) {
    this.p = Checks.positive(features, "features");
    this.targets = Checks.positive(targets, "targets");
    sx = new double[p];
    sxx = new double[p * p];
    sy = new double[targets];
    sxy = new double[targets * p];
    syy = new double[targets];
  }

  /**
   * Adds one sample.
   *
   * @param x features, length p, all finite. Not modified.
   * @param y targets, length {@code targets}, all finite. Not modified.
   * @throws IllegalArgumentException on a length mismatch or a non-finite value (naming it)
   */
  public void add(double[] x, double[] y) {
    Checks.sameLength(x.length, p, "x");
    Checks.sameLength(y.length, targets, "y");
    for (int k = 0; k < p; k++) {
      if (!Double.isFinite(x[k])) {
        throw new IllegalArgumentException("feature " + k + " is not finite: " + x[k]);
      }
    }
    for (int m = 0; m < targets; m++) {
      if (!Double.isFinite(y[m])) {
        throw new IllegalArgumentException("target " + m + " is not finite: " + y[m]);
      }
    }
    n++;
    for (int k = 0; k < p; k++) {
      sx[k] += x[k];
      for (int l = 0; l <= k; l++) {
        sxx[k * p + l] += x[k] * x[l];
      }
    }
    for (int m = 0; m < targets; m++) {
      sy[m] += y[m];
      syy[m] += y[m] * y[m];
      for (int k = 0; k < p; k++) {
        sxy[m * p + k] += x[k] * y[m];
      }
    }
  }

  /** @return number of samples added */
  public long count() {
    return n;
  }

  /** @return mean of target {@code m} over the samples (NaN when none) */
  public double targetMean(int m) {
    return n == 0 ? Double.NaN : sy[m] / n;
  }

  /**
   * Fits all targets.
   *
   * @param penalty ridge penalty {@code >= 0}
   * @return coefficients: row {@code m} holds {@code a, b_1..b_p} of target m (length {@code targets x (p+1)})
   * @throws IllegalStateException with fewer than 2 samples
   */
  public double[] fit(double penalty) {
    Checks.nonNegative(penalty, "penalty");
    if (n < 2) {
      throw new IllegalStateException("ridge fit needs at least 2 samples, has " + n);
    }
    double[] mean = new double[p];
    double[] sd = new double[p];
    for (int k = 0; k < p; k++) {
      mean[k] = sx[k] / n;
      double v = sxx[k * p + k] / n - mean[k] * mean[k];
      sd[k] = v > 1e-300 ? Math.sqrt(v) : 0.0;
    }
    double[] a = new double[p * p];
    for (int k = 0; k < p; k++) {
      for (int l = 0; l <= k; l++) {
        double r;
        if (sd[k] == 0 || sd[l] == 0) {
          r = k == l ? 1.0 : 0.0;
        } else {
          r = (sxx[k * p + l] / n - mean[k] * mean[l]) / (sd[k] * sd[l]);
        }
        a[k * p + l] = r;
        a[l * p + k] = r;
      }
      a[k * p + k] += penalty;
    }
    double[] chol = cholesky(a, p);
    double[] out = new double[targets * (p + 1)];
    for (int m = 0; m < targets; m++) {
      double ym = sy[m] / n;
      double[] c = new double[p];
      for (int k = 0; k < p; k++) {
        c[k] = sd[k] == 0 ? 0.0 : (sxy[m * p + k] / n - mean[k] * ym) / sd[k];
      }
      double[] bz = solve(chol, p, c);
      double intercept = ym;
      for (int k = 0; k < p; k++) {
        double b = sd[k] == 0 ? 0.0 : bz[k] / sd[k];
        out[m * (p + 1) + 1 + k] = b;
        intercept -= b * mean[k];
      }
      out[m * (p + 1)] = intercept;
    }
    return out;
  }

  private static double[] cholesky(double[] a, int p) {
    double[] l = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * p + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * p + k] * l[j * p + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalStateException("ridge normal matrix is not positive definite (pivot " + i + " = " + s
                + "); use a positive ridge penalty");
          }
          l[i * p + i] = Math.sqrt(s);
        } else {
          l[i * p + j] = s / l[j * p + j];
        }
      }
    }
    return l;
  }

  private static double[] solve(double[] l, int p, double[] b) {
    double[] y = new double[p];
    for (int i = 0; i < p; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * p + k] * y[k];
      }
      y[i] = s / l[i * p + i];
    }
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k * p + i] * x[k];
      }
      x[i] = s / l[i * p + i];
    }
    return x;
  }
}
