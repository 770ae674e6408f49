package io.slipstream.backtest.search;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.DataException;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a finished grid search found, read back from its result table: the configuration with the best in-sample
 * objective (ties: the lowest id), its in-sample and out-of-sample stats, and the two overfitting guards:
 * <ul>
 *   <li>the deflated Sharpe ratio (Bailey and Lopez de Prado 2014) of the chosen configuration's in-sample net
 *       returns, with the number of trials = configurations that ran and the variance of the trials' in-sample
 *       per-bar Sharpe ratios;</li>
 *   <li>the probability of backtest overfitting by CSCV (Bailey, Borwein, Lopez de Prado and Zhu 2016) over the
 *       whole window's net returns cut into S blocks.</li>
 * </ul>
 * Trials that failed (an error) are left out of both and counted. Trials whose returns have zero variance in some
 * block combination get a NaN Sharpe there, which CSCV ranks as the worst.
 *
 * @param configurations grid size
 * @param failed configurations whose run failed
 * @param firstError the first failure's message (empty when none)
 * @param objective the objective searched
 * @param bestId the chosen configuration
 * @param bestParams its grid values (JSON object text)
 * @param bestFull its stats over the whole window
 * @param bestInSample its in-sample stats
 * @param bestOutOfSample its out-of-sample stats ({@link PeriodStats#EMPTY} with no out-of-sample period)
 * @param outOfSampleRank rank of the chosen configuration's out-of-sample objective among all trials that ran
 *     (1 = best; 0 when there is no out-of-sample period)
 * @param deflatedSharpe the deflated Sharpe ratio of the choice
 * @param pbo the CSCV result (null when fewer than two trials ran)
 */
public record GridSummary(long configurations, long failed, String firstError, Objective objective, long bestId,
    String bestParams, PeriodStats bestFull, PeriodStats bestInSample, PeriodStats bestOutOfSample,
    int outOfSampleRank, DeflatedSharpe.Result deflatedSharpe, PboResult pbo) {

  /**
   * Per-configuration values read back for the summary and its charts, rows in config-id order.
   *
   * @param ids configuration ids {@code 0 .. size-1}
   * @param errors error text per row (empty = ran)
   * @param inSample in-sample objective per row
   * @param outOfSample out-of-sample objective per row (NaN without an out-of-sample period)
   * @param inSampleSharpe in-sample annualised Sharpe per row
   */
  public record Values(long[] ids, String[] errors, double[] inSample, double[] outOfSample,
      double[] inSampleSharpe) {
  }

  /**
   * Reads the objective columns of a complete result table.
   *
   * @param evaluator the grid
   * @param resultsDir the results folder
   * @return the values, in config-id order
   * @throws DataException when the table does not hold every configuration exactly once
   */
  public static Values read(GridEvaluator evaluator, Path resultsDir) {
    String obj = evaluator.job().objective().key();
    List<ColumnSpec> cols = new ArrayList<>(List.of(new ColumnSpec("config_id", ColumnType.INT64),
        new ColumnSpec("error", ColumnType.STRING), new ColumnSpec("is_" + obj, ColumnType.DOUBLE),
        new ColumnSpec("oos_" + obj, ColumnType.DOUBLE)));
    if (evaluator.job().objective() != Objective.SHARPE) {
      cols.add(new ColumnSpec("is_sharpe", ColumnType.DOUBLE));
    }
    int size = checkedSize(evaluator.spec());
    long[] ids = new long[size];
    String[] errors = new String[size];
    double[] is = new double[size];
    double[] oos = new double[size];
    double[] isSharpe = new double[size];
    boolean[] seen = new boolean[size];
    for (Table t : GridResults.read(resultsDir, cols)) {
      long[] id = t.longs("config_id");
      String[] e = t.strings("error");
      double[] a = t.doubles("is_" + obj);
      double[] b = t.doubles("oos_" + obj);
      double[] c = t.doubles("is_sharpe");
      for (int i = 0; i < id.length; i++) {
        int k = (int) id[i];
        if (id[i] < 0 || id[i] >= size || seen[k]) {
          throw new DataException(resultsDir + ": config_id " + id[i] + " is outside the grid or repeated");
        }
        seen[k] = true;
        ids[k] = k;
        errors[k] = e[i];
        is[k] = a[i];
        oos[k] = b[i];
        isSharpe[k] = c[i];
      }
    }
    for (int k = 0; k < size; k++) {
      if (!seen[k]) {
        throw new DataException(resultsDir + " lacks configuration " + k + " of " + size
            + ": the search has not finished (run it again to resume)");
      }
    }
    return new Values(ids, errors, is, oos, isSharpe);
  }

  /**
   * Summarises a complete grid search.
   *
   * @param evaluator the grid (used to re-run the chosen configuration for its in-sample returns)
   * @param resultsDir the results folder
   * @return the summary
   * @throws DataException when the table is incomplete, or when no configuration ran
   */
  public static GridSummary of(GridEvaluator evaluator, Path resultsDir) {
    Values t = read(evaluator, resultsDir);
    int size = t.ids().length;
    int best = -1;
    long failed = 0;
    String firstError = "";
    List<Integer> ok = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      if (!t.errors()[k].isEmpty()) {
        failed++;
        if (firstError.isEmpty()) {
          firstError = "configuration " + k + ": " + t.errors()[k];
        }
        continue;
      }
      ok.add(k);
      if (best < 0 || Objective.better(t.inSample()[k], t.inSample()[best])) {
        best = k;
      }
    }
    if (best < 0) {
      throw new DataException("no configuration of the grid ran; first error: " + firstError);
    }
    int oosRank = 0;
    if (evaluator.inSampleBars() < evaluator.bookedBars()) {
      oosRank = 1;
      for (int k : ok) {
        if (Objective.better(t.outOfSample()[k], t.outOfSample()[best])) {
          oosRank++;
        }
      }
    }
    BacktestConfig cfg = evaluator.config(best);
    BacktestResult r = evaluator.backtest(cfg, cfg.start(), cfg.end());
    double[] isReturns = Arrays.copyOf(r.netReturns(), evaluator.inSampleBars());
    double sq = Math.sqrt(r.interval().periodsPerYear());
    double mean = 0;
    int m = 0;
    for (int k : ok) {
      double s = t.inSampleSharpe()[k];
      if (Double.isFinite(s)) {
        mean += s / sq;
        m++;
      }
    }
    mean = m > 0 ? mean / m : Double.NaN;
    double var = 0;
    for (int k : ok) {
      double s = t.inSampleSharpe()[k];
      if (Double.isFinite(s)) {
        var += (s / sq - mean) * (s / sq - mean);
      }
    }
    var = m > 1 ? var / (m - 1) : 0.0;
    DeflatedSharpe.Result dsr = DeflatedSharpe.of(isReturns, ok.size(), var);
    PboResult pbo = ok.size() >= 2 ? ProbabilityOfBacktestOverfitting.cscv(blocks(evaluator, resultsDir, ok)) : null;
    PeriodStats full = PeriodStats.of(r, 0, r.size());
    PeriodStats is = PeriodStats.of(r, 0, evaluator.inSampleBars());
    PeriodStats oos = PeriodStats.of(r, evaluator.inSampleBars(), r.size());
    return new GridSummary(size, failed, firstError, evaluator.job().objective(), best,
        evaluator.spec().paramsJson(best), full, is, oos, oosRank, dsr, pbo);
  }

  /** The CSCV block statistics of the trials that ran, in the order of {@code ok}. */
  private static BlockReturns blocks(GridEvaluator evaluator, Path resultsDir, List<Integer> ok) {
    int s = evaluator.job().blocks();
    List<ColumnSpec> cols = new ArrayList<>();
    cols.add(new ColumnSpec("config_id", ColumnType.INT64));
    for (String kind : new String[] {"n", "sum", "sumsq"}) {
      for (int b = 0; b < s; b++) {
        cols.add(new ColumnSpec(GridResults.blockColumn(kind, b), ColumnType.DOUBLE));
      }
    }
    int size = checkedSize(evaluator.spec());
    int[] trialOf = new int[size];
    Arrays.fill(trialOf, -1);
    for (int i = 0; i < ok.size(); i++) {
      trialOf[ok.get(i)] = i;
    }
    BlockReturns out = new BlockReturns(ok.size(), s);
    for (Table t : GridResults.read(resultsDir, cols)) {
      long[] id = t.longs("config_id");
      double[][] n = new double[s][];
      double[][] sum = new double[s][];
      double[][] sq = new double[s][];
      for (int b = 0; b < s; b++) {
        n[b] = t.doubles(GridResults.blockColumn("n", b));
        sum[b] = t.doubles(GridResults.blockColumn("sum", b));
        sq[b] = t.doubles(GridResults.blockColumn("sumsq", b));
      }
      for (int i = 0; i < id.length; i++) {
        int trial = trialOf[(int) id[i]];
        if (trial < 0) {
          continue;
        }
        for (int b = 0; b < s; b++) {
          out.set(trial, b, (long) n[b][i], sum[b][i], sq[b][i]);
        }
      }
    }
    return out;
  }

  /**
   * Mean in-sample objective over the other keys for each pair of values of two keys (for a heatmap).
   *
   * @param evaluator the grid
   * @param values per-configuration objective values, by config id (NaN and failed ones are skipped)
   * @param xKey key position on the x axis
   * @param yKey key position on the y axis
   * @return {@code z[yValue][xValue]}, NaN where no configuration has a finite value
   */
  public static double[][] meanOver(GridEvaluator evaluator, double[] values, int xKey, int yKey) {
    GridSpec spec = evaluator.spec();
    int nx = spec.values(xKey).size();
    int ny = spec.values(yKey).size();
    double[][] sum = new double[ny][nx];
    int[][] cnt = new int[ny][nx];
    for (int id = 0; id < values.length; id++) {
      double v = values[id];
      if (Double.isFinite(v)) {
        int x = spec.valueIndex(id, xKey);
        int y = spec.valueIndex(id, yKey);
        sum[y][x] += v;
        cnt[y][x]++;
      }
    }
    double[][] z = new double[ny][nx];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        z[y][x] = cnt[y][x] > 0 ? sum[y][x] / cnt[y][x] : Double.NaN;
      }
    }
    return z;
  }

  static int checkedSize(GridSpec spec) {
    if (spec.size() > Integer.MAX_VALUE - 8) {
      throw new io.slipstream.core.ConfigException("grid", "has " + spec.size()
          + " configurations, more than one search can hold");
    }
    return (int) spec.size();
  }
}
