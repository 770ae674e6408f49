package io.slipstream.factor;

import java.util.List;

/**
 * The raw result of one PCA estimation ({@link PcaFactorEstimator#estimate}): the {@code nFactors} leading
 * eigenpairs of the ridged covariance {@code C = Xc'Xc / (T - 1) + ridge * I} of the (demeaned) observations, sorted
 * by eigenvalue descending.
 *
 * <p>Loadings: factor {@code f} is a unit-norm vector over the {@code N} coins (index {@code k} = column of the
 * observation matrix, name {@code coins().get(k)}), with the sign convention of
 * {@link PcaFactorEstimator}: the {@code BTC} loading is positive, or, without BTC, the sum of the loadings is
 * positive. Eigenvalues are in squared observation units (for weighted log returns: squared decimal returns).
 * Immutable: arrays are copied out.
 */
public final class PcaResult {
  private final List<String> coins;
  private final int observations;
  private final int nFactors;
  private final double[] loadings;
  private final double[] eigenvalues;
  private final double totalVariance;
  private final double ridge;

  PcaResult(List<String> coins, int observations, int nFactors, double[] loadings, double[] eigenvalues,
      double totalVariance, double ridge) {
    this.coins = List.copyOf(coins);
    this.observations = observations;
    this.nFactors = nFactors;
    this.loadings = loadings;
    this.eigenvalues = eigenvalues;
    this.totalVariance = totalVariance;
    this.ridge = ridge;
  }

  /** @return the coins of the observation columns, in column order ({@code N} of them) */
  public List<String> coins() {
    return coins;
  }

  /** @return {@code N}, the number of coins */
  public int size() {
    return coins.size();
  }

  /** @return {@code T}, the number of observations (rows) used */
  public int observations() {
    return observations;
  }

  /** @return the number of factors kept */
  public int nFactors() {
    return nFactors;
  }

  /**
   * @param factor factor index, 0 = largest eigenvalue
   * @param k coin index in {@link #coins()}
   * @return the loading (unit-norm eigenvector component)
   * @throws IndexOutOfBoundsException for a bad index
   */
  public double loading(int factor, int k) {
    checkFactor(factor);
    if (k < 0 || k >= coins.size()) {
      throw new IndexOutOfBoundsException("coin index " + k + " outside [0, " + coins.size() + ")");
    }
    return loadings[factor * coins.size() + k];
  }

  /**
   * @param factor factor index, 0 = largest eigenvalue
   * @return a copy of the loadings of {@code factor} (length {@code N}, unit norm)
   */
  public double[] loadings(int factor) {
    checkFactor(factor);
    double[] out = new double[coins.size()];
    System.arraycopy(loadings, factor * coins.size(), out, 0, out.length);
    return out;
  }

  /** @return eigenvalue {@code factor} of the ridged covariance (descending in {@code factor}) */
  public double eigenvalue(int factor) {
    checkFactor(factor);
    return eigenvalues[factor];
  }

  /** @return {@code eigenvalue(factor) / trace(C)}, a fraction in (0, 1]; the ratios of all N components sum to 1 */
  public double explainedVarianceRatio(int factor) {
    return eigenvalue(factor) / totalVariance;
  }

  /** @return {@code trace(C)} of the ridged covariance: total variance, squared observation units */
  public double totalVariance() {
    return totalVariance;
  }

  /** @return the ridge actually added to the diagonal, {@code eps * trace(Xc'Xc/(T-1)) / N} */
  public double ridge() {
    return ridge;
  }

  private void checkFactor(int factor) {
    if (factor < 0 || factor >= nFactors) {
      throw new IndexOutOfBoundsException("factor " + factor + " outside [0, " + nFactors + ")");
    }
  }

  @Override
  public String toString() {
    return "PcaResult[" + coins.size() + " coins x " + observations + " obs, " + nFactors + " factors, PC1 ratio "
        + explainedVarianceRatio(0) + "]";
  }
}
