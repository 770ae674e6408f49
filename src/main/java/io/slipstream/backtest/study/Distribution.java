package io.slipstream.backtest.study;

import java.util.Arrays;

/**
 * Summary of a sample of values (one per window), NaN values left out: {@code count} values {@code x} remain,
 * <ul>
 *   <li>{@code mean = sum x / count}; {@code std} the sample standard deviation (ddof 1, NaN when
 *       {@code count < 2});</li>
 *   <li>{@code median}, {@code q05}, {@code q95}: quantiles with linear interpolation between order statistics
 *       (numpy's default {@code method="linear"}): the value at position {@code q (count - 1)} of the sorted
 *       sample;</li>
 *   <li>{@code sharePositive}: share of the values that are {@code > 0}.</li>
 * </ul>
 * Every field is NaN when no value remains.
 *
 * @param count values used (non-NaN)
 * @param mean arithmetic mean
 * @param std sample standard deviation, ddof 1
 * @param median 50% quantile
 * @param q05 5% quantile
 * @param q95 95% quantile
 * @param sharePositive fraction of values {@code > 0}, in {@code [0, 1]}
 */
public record Distribution(int count, double mean, double std, double median, double q05, double q95,
    double sharePositive) {
  /**
   * @param values the sample (not modified); NaN values are left out
   * @return its summary
   */
  public static Distribution of(double[] values) {
    double[] x = Arrays.stream(values).filter(v -> v == v).toArray();
    int n = x.length;
    if (n == 0) {
      return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    Arrays.sort(x);
    double sum = 0;
    int positive = 0;
    for (double v : x) {
      sum += v;
      positive += v > 0 ? 1 : 0;
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : x) {
      double d = v - mean;
      ss += d * d;
    }
    double std = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
    return new Distribution(n, mean, std, quantile(x, 0.5), quantile(x, 0.05), quantile(x, 0.95),
        (double) positive / n);
  }

  /**
   * @param sorted ascending values, no NaN, at least one
   * @param q quantile level in {@code [0, 1]}
   * @return the linear-interpolation quantile: {@code x[i] + f (x[i+1] - x[i])} with {@code i + f = q (n - 1)}
   */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    double f = pos - i;
    if (i + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[i] + f * (sorted[i + 1] - sorted[i]);
  }
}
