package io.slipstream.backtest.search;

/**
 * Sufficient statistics of per-bar return series cut into {@code S} contiguous blocks, one row per trial
 * (configuration of a grid search): for trial {@code i} and block {@code b} the number of observations
 * {@code n}, the sum of the returns and the sum of their squares. Shape: trials x blocks. Returns are per bar,
 * decimal fractions (any unit works: the statistics built from them, Sharpe ratios and ranks, are scale free).
 *
 * <p>This is the input of {@link ProbabilityOfBacktestOverfitting#cscv}: the Sharpe ratio of any union of blocks
 * follows from the summed statistics, so the return matrix itself (T x N) need not be kept. The statistics are raw
 * (uncentred) sums, so a variance {@code (sumSquares - sum^2/n)/(n-1)} loses relative precision when the mean is
 * large against the standard deviation (|mean|/stdev above about 1e4); per-bar strategy returns are far from that.
 *
 * <p>A new instance is all zero; fill it with {@link #set} (or build it with {@link #of}). Not thread-safe for
 * concurrent writes to the same cell; writes to different cells from different threads are fine once the writers
 * are joined before the statistics are read.
 */
public final class BlockReturns {
  private final int trials;
  private final int blocks;
  /** Trial-major: index {@code trial * blocks + block}. */
  private final long[] n;
  private final double[] sum;
  private final double[] sumSquares;

