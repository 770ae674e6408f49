package io.slipstream.backtest.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Test helpers: the CSV fixture of tools/overfit_reference.py and a brute-force CSCV straight from a raw return
 * matrix (two-pass mean and variance over the concatenated rows), a second, independent implementation of the
 * documented conventions used to cross-check the sufficient-statistics kernel.
 */
final class PboFixtures {
  private PboFixtures() {
  }

  /** {@code cscv_returns.csv}: 480 bars x 20 trials, returned as {@code [trial][t]}. */
  static double[][] fixtureByTrial() {
    try (InputStream in = PboFixtures.class.getResourceAsStream("cscv_returns.csv")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource cscv_returns.csv");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      int n = r.readLine().split(",").length;
      List<double[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
          row[i] = Double.parseDouble(f[i]);
        }
        rows.add(row);
      }
      double[][] byTrial = new double[n][rows.size()];
      for (int t = 0; t < rows.size(); t++) {
        for (int i = 0; i < n; i++) {
          byTrial[i][t] = rows.get(t)[i];
        }
      }
      return byTrial;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cscv_returns.csv", e);
    }
  }

  /** Result of {@link #bruteForce}. */
  record Brute(double pbo, double[] logits, double slope, double intercept, double loss) {
  }

  /** Sharpe ratio (ddof 1) by two passes over {@code x[rows]}; -Infinity when undefined. */
  static double sharpe(double[] x, int[] rows) {
    if (rows.length < 2) {
      return Double.NEGATIVE_INFINITY;
    }
    double m = 0;
    for (int t : rows) {
      m += x[t];
    }
    m /= rows.length;
    double v = 0;
    for (int t : rows) {
      v += (x[t] - m) * (x[t] - m);
    }
    v /= rows.length - 1;
    return v > 0 ? m / Math.sqrt(v) : Double.NEGATIVE_INFINITY;
  }

  /**
   * CSCV from the raw returns {@code [trial][t]}, combinations in lexicographic order; trials may differ in length
   * (each is cut by its own {@link BlockReturns#blockBounds}).
   */
  static Brute bruteForce(double[][] r, int s) {
    int n = r.length;
    int[] masks = ProbabilityOfBacktestOverfitting.combinations(s, s / 2);
    double[] logits = new double[masks.length];
    double[] xs = new double[masks.length];
    double[] ys = new double[masks.length];
    int overfit = 0;
    int losses = 0;
    for (int c = 0; c < masks.length; c++) {
      int mask = masks[c];
      double[] rIs = new double[n];
      double[] rOos = new double[n];
      java.util.Map<Integer, int[][]> byLength = new java.util.HashMap<>();
      for (int i = 0; i < n; i++) {
        int[][] rw = byLength.computeIfAbsent(r[i].length, len -> new int[][] {
            rows(BlockReturns.blockBounds(len, s), mask, true), rows(BlockReturns.blockBounds(len, s), mask, false)});
        rIs[i] = sharpe(r[i], rw[0]);
        rOos[i] = sharpe(r[i], rw[1]);
      }
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (rIs[i] != Double.NEGATIVE_INFINITY && (best < 0 || rIs[i] > rIs[best])) {
          best = i;
        }
      }
      double v = rOos[best];
      double rank = 0;
      int ties = 0;
      for (int i = 0; i < n; i++) {
        if (rOos[i] < v) {
          rank++;
        } else if (rOos[i] == v) {
          ties++;
        }
      }
      rank += (ties + 1) / 2.0;
      double w = rank / (n + 1);
      logits[c] = Math.log(w / (1 - w));
      overfit += logits[c] <= 0 ? 1 : 0;
      xs[c] = rIs[best];
      ys[c] = v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
      double sum = 0;
      for (int t : byLength.get(r[best].length)[1]) {
        sum += r[best][t];
      }
      losses += sum < 0 ? 1 : 0;
    }
    // ordinary least squares over the finite pairs, textbook formula
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int m = 0;
    for (int c = 0; c < masks.length; c++) {
      if (!Double.isNaN(ys[c])) {
        m++;
        sx += xs[c];
        sy += ys[c];
        sxx += xs[c] * xs[c];
        sxy += xs[c] * ys[c];
      }
    }
    double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    double intercept = (sy - slope * sx) / m;
    return new Brute((double) overfit / masks.length, logits, slope, intercept, (double) losses / masks.length);
  }

  private static int[] rows(int[] bounds, int mask, boolean in) {
    return IntStream.range(0, bounds.length - 1).filter(b -> ((mask >>> b) & 1) == (in ? 1 : 0))
        .flatMap(b -> IntStream.range(bounds[b], bounds[b + 1])).toArray();
  }
}
