package io.slipstream.portfolio;

import io.slipstream.core.Checks;
import java.util.List;

/**
 * Parameters of the joint alpha + funding forecast ({@link JointAlphaModel}) at one holding period H.
 *
 * @param horizonHours holding period H in hours; decisions and forecasts are made every H hours
 * @param momentumSpans EWMA spans, in H-periods, of the vol-normalised residual returns used as momentum features;
 *     non-empty, each {@code >= 1}
 * @param fundingSpans EWMA spans, in H-periods, of the H-period funding sums used as funding features (span 1 = the
 *     last period's funding); non-empty, each {@code >= 1}
 * @param volSpanPeriods span, in H-periods, of the EW volatility that normalises residual returns; a coin's
 *     features are valid once it has had this many residual returns
 * @param ridgePenalty ridge penalty on standardised features, {@code >= 0}: minimises
 *     {@code sum (y - a - z'b)^2 + ridgePenalty x n x |b|^2}
 * @param minTrainPeriods the regressions forecast only once samples from this many H-periods have matured
 */
public record JointAlphaConfig(int horizonHours, List<Integer> momentumSpans, List<Integer> fundingSpans,
    int volSpanPeriods, double ridgePenalty, int minTrainPeriods) {
  /** Validates. @throws IllegalArgumentException naming the field and value */
  public JointAlphaConfig {
    Checks.positive(horizonHours, "horizon_hours");
    momentumSpans = List.copyOf(momentumSpans);
    fundingSpans = List.copyOf(fundingSpans);
    if (momentumSpans.isEmpty()) {
      throw new IllegalArgumentException("momentum_spans must not be empty");
    }
    if (fundingSpans.isEmpty()) {
      throw new IllegalArgumentException("funding_spans must not be empty");
    }
    for (int s : momentumSpans) {
      Checks.positive(s, "momentum_spans");
    }
    for (int s : fundingSpans) {
      Checks.positive(s, "funding_spans");
    }
    Checks.positive(volSpanPeriods, "vol_span_periods");
    Checks.nonNegative(ridgePenalty, "ridge_penalty");
    Checks.positive(minTrainPeriods, "min_train_periods");
  }

  /**
   * @param horizonHours H
   * @return momentum spans 2, 4, 8, 16, 32 periods, funding spans 1, 4, 16, vol span 30, ridge 1.0, 60 training
   *     periods
   */
  public static JointAlphaConfig of(int horizonHours) {
    return new JointAlphaConfig(horizonHours, List.of(2, 4, 8, 16, 32), List.of(1, 4, 16), 30, 1.0, 60);
  }

  /** @return number of features: momentum spans plus funding spans */
  public int featureCount() {
    return momentumSpans.size() + fundingSpans.size();
  }

  /** @return feature names, in feature order: {@code mom_<span>} then {@code fund_<span>} */
  public List<String> featureNames() {
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    for (int s : momentumSpans) {
      names.add("mom_" + s);
    }
    for (int s : fundingSpans) {
      names.add("fund_" + s);
    }
    return List.copyOf(names);
  }
}
