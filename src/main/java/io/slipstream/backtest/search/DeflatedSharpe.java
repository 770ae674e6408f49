package io.slipstream.backtest.search;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Probabilistic and deflated Sharpe ratios: Bailey and Lopez de Prado (2014), "The Deflated Sharpe Ratio:
 * Correcting for Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5),
 * 94-107 (SSRN 2460551); the PSR is from Bailey and Lopez de Prado (2012), "The Sharpe Ratio Efficient Frontier",
 * Journal of Risk 15(2). All Sharpe ratios are per observation (per bar, not annualised): divide an annual Sharpe
 * ratio by {@code sqrt(periods per year)} and an annual Sharpe variance by {@code periods per year}.
 *
 * <p>Worked example of the 2014 paper: N = 100 trials, variance of the annualised Sharpe ratios 1/2, best annualised
 * Sharpe ratio 2.5, T = 1250 daily observations (250 a year), skewness -3, kurtosis 10 give
 * {@code SR_0 = 0.1132} per day and {@code DSR = 0.9004}.
 */
public final class DeflatedSharpe {
  /** Euler-Mascheroni constant. */
  public static final double EULER_GAMMA = 0.5772156649015329;
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private DeflatedSharpe() {
  }

  /**
   * Result of {@link DeflatedSharpe#of}.
   *
   * @param sharpe Sharpe ratio of the selected trial, per observation, {@code mean / stdev} (ddof 1); NaN when the
   *     returns are constant
   * @param benchmarkSharpe expected maximum Sharpe ratio of {@code trials} trials with zero true Sharpe ratio,
   *     {@code SR_0} ({@link DeflatedSharpe#expectedMaxSharpe}), per observation
   * @param deflatedSharpe {@code DSR = PSR(SR_0)}, a probability in [0, 1]; NaN when {@code sharpe} is NaN
   * @param observations number of returns T
   * @param trials number of trials N
   * @param skew population skewness of the returns {@code m3 / m2^1.5}; NaN when constant
   * @param kurtosis population kurtosis {@code m4 / m2^2} (not excess: 3 for normal returns); NaN when constant
   */
  public record Result(double sharpe, double benchmarkSharpe, double deflatedSharpe, long observations, long trials,
      double skew, double kurtosis) {
  }

  /**
   * Probabilistic Sharpe ratio: the probability that the true Sharpe ratio exceeds {@code benchmarkSharpe} given an
   * estimate from {@code T} observations of non-normal returns,
   * {@code PSR = Phi((SR - SR*) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1)/4 SR^2))}, Phi the standard normal CDF.
   * PSR is 0.5 when {@code sharpe == benchmarkSharpe}.
   *
   * @param sharpe estimated Sharpe ratio SR, per observation, finite
   * @param benchmarkSharpe benchmark SR*, per observation, finite
   * @param observations number of returns T, {@code >= 2}
   * @param skew skewness g3 of the returns, finite
   * @param kurtosis kurtosis g4 of the returns, NOT excess (normal = 3), finite and {@code >= 1 + skew^2} (every
   *     distribution satisfies it; a smaller value usually means an excess kurtosis was passed)
   * @return PSR in [0, 1]
   * @throws IllegalArgumentException naming the argument and value if any rule is broken, or if the variance term
   *     {@code 1 - g3 SR + (g4 - 1)/4 SR^2} is not positive
   */
  public static double probabilistic(double sharpe, double benchmarkSharpe, long observations, double skew,
      double kurtosis) {
    finite(sharpe, "sharpe");
    finite(benchmarkSharpe, "benchmarkSharpe");
    finite(skew, "skew");
    finite(kurtosis, "kurtosis");
    if (observations < 2) {
      throw new IllegalArgumentException("Argument 'observations' must be >= 2, was " + observations);
    }
    double minKurtosis = 1 + skew * skew;
    if (kurtosis < minKurtosis * (1 - 1e-9)) {
      throw new IllegalArgumentException("Argument 'kurtosis' must be >= 1 + skew^2 = " + minKurtosis
          + " (kurtosis, not excess kurtosis), was " + kurtosis);
    }
    double v = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
    if (!(v > 0)) {
      throw new IllegalArgumentException("Arguments 'sharpe', 'skew', 'kurtosis' give a Sharpe variance term "
          + "1 - skew SR + (kurtosis - 1)/4 SR^2 <= 0, was " + v + " (sharpe " + sharpe + ", skew " + skew
          + ", kurtosis " + kurtosis + ")");
    }
    double z = (sharpe - benchmarkSharpe) * Math.sqrt(observations - 1.0) / Math.sqrt(v);
    return STANDARD_NORMAL.cumulativeProbability(z);
  }

