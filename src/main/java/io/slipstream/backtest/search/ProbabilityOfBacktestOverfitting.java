package io.slipstream.backtest.search;

import io.slipstream.core.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (CSCV): Bailey, Borwein,
 * Lopez de Prado and Zhu (2016), "The Probability of Backtest Overfitting", Journal of Computational Finance 20(4),
 * section 2 (SSRN 2326253).
 */
public final class ProbabilityOfBacktestOverfitting {
  /** Largest number of blocks accepted: C(24, 12) = 2,704,156 combinations (the paper uses S = 16). */
  public static final int MAX_BLOCKS = 24;
  /** Below this many trial-combination evaluations the kernel runs on the calling thread only. */
  private static final long PARALLEL_THRESHOLD = 1L << 20;

  private ProbabilityOfBacktestOverfitting() {
  }

  /**
   * CSCV over the trials x S block statistics (rows = trials, columns = contiguous time blocks). For each of the
   * {@code C(S, S/2)} ways to choose S/2 blocks as the in-sample set J (the other S/2 blocks, J-bar, are out of
   * sample):
   * <ol>
   *   <li>every trial's Sharpe ratio on J and on J-bar, per bar, {@code mean / stdev} (stdev with ddof 1) over the
   *       union of the blocks' returns, from the summed statistics: {@code mean = sum/n},
   *       {@code var = (sumSquares - sum mean)/(n - 1)};</li>
   *   <li>the selected trial n* = the one with the largest in-sample Sharpe ratio (ties: the lowest trial index);</li>
   *   <li>its relative out-of-sample rank {@code omega = rank / (N + 1)}, where rank 1 = the worst of the N trials
   *       out of sample and tied Sharpe ratios share their average rank (so {@code omega} lies in (0, 1), as the
   *       paper requires; N + 1 is the denominator of the paper's formula, which also keeps the logit finite);</li>
   *   <li>the logit {@code lambda = ln(omega / (1 - omega))}.</li>
   * </ol>
   * {@code PBO = #(lambda <= 0) / C(S, S/2)}: the paper's {@code integral_{-inf}^{0} f(lambda) d lambda} of the
   * empirical logit distribution, which counts a selected trial that lands exactly at the out-of-sample median
   * ({@code lambda = 0}) as overfit. The test is done exactly on integers ({@code 2 rank <= N + 1}).
   * Also returned (paper section 2.3): the least-squares line of the selected trial's out-of-sample Sharpe ratio
   * on its in-sample Sharpe ratio over the combinations (performance degradation) and the share of combinations in
   * which the selected trial's out-of-sample mean return is negative (probability of loss, {@code SR-bar_n* < 0}).
   *
   * <p>Undefined Sharpe ratios: a trial with fewer than 2 observations or a variance that is not positive in a half
   * (for example a configuration that never trades, all returns 0; also the practically impossible case of a ratio
   * that overflows to infinity) has no Sharpe ratio there. It is never selected
   * in sample while another trial has one, ranks below every defined Sharpe ratio out of sample (such trials share
   * their average rank), and a selected trial without an out-of-sample Sharpe ratio is left out of the degradation
   * line (its loss test uses its mean, 0 for constant zero returns: no loss).
   *
   * <p>Cost: {@code C(S, S/2) N} Sharpe ratios and rank counts plus about {@code C(S, S/2) N} additions; each
   * complementary pair J, J-bar shares one pass (the complement of the c-th combination in lexicographic order is
   * the {@code (C - 1 - c)}-th); the work is split over the common fork-join pool. Results do not depend on the
   * number of threads (every combination is computed by the same arithmetic and written to its own slot). Memory:
   * a block-major copy of the statistics ({@code 3 S N} doubles), five arrays of {@code C(S, S/2)} results, and
   * {@code (S + 2) N} doubles of scratch per running task. Measured (OverfittingBenchmark, S = 16, 2 busy
   * cores): about 0.08 s for N = 1,000 and 1.1 s for N = 10,000.
   *
   * @param blocks trials x S block statistics; N = trials >= 2, S <= {@link #MAX_BLOCKS}. Not modified.
   * @return PBO, logits in lexicographic order of the in-sample block sets, degradation line, probability of loss
   * @throws IllegalArgumentException if {@code blocks} is null, has fewer than 2 trials or more than
   *     {@link #MAX_BLOCKS} blocks
   * @throws DataException if in some combination no trial has a defined in-sample Sharpe ratio (naming it)
   */
  public static PboResult cscv(BlockReturns blocks) {
    if (blocks == null) {
      throw new IllegalArgumentException("Argument 'blocks' must not be null");
    }
    int n = blocks.trials();
    int s = blocks.blocks();
    if (n < 2) {
      throw new IllegalArgumentException("Argument 'blocks.trials' must be >= 2, was " + n);
    }
    if (s > MAX_BLOCKS) {
      throw new IllegalArgumentException("Argument 'blocks.blocks' must be <= " + MAX_BLOCKS + ", was " + s);
    }
    int[] masks = combinations(s, s / 2);
    int c = masks.length;
    double[][] bm = blocks.blockMajor();
    Kernel k = new Kernel(n, s, bm[0], bm[1], bm[2]);
    Out out = new Out(c);
    // tasks: the in-sample sets that contain block 0 (the first C/2 in lexicographic order), grouped by their
    // first min(S/2, 3) blocks; each task walks its subtree depth first
    int depth = Math.min(s / 2, 3);
    List<int[]> prefixes = new ArrayList<>();
    prefixes(s, s / 2, depth, new int[depth], 1, prefixes);
    long[] firstLeaf = new long[prefixes.size()];
    long leaves = 0;
    for (int t = 0; t < prefixes.size(); t++) {
      firstLeaf[t] = leaves;
      int[] pre = prefixes.get(t);
      leaves += binomial(s - 1 - pre[depth - 1], s / 2 - depth);
    }
    if ((long) c * n < PARALLEL_THRESHOLD) {
      for (int t = 0; t < prefixes.size(); t++) {
        k.run(prefixes.get(t), (int) firstLeaf[t], out);
      }
    } else {
      IntStream.range(0, prefixes.size()).parallel().forEach(t -> k.run(prefixes.get(t), (int) firstLeaf[t], out));
    }
    return summarise(out, masks, n, s);
  }

