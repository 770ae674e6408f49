package io.slipstream.backtest.research;

import java.util.List;

/**
 * Results of the joint alpha + funding study: one {@link HorizonResult} per holding period and the chosen H*.
 *
 * @param horizons one result per H, in the order asked
 * @param bestHorizonHours H* = the H with the highest out-of-sample R^2 of the total alpha
 *     ({@code residual return - funding}); ties go to the larger decile-spread t-statistic
 */
public record JointStudyResult(List<HorizonResult> horizons, int bestHorizonHours) {
  /** Copies. */
  public JointStudyResult {
    horizons = List.copyOf(horizons);
  }

  /**
   * An out-of-sample R^2 with its bootstrap confidence interval.
   *
   * @param value {@code 1 - SSE/SST} over all out-of-sample samples
   * @param lo 2.5% percentile over the bootstrap resamples of periods
   * @param hi 97.5% percentile
   */
  public record Estimate(double value, double lo, double hi) {
  }

  /**
   * One decile of predicted total alpha, cross-sectionally within each period, averaged over periods.
   * All returns are per H-period, decimal fractions (log residual returns, funding as a fraction of notional).
   *
   * @param decile 1 (lowest predicted total alpha) .. 10
   * @param predictedTotal mean predicted {@code alpha_price - F_hat}
   * @param realisedResidual mean realised residual return
   * @param realisedFunding mean realised funding
   * @param realisedTotal mean realised {@code residual - funding}
   * @param tStatTotal {@code mean / (sd / sqrt(periods))} of the per-period decile means of the realised total
   * @param periods periods that contributed
   */
  public record DecileRow(int decile, double predictedTotal, double realisedResidual, double realisedFunding,
      double realisedTotal, double tStatTotal, int periods) {
  }

  /**
   * Results for one holding period H.
   *
   * @param horizonHours H
   * @param oosPeriods out-of-sample decision periods
   * @param oosSamples out-of-sample (period, coin) samples
   * @param r2Residual R^2 of the residual-return forecast against the expanding training mean
   * @param r2ResidualVsZero R^2 of the residual-return forecast against a zero forecast
   * @param r2Funding R^2 of the funding forecast against the training mean
   * @param r2Total R^2 of {@code alpha_price - F_hat} against {@code e - F} (benchmark: the training means)
   * @param deciles the decile table
   * @param spreadMean mean per-period top-minus-bottom decile realised total alpha
   * @param spreadTStat its t-statistic
   * @param featureNames feature names in coefficient order
   * @param residualCoefficients last fit of the residual regression: intercept then one per feature (raw units)
   * @param fundingCoefficients last fit of the funding regression
   */
  public record HorizonResult(int horizonHours, int oosPeriods, long oosSamples, Estimate r2Residual,
      Estimate r2ResidualVsZero, Estimate r2Funding, Estimate r2Total, List<DecileRow> deciles, double spreadMean,
      double spreadTStat, List<String> featureNames, List<Double> residualCoefficients,
      List<Double> fundingCoefficients) {
    /** Copies. */
    public HorizonResult {
      deciles = List.copyOf(deciles);
      featureNames = List.copyOf(featureNames);
      residualCoefficients = List.copyOf(residualCoefficients);
      fundingCoefficients = List.copyOf(fundingCoefficients);
    }
  }
}
