package io.slipstream.factor;

import io.slipstream.data.Panel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The factor models of one panel and one {@link PcaConfig}, estimated by {@link FactorPipeline#run} at every
 * estimation time, in ascending row order, plus the H-hour log returns they were estimated from.
 *
 * <p>Rows are base-panel rows (bars by open time; a bar becomes known at its close). Every model at row {@code t}
 * uses only rows {@code <= t}, so {@link #modelAt(int)} is what was known at the close of row {@code row}.
 * Immutable.
 */
public final class FactorHistory {
  private final PcaConfig config;
  private final int horizonBars;
  private final Panel close;
  private final Panel horizonLogReturns;
  private final int[] estimationRows;
  private final List<FactorModel> models;
  private final int[] skippedRows;
  private final int[] skippedCoinCounts;

  FactorHistory(PcaConfig config, int horizonBars, Panel close, Panel horizonLogReturns, int[] estimationRows,
      List<FactorModel> models, int[] skippedRows, int[] skippedCoinCounts) {
    this.config = config;
    this.horizonBars = horizonBars;
    this.close = close;
    this.horizonLogReturns = horizonLogReturns;
    this.estimationRows = estimationRows;
    this.models = List.copyOf(models);
    this.skippedRows = skippedRows;
    this.skippedCoinCounts = skippedCoinCounts;
  }

  /** @return the parameters */
  public PcaConfig config() {
    return config;
  }

  /** @return {@code h}: base bars per H-period */
  public int horizonBars() {
    return horizonBars;
  }

  /** @return {@code T = K * h}: observations per estimation window */
  public int windowObservations() {
    return config.lookbackPeriods() * horizonBars;
  }

  /** @return all panel columns (coins), in column order */
  public List<String> coins() {
    return horizonLogReturns.coins();
  }

  /** @return the base rows where a model was estimated, ascending (a copy) */
  public int[] estimationRows() {
    return estimationRows.clone();
  }

  /** @return the close times of the estimation rows, epoch ms UTC, ascending */
  public long[] estimationTimesMs() {
    long[] out = new long[estimationRows.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = horizonLogReturns.closeTimeMs(estimationRows[j]);
    }
    return out;
  }

  /** @return the models, in the order of {@link #estimationRows()} */
  public List<FactorModel> models() {
    return models;
  }

  /**
   * Estimation times at which no model was produced because fewer than {@code nFactors + 1} coins had a complete
   * window (e.g. right after the start of the data, or a market-wide gap); ascending (a copy).
   *
   * @return the skipped base rows
   */
  public int[] skippedRows() {
    return skippedRows.clone();
  }

  /** @return the size of the estimation set at each {@link #skippedRows()} row (a copy) */
  public int[] skippedCoinCounts() {
    return skippedCoinCounts.clone();
  }

  /**
   * @param row a base row
   * @return the latest model estimated at a row {@code <= row}; empty before the first one
   */
  public Optional<FactorModel> modelAt(int row) {
    int j = latestIndexAtOrBefore(row);
    return j < 0 ? Optional.empty() : Optional.of(models.get(j));
  }

  private int latestIndexAtOrBefore(int row) {
    int i = Arrays.binarySearch(estimationRows, row);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * @return {@code r^H_t = ln(C_t / C_{t-h})} (decimal), same shape as the base panel; NaN in the first {@code h}
   *     rows and where either close is NaN
   */
  public Panel horizonLogReturns() {
    return horizonLogReturns;
  }

  /**
   * Out-of-sample factor returns: element {@code j} is the return of {@code factor} over
   * {@code (t_j, t_{j+1}]}, where {@code t_j} is the close of estimation row {@code j}, computed with the loadings of
   * model {@code j} from the raw log returns {@code ln(C_{t_{j+1}} / C_{t_j})} of its coins, as
   * {@link FactorModel#factorReturn} (coins with a NaN close at either end are left out; NaN when none is left).
   * Consecutive models are one H-period apart unless an estimation time was skipped.
   *
   * @param factor 0 = PC1 (the market factor)
   * @return {@code models().size() - 1} returns (decimal log), empty with fewer than two models; its time is the
   *     close of row {@code j + 1}
   * @throws IndexOutOfBoundsException for a bad factor index
   */
  public double[] outOfSampleFactorReturns(int factor) {
    if (factor < 0 || factor >= config.nFactors()) {
      throw new IndexOutOfBoundsException("factor " + factor + " outside [0, " + config.nFactors() + ")");
    }
    int m = models.size();
    if (m < 2) {
      return new double[0];
    }
    double[] out = new double[m - 1];
    double[] r = new double[close.columns()];
    for (int j = 0; j + 1 < m; j++) {
      int a = estimationRows[j];
      int b = estimationRows[j + 1];
      for (int c = 0; c < r.length; c++) {
        r[c] = Math.log(close.get(b, c) / close.get(a, c));
      }
      out[j] = models.get(j).factorReturn(factor, r);
    }
    return out;
  }

  /**
   * The market factor return {@code R_m,s} of every base row, with the model known at {@code s}
   * ({@link #modelAt(int)}) applied to {@code r^H_s} (in-window for the estimation rows themselves, causal
   * everywhere: it uses rows {@code <= s} only).
   *
   * @return one value per base row (decimal log return); NaN before the first model and where no coin of the set
   *     has a finite return
   */
  public double[] marketReturns() {
    int rows = horizonLogReturns.rows();
    double[] out = new double[rows];
    Arrays.fill(out, Double.NaN);
    for (int s = 0; s < rows; s++) {
      int j = latestIndexAtOrBefore(s);
      if (j >= 0) {
        out[s] = models.get(j).marketReturn(horizonLogReturns.row(s));
      }
    }
    return out;
  }

  /**
   * Residual (idiosyncratic) H-hour returns {@code eps_{s,i} = r^H_{s,i} - beta_i R_m,s} with the model known at
   * {@code s} ({@link #modelAt(int)}); causal (rows {@code <= s} only).
   *
   * @return same shape as the base panel, decimal log returns; NaN before the first model, for coins outside the
   *     model's estimation set, and where the return or {@code R_m,s} is NaN
   */
  public Panel residualReturns() {
    int rows = horizonLogReturns.rows();
    int cols = horizonLogReturns.columns();
    double[] out = new double[rows * cols];
    Arrays.fill(out, Double.NaN);
    for (int s = 0; s < rows; s++) {
      int j = latestIndexAtOrBefore(s);
      if (j >= 0) {
        double[] e = models.get(j).residuals(horizonLogReturns.row(s));
        for (int c = 0; c < cols; c++) {
          out[c * rows + s] = e[c];
        }
      }
    }
    return horizonLogReturns.withValues(out);
  }

  @Override
  public String toString() {
    return "FactorHistory[H = " + config.horizonHours() + " h, K = " + config.lookbackPeriods() + ", "
        + models.size() + " models, " + skippedRows.length + " skipped]";
  }
}