  /** All prefixes {0, c_1, .., c_{depth-1}} (ascending) of S/2-subsets of S blocks that contain block 0, in order. */
  private static void prefixes(int s, int k, int depth, int[] cur, int pos, List<int[]> out) {
    if (pos == depth) {
      out.add(cur.clone());
      return;
    }
    for (int e = cur[pos - 1] + 1; e <= s - k + pos; e++) {
      cur[pos] = e;
      prefixes(s, k, depth, cur, pos + 1, out);
    }
  }

  /** Per-combination results of the kernel, written by disjoint index ranges. */
  private static final class Out {
    final int[] selected;
    final long[] twiceRank;
    final double[] isSharpe;
    final double[] oosSharpe;
    final boolean[] loss;

    Out(int c) {
      selected = new int[c];
      twiceRank = new long[c];
      isSharpe = new double[c];
      oosSharpe = new double[c];
      loss = new boolean[c];
    }
  }

  /**
   * The kernel. Block statistics are block-major ({@code [block * n + trial]}). The in-sample sets J that contain
   * block 0 are enumerated depth first in lexicographic order, level {@code l} holding the sums over the first
   * {@code l + 1} chosen blocks, so each set costs about one vector add instead of S/2 (the sums are formed in
   * increasing block order, the same additions as summing J's blocks one after another); J-bar = total - J. When
   * every trial has the same number of bars in each block (the usual case) the counts are scalars and the Sharpe
   * loops are branch-free (vectorisable), undefined values (NaN or infinite) being mapped to -Infinity afterwards.
   */
  private static final class Kernel {
    final int n;
    final int s;
    final int k;
    final int c;
    final double[] bn;
    final double[] bs;
    final double[] bq;
    final double[] tn;
    final double[] ts;
    final double[] tq;
    /** Per-block count shared by all trials, or null when the counts differ between trials. */
    final double[] uniformN;
    final double totalN;