  /**
   * Expected maximum of {@code N} independent Sharpe ratio estimates whose true value is 0 and whose variance
   * across trials is V (the false strategy theorem of the 2014 paper, eq. for {@code SR_0}):
   * {@code SR_0 = sqrt(V) ((1 - g) Z^-1(1 - 1/N) + g Z^-1(1 - 1/(N e)))}, g the Euler-Mascheroni constant,
   * Z^-1 the standard normal quantile. An approximation that is accurate for large N; {@code N = 1} gives 0 (no
   * selection).
   *
   * @param trials number of independent trials N, {@code >= 1}
   * @param sharpeVariance variance V of the trials' Sharpe ratios, per observation squared, finite and {@code >= 0}
   * @return SR_0, per observation, {@code >= 0}
   * @throws IllegalArgumentException if {@code trials < 1} or {@code sharpeVariance} is negative, NaN or infinite
   */
  public static double expectedMaxSharpe(long trials, double sharpeVariance) {
    if (trials < 1) {
      throw new IllegalArgumentException("Argument 'trials' must be >= 1, was " + trials);
    }
    if (!(sharpeVariance >= 0) || sharpeVariance == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "Argument 'sharpeVariance' must be finite and >= 0, was " + sharpeVariance);
    }
    if (trials == 1) {
      return 0.0;
    }
    double nTrials = trials;
    double z = (1 - EULER_GAMMA) * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1 / nTrials)
        + EULER_GAMMA * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1 / (nTrials * Math.E));
    return Math.sqrt(sharpeVariance) * z;
  }

  /**
   * Deflated Sharpe ratio of the selected trial: {@code DSR = PSR(SR_0)} with {@code SR_0} from
   * {@link #expectedMaxSharpe} and the Sharpe ratio ({@code mean / stdev}, ddof 1), population skewness
   * {@code m3 / m2^1.5} and population kurtosis {@code m4 / m2^2} of its returns
   * ({@code m_k = mean((x - mean)^k)}, as in the paper).
   *
   * @param returnsOfSelected per-bar returns of the selected trial (decimal fractions), T >= 2 values, all finite.
   *     Not modified.
   * @param trials number of trials N tried (independent trials: see the paper on clustering correlated trials)
   * @param sharpeVarianceAcrossTrials variance of the trials' per-bar Sharpe ratios (e.g. {@link #sharpeVariance})
   * @return the result; sharpe, skew, kurtosis and DSR are NaN when the returns are constant
   * @throws IllegalArgumentException if the returns are null, shorter than 2 or hold a NaN or infinite value
   *     (naming t), or if {@code trials} or {@code sharpeVarianceAcrossTrials} is invalid
   */
  public static Result of(double[] returnsOfSelected, long trials, double sharpeVarianceAcrossTrials) {
    if (returnsOfSelected == null || returnsOfSelected.length < 2) {
      throw new IllegalArgumentException("Argument 'returnsOfSelected' must hold >= 2 values, was "
          + (returnsOfSelected == null ? "null" : returnsOfSelected.length));
    }
    double sr0 = expectedMaxSharpe(trials, sharpeVarianceAcrossTrials);
    int t = returnsOfSelected.length;
    double sum = 0;
    for (int k = 0; k < t; k++) {
      double x = returnsOfSelected[k];
      if (!(Math.abs(x) <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException("Argument 'returnsOfSelected' must be finite, was " + x + " at t " + k);
      }
      sum += x;
    }
    double mean = sum / t;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (int k = 0; k < t; k++) {
      double d = returnsOfSelected[k] - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    if (!(m2 > 0)) {
      return new Result(Double.NaN, sr0, Double.NaN, t, trials, Double.NaN, Double.NaN);
    }
    double sharpe = mean / Math.sqrt(m2 / (t - 1));
    m2 /= t;
    m3 /= t;
    m4 /= t;
    double skew = m3 / Math.pow(m2, 1.5);
    double kurtosis = m4 / (m2 * m2);
    double dsr = probabilistic(sharpe, sr0, t, skew, kurtosis);
    return new Result(sharpe, sr0, dsr, t, trials, skew, kurtosis);
  }

  /**
   * Sample variance (ddof 1) of the trials' Sharpe ratios, the V of {@link #expectedMaxSharpe}.
   *
   * @param sharpes per-bar Sharpe ratios of the trials, at least 2, all finite. Not modified.
   * @return their variance, per bar squared
   * @throws IllegalArgumentException if fewer than 2 values are given or one is NaN or infinite (naming it)
   */
  public static double sharpeVariance(double[] sharpes) {
    if (sharpes == null || sharpes.length < 2) {
      throw new IllegalArgumentException("Argument 'sharpes' must hold >= 2 values, was "
          + (sharpes == null ? "null" : sharpes.length));
    }
    double sum = 0;
    for (int i = 0; i < sharpes.length; i++) {
      if (!(Math.abs(sharpes[i]) <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException("Argument 'sharpes' must be finite, was " + sharpes[i] + " at " + i);
      }
      sum += sharpes[i];
    }
    double mean = sum / sharpes.length;
    double ss = 0;
    for (double x : sharpes) {
      ss += (x - mean) * (x - mean);
    }
    return ss / (sharpes.length - 1);
  }

  private static void finite(double value, String name) {
    if (!(Math.abs(value) <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite, was " + value);
    }
  }
}
