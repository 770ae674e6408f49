package io.slipstream.backtest.search;

import java.util.Arrays;

/**
 * Result of combinatorially symmetric cross-validation ({@link ProbabilityOfBacktestOverfitting#cscv}; Bailey,
 * Borwein, Lopez de Prado and Zhu 2016, "The Probability of Backtest Overfitting", J. Computational Finance).
 * Sharpe ratios are per bar (not annualised).
 *
 * @param pbo probability of backtest overfitting: share of the combinations whose logit is {@code <= 0}, in [0, 1]
 * @param trials number of trials N
 * @param blocks number of blocks S
 * @param combinations number of combinations {@code C(S, S/2)}
 * @param logits per combination, in lexicographic order of the in-sample block sets (block indices ascending:
 *     {0..S/2-1} first, as Python's {@code itertools.combinations}), {@code lambda = ln(omega / (1 - omega))};
 *     length {@code combinations}. Copied in and out.
 * @param degradationSlope slope of the least-squares line of the selected trial's out-of-sample Sharpe ratio on
 *     its in-sample Sharpe ratio over the combinations (NaN when fewer than two combinations have a defined
 *     out-of-sample Sharpe ratio or the in-sample ones do not vary)
 * @param degradationIntercept intercept of that line (NaN likewise)
 * @param probabilityOfOosLoss share of the combinations in which the selected trial loses money out of sample
 *     (out-of-sample mean return, hence Sharpe ratio, {@code < 0}), in [0, 1]
 */
public record PboResult(double pbo, int trials, int blocks, int combinations, double[] logits,
    double degradationSlope, double degradationIntercept, double probabilityOfOosLoss) {

  /**
   * Validates and copies the logits.
   *
   * @throws IllegalArgumentException if {@code pbo} or {@code probabilityOfOosLoss} is outside [0, 1], a count is
   *     not positive, or {@code logits} is null, of another length than {@code combinations} or holds NaN
   */
  public PboResult {
    if (!(pbo >= 0 && pbo <= 1)) {
      throw new IllegalArgumentException("Argument 'pbo' must be in [0, 1], was " + pbo);
    }
    if (!(probabilityOfOosLoss >= 0 && probabilityOfOosLoss <= 1)) {
      throw new IllegalArgumentException(
          "Argument 'probabilityOfOosLoss' must be in [0, 1], was " + probabilityOfOosLoss);
    }
    if (trials < 1 || blocks < 2 || combinations < 1) {
      throw new IllegalArgumentException("Arguments 'trials', 'blocks', 'combinations' must be >= 1, 2, 1, were "
          + trials + ", " + blocks + ", " + combinations);
    }
    if (logits == null || logits.length != combinations) {
      throw new IllegalArgumentException("Argument 'logits' must have length " + combinations + ", was "
          + (logits == null ? "null" : logits.length));
    }
    logits = logits.clone();
    for (int c = 0; c < logits.length; c++) {
      if (Double.isNaN(logits[c])) {
        throw new IllegalArgumentException("Argument 'logits' must not hold NaN, was NaN at combination " + c);
      }
    }
  }

  /** @return a copy of the logits, one per combination (lexicographic order of the in-sample block sets) */
  @Override
  public double[] logits() {
    return logits.clone();
  }

  /** @return the logit of one combination without copying the array */
  public double logit(int combination) {
    return logits[combination];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PboResult r && Double.compare(pbo, r.pbo) == 0 && trials == r.trials
        && blocks == r.blocks && combinations == r.combinations && Arrays.equals(logits, r.logits)
        && Double.compare(degradationSlope, r.degradationSlope) == 0
        && Double.compare(degradationIntercept, r.degradationIntercept) == 0
        && Double.compare(probabilityOfOosLoss, r.probabilityOfOosLoss) == 0;
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(pbo);
    h = 31 * h + trials;
    h = 31 * h + blocks;
    h = 31 * h + combinations;
    h = 31 * h + Arrays.hashCode(logits);
    h = 31 * h + Double.hashCode(degradationSlope);
    h = 31 * h + Double.hashCode(degradationIntercept);
    return 31 * h + Double.hashCode(probabilityOfOosLoss);
  }

  @Override
  public String toString() {
    return "PboResult[pbo=" + pbo + ", trials=" + trials + ", blocks=" + blocks + ", combinations=" + combinations
        + ", degradationSlope=" + degradationSlope + ", degradationIntercept=" + degradationIntercept
        + ", probabilityOfOosLoss=" + probabilityOfOosLoss + "]";
  }
}
