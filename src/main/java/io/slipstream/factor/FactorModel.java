package io.slipstream.factor;

import io.slipstream.core.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One estimated factor model: the PCA of the estimation window ending at base row {@link #estimationRow()}, plus
 * the market-factor betas of the coins in the estimation set.
 *
 * <p>Coins are indexed two ways: {@code k} indexes the estimation set ({@link #coins()}, in panel column order),
 * and panel columns index the full panel ({@link #columns()} maps {@code k} to its column).
 *
 * <p>Market factor = PC1. For a row {@code s} of raw (unweighted) H-hour log returns {@code r_{s,i}} (decimal):
 * {@code R_m,s = sum_i l_i r_{s,i} / sqrt(sum_i l_i^2)}, both sums over the coins of the set whose return at
 * {@code s} is finite (so a coin missing at {@code s} does not turn {@code R_m} into NaN; with all coins present
 * the denominator is 1). Other factors the same with their loadings ({@link #factorReturn}).
 * Betas: {@code beta_i = cov(r_i, R_m) / var(R_m)} over the {@code T} window rows (OLS slope with intercept);
 * residual {@code eps_{s,i} = r_{s,i} - beta_i R_m,s} ({@link #residuals}).
 *
 * <p>Causality: built by {@link FactorPipeline} only from bars closed at or before {@link #estimatedAtMs()}.
 * Immutable: arrays are copied in and out.
 */
public final class FactorModel {
  private final long estimatedAtMs;
  private final int estimationRow;
  private final int panelColumns;
  private final int[] columns;
  private final PcaResult pca;
  private final double[] betas;
  private final int[] indexOfColumn;

  /**
   * @param estimatedAtMs close time of the estimation row, epoch ms UTC
   * @param estimationRow the base row of the window's last observation
   * @param panelColumns number of columns of the panel
   * @param columns panel column of each coin of the set, ascending. Not modified.
   * @param pca the PCA of the weighted observations; its coins are the set's coins in the same order
   * @param betas market beta of each coin of the set (length {@code N}). Not modified.
   * @throws IllegalArgumentException on inconsistent lengths or columns out of range / not ascending
   */
  public FactorModel(long estimatedAtMs, int estimationRow, int panelColumns, int[] columns, PcaResult pca,
      double[] betas) {
    if (pca == null || columns == null || betas == null) {
      throw new IllegalArgumentException("Arguments 'pca', 'columns' and 'betas' must not be null");
    }
    int n = pca.size();
    if (columns.length != n || betas.length != n) {
      throw new IllegalArgumentException("columns (" + columns.length + ") and betas (" + betas.length
          + ") must have the PCA's " + n + " coins");
    }
    this.indexOfColumn = new int[panelColumns];
    Arrays.fill(indexOfColumn, -1);
    for (int k = 0; k < n; k++) {
      if (columns[k] < 0 || columns[k] >= panelColumns || (k > 0 && columns[k] <= columns[k - 1])) {
        throw new IllegalArgumentException("columns must be ascending in [0, " + panelColumns + "), was "
            + Arrays.toString(columns));
      }
      indexOfColumn[columns[k]] = k;
    }
    this.estimatedAtMs = estimatedAtMs;
    this.estimationRow = estimationRow;
    this.panelColumns = panelColumns;
    this.columns = columns.clone();
    this.pca = pca;
    this.betas = betas.clone();
  }

  /** @return close time of the estimation row, epoch ms UTC */
  public long estimatedAtMs() {
    return estimatedAtMs;
  }

  /** @return close time of the estimation row */
  public Instant estimatedAt() {
    return Instant.ofEpochMilli(estimatedAtMs);
  }

  /** @return the base row of the window's last observation */
  public int estimationRow() {
    return estimationRow;
  }

  /** @return the estimation set, in panel column order */
  public List<String> coins() {
    return pca.coins();
  }

  /** @return {@code N}, the size of the estimation set */
  public int size() {
    return columns.length;
  }

  /** @return the panel column index of each coin of the set (a copy) */
  public int[] columns() {
    return columns.clone();
  }

  /** @return the number of panel columns the model was estimated on */
  public int panelColumns() {
    return panelColumns;
  }

  /** @return the set index {@code k} of panel column {@code column}, -1 when it is not in the set */
  public int indexOfColumn(int column) {
    return column >= 0 && column < panelColumns ? indexOfColumn[column] : -1;
  }

  /** @return the number of factors */
  public int nFactors() {
    return pca.nFactors();
  }

  /** @return {@code T}, observations in the window */
  public int observations() {
    return pca.observations();
  }

  /** @return the underlying PCA result */
  public PcaResult pca() {
    return pca;
  }

  /** @return loading of coin {@code k} (set index) on {@code factor} (0 = PC1) */
  public double loading(int factor, int k) {
    return pca.loading(factor, k);
  }

  /** @return the loadings of {@code factor} over the set (copy, unit norm) */
  public double[] loadings(int factor) {
    return pca.loadings(factor);
  }

  /** @return eigenvalue of {@code factor}, squared decimal (weighted) returns */
  public double eigenvalue(int factor) {
    return pca.eigenvalue(factor);
  }

  /** @return {@code eigenvalue(factor) / trace(C)}, a fraction */
  public double explainedVarianceRatio(int factor) {
    return pca.explainedVarianceRatio(factor);
  }

  /** @return market beta of coin {@code k} (set index) */
  public double beta(int k) {
    return betas[k];
  }

  /** @return the market betas over the set (copy) */
  public double[] betas() {
    return betas.clone();
  }

  /** @return the beta of panel column {@code column}; NaN when the column is not in the set */
  public double betaOfColumn(int column) {
    int k = indexOfColumn(column);
    return k < 0 ? Double.NaN : betas[k];
  }

  /**
   * The market factor (PC1) return of one row: {@code R_m = sum l_i r_i / sqrt(sum l_i^2)} over the coins of the
   * set whose return is finite.
   *
   * @param returnsByColumn raw H-hour log returns (decimal) indexed by PANEL column, length = panel columns,
   *     NaN = not available. Not modified.
   * @return {@code R_m} (decimal log return of the unit-norm portfolio); NaN when no coin of the set has a finite
   *     return
   * @throws IllegalArgumentException on a length mismatch
   */
  public double marketReturn(double[] returnsByColumn) {
    return factorReturn(0, returnsByColumn);
  }

  /**
   * The return of factor {@code factor}, as {@link #marketReturn} with that factor's loadings.
   *
   * @param factor 0 = PC1
   * @param returnsByColumn raw returns by panel column. Not modified.
   * @return the factor return; NaN when no coin of the set has a finite return
   * @throws IllegalArgumentException on a length mismatch
   */
  public double factorReturn(int factor, double[] returnsByColumn) {
    Checks.notNull(returnsByColumn, "returnsByColumn");
    Checks.sameLength(returnsByColumn.length, panelColumns, "returnsByColumn");
    double num = 0;
    double ss = 0;
    boolean any = false;
    for (int k = 0; k < columns.length; k++) {
      double r = returnsByColumn[columns[k]];
      if (Double.isFinite(r)) {
        double l = pca.loading(factor, k);
        num += l * r;
        ss += l * l;
        any = true;
      }
    }
    return any ? num / Math.sqrt(ss) : Double.NaN;
  }

  /**
   * Residual (idiosyncratic) returns {@code eps_i = r_i - beta_i R_m} of one row.
   *
   * @param returnsByColumn raw returns by panel column (length = panel columns). Not modified.
   * @return residuals by panel column; NaN for columns outside the set, with a non-finite return, or when
   *     {@code R_m} is NaN
   * @throws IllegalArgumentException on a length mismatch
   */
  public double[] residuals(double[] returnsByColumn) {
    double rm = marketReturn(returnsByColumn);
    double[] out = new double[panelColumns];
    Arrays.fill(out, Double.NaN);
    for (int k = 0; k < columns.length; k++) {
      int c = columns[k];
      out[c] = returnsByColumn[c] - betas[k] * rm;
    }
    return out;
  }

  @Override
  public String toString() {
    return "FactorModel[" + estimatedAt() + ", row " + estimationRow + ", " + size() + " coins, " + observations()
        + " obs, PC1 ratio " + explainedVarianceRatio(0) + "]";
  }
}
