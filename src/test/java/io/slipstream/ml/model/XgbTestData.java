package io.slipstream.ml.model;

import java.util.ArrayList;
import java.util.List;

/** Seeded synthetic classification problems for the XGBoost tests. */
final class XgbTestData {
  static final long HOUR_MS = 3_600_000L;
  static final long T0 = 1_700_000_000_000L;

  private XgbTestData() {
  }

  static List<String> names(int cols) {
    List<String> n = new ArrayList<>();
    for (int j = 0; j < cols; j++) {
      n.add("x" + j);
    }
    return n;
  }

  /**
   * Rows {@code [0, n)}; features i.i.d. N(0, 1); label {@code 1{x0 + 0.5 x1 > 0}} when separable, else an
   * independent fair coin ({@code positiveShare} for the coin's bias).
   */
  static Dataset make(int n, int cols, boolean separable, double positiveShare, long seed) {
    SplitMix64 r = new SplitMix64(seed);
    double[][] x = new double[n][cols];
    double[] y = new double[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < cols; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i] = separable ? (x[i][0] + 0.5 * x[i][1] > 0 ? 1 : 0) : (r.nextDouble() < positiveShare ? 1 : 0);
      t[i] = T0 + i * HOUR_MS;
    }
    return Dataset.of(names(cols), x, y, t);
  }
}
