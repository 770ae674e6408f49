package io.slipstream.backtest.research;

import io.slipstream.core.Checks;
import io.slipstream.factor.VolumeWeighting;
import io.slipstream.portfolio.JointAlphaConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Parameters of the joint alpha + funding study.
 *
 * @param horizonsHours the holding periods H to compare (hours, each a multiple of the bar interval)
 * @param lookbackPeriods K: the factor model's lookback is K x H hours
 * @param weighting volume weighting of the PCA
 * @param nFactors principal components kept (the first is the market factor used for residuals)
 * @param forecast forecast parameters; its {@code horizonHours} is replaced by each H in turn
 * @param bootstrapResamples resamples of the out-of-sample periods for the R^2 confidence intervals, {@code >= 100}
 * @param seed bootstrap seed
 * @param evaluateFrom out-of-sample periods are those whose decision closes at or after this instant (and after
 *     the model has its minimum training); empty = as soon as the model is fitted
 */
public record JointStudyConfig(List<Integer> horizonsHours, int lookbackPeriods, VolumeWeighting weighting,
    int nFactors, JointAlphaConfig forecast, int bootstrapResamples, long seed, Optional<Instant> evaluateFrom) {
  /** Validates. @throws IllegalArgumentException naming the field */
  public JointStudyConfig {
    horizonsHours = List.copyOf(horizonsHours);
    if (horizonsHours.isEmpty()) {
      throw new IllegalArgumentException("H: give at least one holding period");
    }
    for (int h : horizonsHours) {
      Checks.positive(h, "H");
    }
    Checks.positive(lookbackPeriods, "K");
    Checks.notNull(weighting, "weighting");
    Checks.positive(nFactors, "factors");
    Checks.notNull(forecast, "forecast");
    if (bootstrapResamples < 100) {
      throw new IllegalArgumentException("bootstrap must be >= 100 resamples, was " + bootstrapResamples);
    }
    Checks.notNull(evaluateFrom, "evaluateFrom");
  }
}