    Kernel(int n, int s, double[] bn, double[] bs, double[] bq) {
      this.n = n;
      this.s = s;
      this.k = s / 2;
      this.c = (int) binomial(s, s / 2);
      this.bn = bn;
      this.bs = bs;
      this.bq = bq;
      tn = new double[n];
      ts = new double[n];
      tq = new double[n];
      for (int b = 0; b < s; b++) {
        add(tn, bn, b * n, n);
        add(ts, bs, b * n, n);
        add(tq, bq, b * n, n);
      }
      double[] u = new double[s];
      boolean uniform = true;
      for (int b = 0; b < s && uniform; b++) {
        u[b] = bn[b * n];
        for (int i = 1; i < n; i++) {
          if (bn[b * n + i] != u[b]) {
            uniform = false;
            break;
          }
        }
      }
      uniformN = uniform ? u : null;
      totalN = uniform ? tn[0] : Double.NaN;
    }

    /** Scratch of one task: level sums and the two Sharpe arrays. */
    private final class Walk {
      final double[][] ln;
      final double[][] ls;
      final double[][] lq;
      final double[] lcount = new double[k];
      final double[] shJ = new double[n];
      final double[] shBar = new double[n];
      final Out out;
      int leaf;

      Walk(int firstLeaf, Out out) {
        ln = uniformN == null ? new double[k][n] : null;
        ls = new double[k][n];
        lq = new double[k][n];
        this.out = out;
        this.leaf = firstLeaf;
      }

      /** Level {@code l} = level {@code l - 1} + block {@code b} (level 0 = block b). */
      void push(int l, int b) {
        int off = b * n;
        if (l == 0) {
          System.arraycopy(bs, off, ls[0], 0, n);
          System.arraycopy(bq, off, lq[0], 0, n);
          if (ln != null) {
            System.arraycopy(bn, off, ln[0], 0, n);
          } else {
            lcount[0] = uniformN[b];
          }
        } else {
          sum(ls[l], ls[l - 1], bs, off, n);
          sum(lq[l], lq[l - 1], bq, off, n);
          if (ln != null) {
            sum(ln[l], ln[l - 1], bn, off, n);
          } else {
            lcount[l] = lcount[l - 1] + uniformN[b];
          }
        }
      }

      void descend(int l, int last) {
        if (l == k - 1) {
          evaluate();
          return;
        }
        for (int e = last + 1; e <= s - k + l + 1; e++) {
          push(l + 1, e);
          descend(l + 1, e);
        }
      }

      void evaluate() {
        double[] js = ls[k - 1];
        double[] jq = lq[k - 1];
        if (ln == null) {
          double nJ = lcount[k - 1];
          uniformSharpes(js, jq, nJ, shJ, n);
          uniformComplementSharpes(ts, tq, js, jq, totalN - nJ, shBar, n);
        } else {
          double[] jn = ln[k - 1];
          for (int i = 0; i < n; i++) {
            shJ[i] = sharpe(jn[i], js[i], jq[i]);
            shBar[i] = sharpe(tn[i] - jn[i], ts[i] - js[i], tq[i] - jq[i]);
          }
        }
        // combination leaf: in sample J, out of sample J-bar; its complement c-1-leaf: the other way round
        int selJ = argmax(shJ, n);
        int selBar = argmax(shBar, n);
        record(leaf, selJ, shJ, shBar, ts, js, true, n, out);
        record(c - 1 - leaf, selBar, shBar, shJ, ts, js, false, n, out);
        leaf++;
      }
    }