  /**
   * All-zero statistics for {@code trials} trials and {@code blocks} blocks.
   *
   * @param trials number of trials (configurations), {@code >= 1}
   * @param blocks number of blocks S, even and {@code >= 2}
   * @throws IllegalArgumentException if {@code trials < 1}, {@code blocks < 2}, {@code blocks} is odd, or
   *     {@code trials x blocks} exceeds the largest Java array
   */
  public BlockReturns(int trials, int blocks) {
    if (trials < 1) {
      throw new IllegalArgumentException("Argument 'trials' must be >= 1, was " + trials);
    }
    checkBlocks(blocks);
    if ((long) trials * blocks > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "Arguments 'trials' x 'blocks' must fit one array, were " + trials + " x " + blocks);
    }
    this.trials = trials;
    this.blocks = blocks;
    int size = trials * blocks;
    this.n = new long[size];
    this.sum = new double[size];
    this.sumSquares = new double[size];
  }

  private static void checkBlocks(int blocks) {
    if (blocks < 2 || blocks % 2 != 0) {
      throw new IllegalArgumentException("Argument 'blocks' must be even and >= 2, was " + blocks);
    }
  }

  /**
   * Boundaries of {@code blocks} contiguous blocks over {@code observations} bars: block {@code b} holds the bars
   * {@code [bounds[b], bounds[b+1])}. Sizes differ by at most one and the earlier blocks get the extra bar (the
   * split of {@code numpy.array_split}): with {@code q = T / S} and {@code r = T mod S} the first {@code r} blocks
   * have {@code q + 1} bars and the others {@code q}.
   *
   * @param observations number of bars T
   * @param blocks number of blocks S, even, {@code 2 <= S <= T}
   * @return {@code S + 1} increasing boundaries, {@code bounds[0] = 0}, {@code bounds[S] = T}
   * @throws IllegalArgumentException if {@code blocks < 2}, {@code blocks} is odd, or {@code blocks > observations}
   */
  public static int[] blockBounds(int observations, int blocks) {
    checkBlocks(blocks);
    if (blocks > observations) {
      throw new IllegalArgumentException(
          "Argument 'blocks' must be <= observations (" + observations + "), was " + blocks);
    }
    int q = observations / blocks;
    int r = observations % blocks;
    int[] bounds = new int[blocks + 1];
    for (int b = 0; b < blocks; b++) {
      bounds[b + 1] = bounds[b] + q + (b < r ? 1 : 0);
    }
    return bounds;
  }

  /**
   * Statistics of a return matrix cut by {@link #blockBounds}.
   *
   * @param returns {@code returns[trial][t]}: per-bar returns of each trial (decimal fractions), rows = trials,
   *     columns = bar times, every trial of the same length T. Not modified.
   * @param blocks number of blocks S, even, {@code 2 <= S <= T}
   * @return trials x blocks statistics
   * @throws IllegalArgumentException if {@code returns} is null or empty, a row is null or of another length than
   *     row 0, a value is NaN or infinite (naming the trial and t), or {@code blocks} is invalid
   */
  public static BlockReturns of(double[][] returns, int blocks) {
    if (returns == null || returns.length == 0) {
      throw new IllegalArgumentException("Argument 'returns' must hold at least one trial, was "
          + (returns == null ? "null" : "empty"));
    }
    if (returns[0] == null) {
      throw new IllegalArgumentException("Argument 'returns[0]' must not be null");
    }
    int t = returns[0].length;
    int[] bounds = blockBounds(t, blocks);
    BlockReturns out = new BlockReturns(returns.length, blocks);
    for (int i = 0; i < returns.length; i++) {
      double[] r = returns[i];
      if (r == null) {
        throw new IllegalArgumentException("Argument 'returns[" + i + "]' must not be null");
      }
      if (r.length != t) {
        throw new IllegalArgumentException("Argument 'returns[" + i + "]' must have length " + t
            + " (the length of trial 0), was " + r.length);
      }
      for (int b = 0; b < blocks; b++) {
        double s = 0;
        double q = 0;
        for (int k = bounds[b]; k < bounds[b + 1]; k++) {
          double x = r[k];
          if (!(Math.abs(x) <= Double.MAX_VALUE)) {
            throw new IllegalArgumentException(
                "Argument 'returns' must be finite, was " + x + " at trial " + i + ", t " + k);
          }
          s += x;
          q += x * x;
        }
        int idx = i * blocks + b;
        out.n[idx] = bounds[b + 1] - bounds[b];
        out.sum[idx] = s;
        out.sumSquares[idx] = q;
      }
    }
    return out;
  }

  /**
   * Statistics of one block of one return series: {@code {n, sum x, sum x^2}} over {@code returns[from..to)},
   * summed in index order (the same order as {@link #of}).
   *
   * @param returns per-bar returns (decimal fractions). Not modified.
   * @param from first index, inclusive
   * @param to last index, exclusive, {@code from <= to <= returns.length}
   * @return a new array {@code {n, sum, sumSquares}} ({@code n} as a double)
   * @throws IllegalArgumentException if the range is invalid or a value in it is NaN or infinite (naming t)
   */
  public static double[] blockStats(double[] returns, int from, int to) {
    if (returns == null) {
      throw new IllegalArgumentException("Argument 'returns' must not be null");
    }
    if (from < 0 || from > to || to > returns.length) {
      throw new IllegalArgumentException("Arguments 'from', 'to' must satisfy 0 <= from <= to <= "
          + returns.length + ", were " + from + ", " + to);
    }
    double s = 0;
    double q = 0;
    for (int k = from; k < to; k++) {
      double x = returns[k];
      if (!(Math.abs(x) <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException("Argument 'returns' must be finite, was " + x + " at t " + k);
      }
      s += x;
      q += x * x;
    }
    return new double[] {to - from, s, q};
  }

  /**
   * Sets the statistics of one cell.
   *
   * @param trial trial index, {@code 0 <= trial < trials()}
   * @param block block index, {@code 0 <= block < blocks()}
   * @param n number of observations, {@code >= 0}
   * @param sum sum of the returns, finite (0 when {@code n = 0})
   * @param sumSquares sum of the squared returns, finite and {@code >= 0} (0 when {@code n = 0})
   * @throws IllegalArgumentException naming the argument and the value if any rule is broken
   */
  public void set(int trial, int block, long n, double sum, double sumSquares) {
    int idx = index(trial, block);
    if (n < 0) {
      throw new IllegalArgumentException("Argument 'n' must be >= 0, was " + n
          + " at trial " + trial + ", block " + block);
    }
    if (!(Math.abs(sum) <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("Argument 'sum' must be finite, was " + sum
          + " at trial " + trial + ", block " + block);
    }
    if (!(sumSquares >= 0) || sumSquares == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Argument 'sumSquares' must be finite and >= 0, was " + sumSquares
          + " at trial " + trial + ", block " + block);
    }
    if (n == 0 && (sum != 0 || sumSquares != 0)) {
      throw new IllegalArgumentException("Arguments 'sum' and 'sumSquares' must be 0 when n = 0, were " + sum
          + ", " + sumSquares + " at trial " + trial + ", block " + block);
    }
    this.n[idx] = n;
    this.sum[idx] = sum;
    this.sumSquares[idx] = sumSquares;
  }

  /** @return number of trials (rows) */
  public int trials() {
    return trials;
  }

  /** @return number of blocks S (columns), even */
  public int blocks() {
    return blocks;
  }

  /**
   * @return number of observations of {@code trial} in {@code block}
   * @throws IllegalArgumentException if an index is out of range
   */
  public long n(int trial, int block) {
    return n[index(trial, block)];
  }

  /**
   * @return sum of the returns of {@code trial} in {@code block}
   * @throws IllegalArgumentException if an index is out of range
   */
  public double sum(int trial, int block) {
    return sum[index(trial, block)];
  }

  /**
   * @return sum of the squared returns of {@code trial} in {@code block}
   * @throws IllegalArgumentException if an index is out of range
   */
  public double sumSquares(int trial, int block) {
    return sumSquares[index(trial, block)];
  }

  /**
   * Full-sample Sharpe ratio of one trial, per bar (not annualised), from the statistics of all its blocks:
   * {@code mean / stdev}, stdev with ddof 1, {@code mean = sum/n}, {@code var = (sumSquares - sum mean)/(n - 1)}.
   *
   * @param trial trial index
   * @return the Sharpe ratio; NaN when {@code n < 2} or the variance is not positive (constant returns)
   * @throws IllegalArgumentException if {@code trial} is out of range
   */
  public double sharpe(int trial) {
    index(trial, 0);
    double cn = 0;
    double cs = 0;
    double cq = 0;
    for (int b = 0; b < blocks; b++) {
      int idx = trial * blocks + b;
      cn += n[idx];
      cs += sum[idx];
      cq += sumSquares[idx];
    }
    double s = ProbabilityOfBacktestOverfitting.sharpe(cn, cs, cq);
    return s == Double.NEGATIVE_INFINITY ? Double.NaN : s;
  }

  private int index(int trial, int block) {
    if (trial < 0 || trial >= trials) {
      throw new IllegalArgumentException("Argument 'trial' must be in [0, " + trials + "), was " + trial);
    }
    if (block < 0 || block >= blocks) {
      throw new IllegalArgumentException("Argument 'block' must be in [0, " + blocks + "), was " + block);
    }
    return trial * blocks + block;
  }

  /** Block-major copies for the CSCV kernel: {@code out[k][block * trials + trial]}, k = n, sum, sumSquares. */
  double[][] blockMajor() {
    int size = trials * blocks;
    double[] bn = new double[size];
    double[] bs = new double[size];
    double[] bq = new double[size];
    for (int i = 0; i < trials; i++) {
      for (int b = 0; b < blocks; b++) {
        int src = i * blocks + b;
        int dst = b * trials + i;
        bn[dst] = n[src];
        bs[dst] = sum[src];
        bq[dst] = sumSquares[src];
      }
    }
    return new double[][] {bn, bs, bq};
  }
}
