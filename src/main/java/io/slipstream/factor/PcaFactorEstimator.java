package io.slipstream.factor;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.time.Instant;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The PCA kernel: the leading eigenpairs of the covariance of one window of observations.
 *
 * <p>Input {@code X}: {@code T x N} observations (rows = bar times, columns = coins), row-major, no NaN; in the
 * factor pipeline these are volume-weighted H-hour log returns {@code x_{s,i} = w_{s,i} r^H_{s,i}} (decimal).
 * Steps:
 * <ol>
 *   <li>demean every column over the window: {@code Xc = X - 1 mean(X)};</li>
 *   <li>{@code C = Xc'Xc / (T - 1) + eps * trace(Xc'Xc / (T - 1)) / N * I} with {@code eps = config.ridge()};</li>
 *   <li>symmetric eigen-decomposition (EJML), eigenvalues sorted descending explicitly (ties by index), the first
 *       {@code nFactors} kept;</li>
 *   <li>loadings unit-norm; sign: the loading of the coin named {@code "BTC"} is positive; when BTC is not among the
 *       coins (or its loading is exactly 0) the sum of the loadings is positive; when that sum is exactly 0 too,
 *       the first non-zero loading is positive;</li>
 *   <li>explained variance ratio {@code = eigenvalue_k / trace(C)} (ridged C, so the ratios of all N components
 *       sum to 1).</li>
 * </ol>
 * When {@code T < N} the same eigenpairs are computed from the {@code T x T} Gram matrix {@code G = Xc Xc'}
 * (eigenvalues {@code mu_k}; {@code C} has eigenvalues {@code mu_k / (T - 1) + ridge} with eigenvectors
 * {@code Xc' u_k / |Xc' u_k|}; the ridge is a multiple of the identity, so it shifts eigenvalues and leaves
 * eigenvectors unchanged). This is exact algebra, not an approximation, and much faster for short windows.
 *
 * <p>Errors: shape errors ({@code rows < max(2, nFactors + 1)}, wrong array length, coin list of the wrong size)
 * are {@link IllegalArgumentException}s; data errors are {@link DataException}s that say which and why: fewer
 * coins than {@code nFactors + 1}, a non-finite observation (row, column and coin named), a zero covariance (all
 * columns constant), and a singular covariance whose rank is below {@code nFactors} (a kept eigenvalue of
 * {@code Xc'Xc/(T-1)} not above {@code 1e-10 x trace}). {@code Xc'Xc} is positive semi-definite by construction
 * and the ridge makes {@code C} positive definite whenever its trace is positive, so no other non-positive-definite
 * case can arise; an eigen-decomposition that fails to converge is reported as a {@link DataException} too.
 *
 * <p>Reference: Jolliffe, <i>Principal Component Analysis</i> (2002), ch. 1-3; the Gram-matrix ("dual") form,
 * e.g. Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), section 12.1.4.
 * Stateless and thread-safe.
 */
public final class PcaFactorEstimator {
  /** Relative tolerance for a kept eigenvalue: below {@code SINGULAR_TOLERANCE * trace} the covariance is singular. */
  public static final double SINGULAR_TOLERANCE = 1e-10;
  /** Name of the coin whose loading is made positive. */
  public static final String SIGN_ANCHOR = "BTC";

  private final PcaConfig config;

  /**
   * @param config the parameters; only {@code nFactors} and {@code ridge} are used by the kernel
   * @throws IllegalArgumentException if {@code config} is null
   */
  public PcaFactorEstimator(PcaConfig config) {
    this.config = Checks.notNull(config, "config");
  }

  /** @return the config */
  public PcaConfig config() {
    return config;
  }

  /**
   * Estimates the leading principal components of one window.
   *
   * @param observationsRowMajor {@code T x N} observations, {@code x[t * cols + k]}, no NaN. Not modified.
   * @param rows {@code T >= max(2, nFactors + 1)}
   * @param cols {@code N >= nFactors + 1}
   * @param coins the coin of each column ({@code N} names; {@code "BTC"} anchors the sign)
   * @return loadings, eigenvalues and explained-variance ratios of the {@code nFactors} leading components
   * @throws IllegalArgumentException on a shape error
   * @throws DataException for too few coins, a non-finite observation, or a zero or singular covariance
   */
  public PcaResult estimate(double[] observationsRowMajor, int rows, int cols, List<String> coins) {
    return estimate(observationsRowMajor, rows, cols, coins, "", Mode.AUTO);
  }

  /**
   * As {@link #estimate(double[], int, int, List)}, with the estimation time named in every data error.
   *
   * @param time the close time of the window's last bar (for messages only)
   * @throws IllegalArgumentException on a shape error
   * @throws DataException as the 4-argument form, the message starting with "at TIME"
   */
  public PcaResult estimate(double[] observationsRowMajor, int rows, int cols, List<String> coins, Instant time) {
    return estimate(observationsRowMajor, rows, cols, coins, "at " + time + ": ", Mode.AUTO);
  }

  /** Which matrix is decomposed: chosen by shape, or forced (tests compare both). */
  enum Mode {
    AUTO, COVARIANCE, GRAM
  }

  PcaResult estimate(double[] x, int rows, int cols, List<String> coins, String where, Mode mode) {
    Checks.notNull(x, "observationsRowMajor");
    Checks.notNull(coins, "coins");
    int nf = config.nFactors();
    if (rows < Math.max(2, nf + 1)) {
      throw new IllegalArgumentException("Argument 'rows' must be >= max(2, nFactors + 1) = " + Math.max(2, nf + 1)
          + " (T observations span at most T - 1 directions after demeaning), was " + rows);
    }
    if (cols < 0) {
      throw new IllegalArgumentException("Argument 'cols' must be >= 0, was " + cols);
    }
    if ((long) rows * cols != x.length) {
      throw new IllegalArgumentException("Argument 'observationsRowMajor' must have length rows x cols = " + rows
          + " x " + cols + " = " + (long) rows * cols + ", was " + x.length);
    }
    Checks.sameLength(coins.size(), cols, "coins");
    if (cols < nf + 1) {
      throw new DataException(where + "PCA with nFactors = " + nf + " needs at least nFactors + 1 = " + (nf + 1)
          + " coins, got " + cols + " " + coins);
    }
    // column means, checking finiteness
    double[] mean = new double[cols];
    for (int t = 0; t < rows; t++) {
      int o = t * cols;
      for (int k = 0; k < cols; k++) {
        double v = x[o + k];
        if (!Double.isFinite(v)) {
          throw new DataException(where + "observation row " + t + ", column " + k + " (coin " + coins.get(k)
              + ") is " + v + "; PCA needs finite observations (drop the coin or the window)");
        }
        mean[k] += v;
      }
    }
    for (int k = 0; k < cols; k++) {
      mean[k] /= rows;
    }
    boolean gram = mode == Mode.GRAM || (mode == Mode.AUTO && rows < cols);
    // centred observations: column-major (N series of length T) for C = Xc'Xc, row-major for G = Xc Xc'
    double[] xc = new double[x.length];
    double sumSq = 0;
    for (int t = 0; t < rows; t++) {
      int o = t * cols;
      for (int k = 0; k < cols; k++) {
        double v = x[o + k] - mean[k];
        xc[gram ? o + k : k * rows + t] = v;
        sumSq += v * v;
      }
    }
    double traceData = sumSq / (rows - 1);
    if (!(traceData > 0) || Double.isInfinite(traceData)) {
      throw new DataException(where + "zero or non-finite covariance (trace " + traceData + "): every one of the "
          + cols + " columns is constant over the " + rows + " observations, or they overflow");
    }
    double ridgeAbs = config.ridge() * traceData / cols;
    double total = traceData + cols * ridgeAbs;
    double[] loadings = new double[nf * cols];
    double[] eig = new double[nf];
    if (!gram) {
      DMatrixRMaj c = DMatrixRMaj.wrap(cols, cols, GramOps.gram(xc, cols, rows));
      CommonOps_DDRM.scale(1.0 / (rows - 1), c);
      for (int k = 0; k < cols; k++) {
        c.add(k, k, ridgeAbs);
      }
      EigenDecomposition_F64<DMatrixRMaj> dec = decompose(c, cols, where);
      int[] order = descending(dec, cols);
      for (int f = 0; f < nf; f++) {
        double lambda = dec.getEigenvalue(order[f]).real;
        checkRank(lambda - ridgeAbs, traceData, f, nf, rows, cols, where);
        eig[f] = lambda;
        DMatrixRMaj v = dec.getEigenVector(order[f]);
        System.arraycopy(v.data, 0, loadings, f * cols, cols);
      }
    } else {
      DMatrixRMaj g = DMatrixRMaj.wrap(rows, rows, GramOps.gram(xc, rows, cols));
      EigenDecomposition_F64<DMatrixRMaj> dec = decompose(g, rows, where);
      int[] order = descending(dec, rows);
      for (int f = 0; f < nf; f++) {
        double mu = dec.getEigenvalue(order[f]).real;
        checkRank(mu / (rows - 1), traceData, f, nf, rows, cols, where);
        eig[f] = mu / (rows - 1) + ridgeAbs;
        double[] u = dec.getEigenVector(order[f]).data;
        int o = f * cols;
        for (int t = 0; t < rows; t++) {
          double ut = u[t];
          int xo = t * cols;
          for (int k = 0; k < cols; k++) {
            loadings[o + k] += xc[xo + k] * ut;
          }
        }
      }
    }
    int anchor = coins.indexOf(SIGN_ANCHOR);
    for (int f = 0; f < nf; f++) {
      normaliseAndOrient(loadings, f * cols, cols, anchor);
    }
    return new PcaResult(coins, rows, nf, loadings, eig, total, ridgeAbs);
  }

  private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj m, int n, String where) {
    EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(n, true, true);
    if (!dec.decompose(m)) {
      throw new DataException(where + "symmetric eigen-decomposition of the " + n + " x " + n
          + " matrix did not converge");
    }
    return dec;
  }

  /** Indices of the eigenvalues sorted descending, ties by index (deterministic). */
  private static int[] descending(EigenDecomposition_F64<DMatrixRMaj> dec, int n) {
    double[] values = new double[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = dec.getEigenvalue(i).real;
      order[i] = i;
    }
    // insertion sort on primitives: n is at most a few hundred
    for (int i = 1; i < n; i++) {
      int oi = order[i];
      double vi = values[oi];
      int j = i - 1;
      while (j >= 0 && (values[order[j]] < vi || (values[order[j]] == vi && order[j] > oi))) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = oi;
    }
    return order;
  }

  private static void checkRank(double dataEigenvalue, double traceData, int f, int nf, int rows, int cols,
      String where) {
    if (!(dataEigenvalue > SINGULAR_TOLERANCE * traceData)) {
      throw new DataException(where + "singular covariance: eigenvalue " + (f + 1) + " of Xc'Xc/(T-1) is "
          + dataEigenvalue + " <= " + SINGULAR_TOLERANCE + " x trace (" + traceData + "), so the " + rows
          + " observations of " + cols + " coins span only " + f + " direction(s), fewer than nFactors = " + nf
          + " (collinear or constant columns, or too short a window)");
    }
  }

  /** Scales {@code v[o .. o+n)} to unit norm and applies the sign convention. */
  static void normaliseAndOrient(double[] v, int o, int n, int anchor) {
    double ss = 0;
    for (int k = 0; k < n; k++) {
      ss += v[o + k] * v[o + k];
    }
    double norm = Math.sqrt(ss);
    double s = anchor >= 0 ? v[o + anchor] : 0.0;
    if (s == 0) {
      for (int k = 0; k < n; k++) {
        s += v[o + k];
      }
    }
    if (s == 0) {
      for (int k = 0; k < n && s == 0; k++) {
        s = v[o + k];
      }
    }
    double scale = (s < 0 ? -1.0 : 1.0) / norm;
    for (int k = 0; k < n; k++) {
      v[o + k] *= scale;
    }
  }
}
