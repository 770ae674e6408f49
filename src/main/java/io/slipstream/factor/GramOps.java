package io.slipstream.factor;

/**
 * Gram-matrix kernel shared by the PCA estimator and the covariance estimators: {@code G = A A'} for {@code m}
 * vectors of length {@code len} stored one after the other ({@code a[p * len + i]}), register-blocked 4 x 4 (about
 * twice as fast as a plain rank-1 update loop on a 186 x 720 window). Package-private.
 */
final class GramOps {
  private GramOps() {
  }

  /**
   * @param a {@code m} vectors of length {@code len}, contiguous. Not modified.
   * @param m number of vectors
   * @param len vector length
   * @return {@code G}, {@code m x m} row-major, {@code G[p][q] = sum_i a[p][i] a[q][i]}, exactly symmetric
   */
  static double[] gram(double[] a, int m, int len) {
    double[] g = new double[m * m];
    int p = 0;
    for (; p + 3 < m; p += 4) {
      int o0 = p * len;
      int o1 = o0 + len;
      int o2 = o1 + len;
      int o3 = o2 + len;
      int q = p;
      for (; q + 3 < m; q += 4) {
        int r0 = q * len;
        int r1 = r0 + len;
        int r2 = r1 + len;
        int r3 = r2 + len;
        double s00 = 0;
        double s01 = 0;
        double s02 = 0;
        double s03 = 0;
        double s10 = 0;
        double s11 = 0;
        double s12 = 0;
        double s13 = 0;
        double s20 = 0;
        double s21 = 0;
        double s22 = 0;
        double s23 = 0;
        double s30 = 0;
        double s31 = 0;
        double s32 = 0;
        double s33 = 0;
        for (int i = 0; i < len; i++) {
          double a0 = a[o0 + i];
          double a1 = a[o1 + i];
          double a2 = a[o2 + i];
          double a3 = a[o3 + i];
          double b0 = a[r0 + i];
          double b1 = a[r1 + i];
          double b2 = a[r2 + i];
          double b3 = a[r3 + i];
          s00 += a0 * b0;
          s01 += a0 * b1;
          s02 += a0 * b2;
          s03 += a0 * b3;
          s10 += a1 * b0;
          s11 += a1 * b1;
          s12 += a1 * b2;
          s13 += a1 * b3;
          s20 += a2 * b0;
          s21 += a2 * b1;
          s22 += a2 * b2;
          s23 += a2 * b3;
          s30 += a3 * b0;
          s31 += a3 * b1;
          s32 += a3 * b2;
          s33 += a3 * b3;
        }
        put(g, m, p, q, s00);
        put(g, m, p, q + 1, s01);
        put(g, m, p, q + 2, s02);
        put(g, m, p, q + 3, s03);
        put(g, m, p + 1, q, s10);
        put(g, m, p + 1, q + 1, s11);
        put(g, m, p + 1, q + 2, s12);
        put(g, m, p + 1, q + 3, s13);
        put(g, m, p + 2, q, s20);
        put(g, m, p + 2, q + 1, s21);
        put(g, m, p + 2, q + 2, s22);
        put(g, m, p + 2, q + 3, s23);
        put(g, m, p + 3, q, s30);
        put(g, m, p + 3, q + 1, s31);
        put(g, m, p + 3, q + 2, s32);
        put(g, m, p + 3, q + 3, s33);
      }
      for (; q < m; q++) {
        int r0 = q * len;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int i = 0; i < len; i++) {
          double b = a[r0 + i];
          s0 += a[o0 + i] * b;
          s1 += a[o1 + i] * b;
          s2 += a[o2 + i] * b;
          s3 += a[o3 + i] * b;
        }
        put(g, m, p, q, s0);
        put(g, m, p + 1, q, s1);
        put(g, m, p + 2, q, s2);
        put(g, m, p + 3, q, s3);
      }
    }
    for (; p < m; p++) {
      int o0 = p * len;
      for (int q = p; q < m; q++) {
        int r0 = q * len;
        double s = 0;
        for (int i = 0; i < len; i++) {
          s += a[o0 + i] * a[r0 + i];
        }
        put(g, m, p, q, s);
      }
    }
    return g;
  }

  /** Writes {@code (p, q)} and {@code (q, p)}; within a diagonal block the lower half is overwritten by itself. */
  private static void put(double[] g, int m, int p, int q, double v) {
    if (q >= p) {
      g[p * m + q] = v;
      g[q * m + p] = v;
    }
  }
}
