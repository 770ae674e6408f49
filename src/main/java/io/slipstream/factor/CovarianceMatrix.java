package io.slipstream.factor;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * A symmetric {@code N x N} covariance matrix (index = coin position in the observation matrix it came from), in
 * squared observation units (e.g. squared decimal returns per bar), with the shrinkage intensity used to build it.
 * Immutable: arrays are copied in and out.
 */
public final class CovarianceMatrix {
  private final int size;
  private final double[] values;
  private final double shrinkage;

  CovarianceMatrix(int size, double[] values, double shrinkage) {
    this.size = size;
    this.values = values;
    this.shrinkage = shrinkage;
  }

  /**
   * Wraps a matrix given by the caller.
   *
   * @param rowMajor {@code size x size} values, finite and symmetric (exactly). Not modified.
   * @param size {@code N >= 1}
   * @return the matrix, with shrinkage NaN (unknown)
   * @throws IllegalArgumentException on a length mismatch or an asymmetric matrix (naming the entry)
   * @throws DataException naming the entry when a value is not finite
   */
  public static CovarianceMatrix of(double[] rowMajor, int size) {
    Checks.notNull(rowMajor, "rowMajor");
    Checks.positive(size, "size");
    Checks.sameLength(rowMajor.length, size * size, "rowMajor");
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        double v = rowMajor[i * size + j];
        if (!Double.isFinite(v)) {
          throw new DataException("covariance entry (" + i + ", " + j + ") is " + v);
        }
        if (v != rowMajor[j * size + i]) {
          throw new IllegalArgumentException("Argument 'rowMajor' must be symmetric: (" + i + ", " + j + ") = " + v
              + " but (" + j + ", " + i + ") = " + rowMajor[j * size + i]);
        }
      }
    }
    return new CovarianceMatrix(size, rowMajor.clone(), Double.NaN);
  }

  /** @return {@code N}, the number of rows and columns */
  public int size() {
    return size;
  }

  /**
   * @return entry {@code (i, j)}
   * @throws IndexOutOfBoundsException outside {@code [0, N)}
   */
  public double get(int i, int j) {
    if (i < 0 || i >= size || j < 0 || j >= size) {
      throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside a " + size + " x " + size + " matrix");
    }
    return values[i * size + j];
  }

  /** @return a copy of the values, row-major ({@code N * N}) */
  public double[] toRowMajor() {
    return values.clone();
  }

  /** @return the variances (diagonal), a copy of length {@code N} */
  public double[] variances() {
    double[] d = new double[size];
    for (int i = 0; i < size; i++) {
      d[i] = values[i * size + i];
    }
    return d;
  }

  /**
   * @return the shrinkage intensity in {@code [0, 1]} used to build this estimate: 0 for the sample covariance;
   *     NaN for a sum of two estimates ({@link #plus}) or a matrix given by the caller (no single intensity)
   */
  public double shrinkage() {
    return shrinkage;
  }

  /**
   * The element-wise sum, e.g. {@code S = S_price + S_funding} (the covariance of the sum of two uncorrelated
   * return components).
   *
   * @param other a matrix of the same size
   * @return {@code this + other}, shrinkage NaN
   * @throws IllegalArgumentException when the sizes differ
   */
  public CovarianceMatrix plus(CovarianceMatrix other) {
    Checks.notNull(other, "other");
    if (other.size != size) {
      throw new IllegalArgumentException("cannot add a " + other.size + " x " + other.size + " covariance to a "
          + size + " x " + size + " one");
    }
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] + other.values[i];
    }
    return new CovarianceMatrix(size, out, Double.NaN);
  }

  /**
   * @param factor a finite scale (e.g. bars per year to annualise)
   * @return {@code factor * this}, same shrinkage
   * @throws IllegalArgumentException when {@code factor} is not finite
   */
  public CovarianceMatrix times(double factor) {
    if (!Double.isFinite(factor)) {
      throw new IllegalArgumentException("Argument 'factor' must be finite, was " + factor);
    }
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] * factor;
    }
    return new CovarianceMatrix(size, out, shrinkage);
  }

  /** @return whether a Cholesky factorisation succeeds (strictly positive definite, numerically) */
  public boolean isPositiveDefinite() {
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(size, true);
    if (!chol.decompose(new DMatrixRMaj(size, size, true, values))) {
      return false;
    }
    DMatrixRMaj l = chol.getT(null);
    for (int i = 0; i < size; i++) {
      double d = l.get(i, i);
      if (!(d > 0) || !Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param what the name of the estimate in the message, e.g. {@code "price covariance at 2025-01-01T00:00Z"}
   * @return this, when it is positive definite
   * @throws DataException saying which matrix and why (a zero-variance coin, or a singular / non-positive-definite
   *     matrix) otherwise
   */
  public CovarianceMatrix requirePositiveDefinite(String what) {
    for (int i = 0; i < size; i++) {
      double v = values[i * size + i];
      if (!(v > 0)) {
        throw new DataException(what + " is not positive definite: variance of index " + i + " is " + v);
      }
    }
    if (!isPositiveDefinite()) {
      throw new DataException(what + " is singular or not positive definite (Cholesky failed): collinear "
          + "coins, or fewer observations than coins without shrinkage");
    }
    return this;
  }

  @Override
  public String toString() {
    return "CovarianceMatrix[" + size + " x " + size + ", shrinkage " + shrinkage + "]";
  }
}