    /** All in-sample sets that start with {@code prefix}, numbered from {@code firstLeaf} (lexicographic). */
    void run(int[] prefix, int firstLeaf, Out out) {
      Walk w = new Walk(firstLeaf, out);
      for (int l = 0; l < prefix.length; l++) {
        w.push(l, prefix[l]);
      }
      w.descend(prefix.length - 1, prefix[prefix.length - 1]);
    }
  }

  /** {@code out = a + src[off ..]}, element by element. */
  private static void sum(double[] out, double[] a, double[] src, int off, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = a[i] + src[off + i];
    }
  }

  private static void record(int comb, int sel, double[] in, double[] oos, double[] ts, double[] js,
      boolean jIsInSample, int n, Out out) {
    out.selected[comb] = sel;
    if (sel < 0) {
      return;
    }
    double v = oos[sel];
    out.twiceRank[comb] = twiceRank(oos, n, v);
    out.isSharpe[comb] = in[sel];
    out.oosSharpe[comb] = v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
    double oosSum = jIsInSample ? ts[sel] - js[sel] : js[sel];
    out.loss[comb] = oosSum < 0;
  }

  private static void add(double[] acc, double[] src, int off, int n) {
    for (int i = 0; i < n; i++) {
      acc[i] += src[off + i];
    }
  }

  /** Same arithmetic as {@link #sharpe} with a count shared by all trials; NaN or infinite where undefined. */
  private static void uniformSharpes(double[] s, double[] q, double cnt, double[] out, int n) {
    if (cnt < 2) {
      Arrays.fill(out, 0, n, Double.NaN);
      return;
    }
    double cnt1 = cnt - 1;
    for (int i = 0; i < n; i++) {
      double si = s[i];
      double m = si / cnt;
      double v = (q[i] - si * m) / cnt1;
      out[i] = m / Math.sqrt(v);
    }
  }

  /** As {@link #uniformSharpes} for the complement: statistics total - in-sample. */
  private static void uniformComplementSharpes(double[] ts, double[] tq, double[] s, double[] q, double cnt,
      double[] out, int n) {
    if (cnt < 2) {
      Arrays.fill(out, 0, n, Double.NaN);
      return;
    }
    double cnt1 = cnt - 1;
    for (int i = 0; i < n; i++) {
      double si = ts[i] - s[i];
      double m = si / cnt;
      double v = (tq[i] - q[i] - si * m) / cnt1;
      out[i] = m / Math.sqrt(v);
    }
  }

  /**
   * Sharpe ratio per bar from sufficient statistics; {@code -Infinity} marks "undefined" (n < 2 or a variance that
   * is not positive) so that plain comparisons rank it below every defined value.
   */
  static double sharpe(double n, double sum, double sumSquares) {
    double mean = sum / n;
    double var = (sumSquares - sum * mean) / (n - 1);
    return var > 0 ? mean / Math.sqrt(var) : Double.NEGATIVE_INFINITY;
  }

  /**
   * Index of the largest value (the first on ties), -1 when none is defined; on the way it marks undefined values
   * (NaN or infinite, from a variance that is not positive) as -Infinity in place.
   */
  private static int argmax(double[] a, int n) {
    int best = -1;
    double bv = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double x = a[i];
      if (!(Math.abs(x) <= Double.MAX_VALUE)) {
        a[i] = Double.NEGATIVE_INFINITY;
      } else if (x > bv) {
        bv = x;
        best = i;
      }
    }
    return best;
  }

  /** Twice the average rank (1 = smallest) of {@code v}, one of the values of {@code a}: 2 less + equal + 1. */
  private static long twiceRank(double[] a, int n, double v) {
    long less = 0;
    long equal = 0;
    for (int i = 0; i < n; i++) {
      double x = a[i];
      less += x < v ? 1 : 0;
      equal += x == v ? 1 : 0;
    }
    return 2 * less + equal + 1;
  }

  private static PboResult summarise(Out out, int[] masks, int n, int s) {
    int c = masks.length;
    double[] logits = new double[c];
    long overfit = 0;
    long losses = 0;
    double twiceN1 = 2.0 * (n + 1);
    for (int k = 0; k < c; k++) {
      if (out.selected[k] < 0) {
        throw new DataException("CSCV combination " + k + " (in-sample blocks " + blocksOf(masks[k])
            + ") has no trial with a defined in-sample Sharpe ratio (>= 2 observations and a positive variance)");
      }
      long tr = out.twiceRank[k];
      logits[k] = Math.log(tr / (twiceN1 - tr));
      if (tr <= n + 1) {
        overfit++;
      }
      if (out.loss[k]) {
        losses++;
      }
    }
    double[] line = leastSquares(out.isSharpe, out.oosSharpe);
    return new PboResult((double) overfit / c, n, s, c, logits, line[0], line[1], (double) losses / c);
  }

  /** {slope, intercept} of y on x over the pairs with finite y; NaN when under 2 pairs or x does not vary. */
  private static double[] leastSquares(double[] x, double[] y) {
    int m = 0;
    double mx = 0;
    double my = 0;
    for (int k = 0; k < x.length; k++) {
      if (!Double.isNaN(y[k])) {
        m++;
        mx += x[k];
        my += y[k];
      }
    }
    if (m < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    mx /= m;
    my /= m;
    double sxx = 0;
    double sxy = 0;
    for (int k = 0; k < x.length; k++) {
      if (!Double.isNaN(y[k])) {
        double dx = x[k] - mx;
        sxx += dx * dx;
        sxy += dx * (y[k] - my);
      }
    }
    if (!(sxx > 0)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double slope = sxy / sxx;
    return new double[] {slope, my - slope * mx};
  }

  /**
   * All k-subsets of {0..s-1} as bit masks (bit b = block b), in lexicographic order of their ascending index
   * tuples (Python's {@code itertools.combinations(range(s), k)}).
   */
  static int[] combinations(int s, int k) {
    int count = (int) binomial(s, k);
    int[] out = new int[count];
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    for (int c = 0; c < count; c++) {
      int mask = 0;
      for (int i = 0; i < k; i++) {
        mask |= 1 << idx[i];
      }
      out[c] = mask;
      int i = k - 1;
      while (i >= 0 && idx[i] == s - k + i) {
        i--;
      }
      if (i < 0) {
        break;
      }
      idx[i]++;
      for (int j = i + 1; j < k; j++) {
        idx[j] = idx[j - 1] + 1;
      }
    }
    return out;
  }

  /**
   * The in-sample blocks of one combination, ascending (lexicographic numbering of {@link PboResult#logits}).
   *
   * @param blocks number of blocks S, even, {@code 2 <= S <= MAX_BLOCKS}
   * @param combination index in [0, C(S, S/2))
   * @return the S/2 block indices of the in-sample set
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static int[] inSampleBlocks(int blocks, int combination) {
    if (blocks < 2 || blocks % 2 != 0 || blocks > MAX_BLOCKS) {
      throw new IllegalArgumentException(
          "Argument 'blocks' must be even and in [2, " + MAX_BLOCKS + "], was " + blocks);
    }
    int[] masks = combinations(blocks, blocks / 2);
    if (combination < 0 || combination >= masks.length) {
      throw new IllegalArgumentException(
          "Argument 'combination' must be in [0, " + masks.length + "), was " + combination);
    }
    return blockArray(masks[combination]);
  }

  private static int[] blockArray(int mask) {
    int[] out = new int[Integer.bitCount(mask)];
    int k = 0;
    for (int m = mask; m != 0; m &= m - 1) {
      out[k++] = Integer.numberOfTrailingZeros(m);
    }
    return out;
  }

  private static String blocksOf(int mask) {
    return Arrays.toString(blockArray(mask));
  }

  static long binomial(int n, int k) {
    long r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }
}
