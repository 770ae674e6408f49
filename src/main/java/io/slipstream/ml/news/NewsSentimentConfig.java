package io.slipstream.ml.news;

import io.slipstream.core.Checks;

/**
 * Parameters of the decayed headline-sentiment aggregation ({@link NewsSentiment}).
 *
 * <p>At a bar close {@code t}, with weights {@code w_i = 2^(-(t - time_i) / halfLife)} over headlines published
 * strictly before {@code t}, {@code W = sum w_i}: value {@code = sum(s_i w_i) / (W + priorWeight)} when
 * {@code W >= minWeight}, else NaN. With {@code priorWeight = 0} this is the decayed mean of the scores; a positive
 * {@code priorWeight} adds a prior of score 0 with that weight, shrinking stale or thin news towards neutral.
 *
 * @param halfLifeHours decay half-life in hours, finite and {@code > 0}
 * @param minWeight the least total weight {@code W} for a value, finite and {@code > 0}; {@code 2^-5 = 0.03125} means
 *     "NaN unless some news lies within about 5 half-lives" (one headline exactly 5 half-lives old has weight 2^-5)
 * @param priorWeight weight of a neutral prior, finite and {@code >= 0}
 */
public record NewsSentimentConfig(double halfLifeHours, double minWeight, double priorWeight) {
  /** {@code minWeight} of {@link #of(double)}: one headline five half-lives old, {@code 2^-5}. */
  public static final double DEFAULT_MIN_WEIGHT = 0.03125;

  /**
   * @throws IllegalArgumentException naming the component when a value is out of range (NaN included)
   */
  public NewsSentimentConfig {
    Checks.positive(halfLifeHours, "halfLifeHours");
    Checks.positive(minWeight, "minWeight");
    Checks.nonNegative(priorWeight, "priorWeight");
  }

  /**
   * @param halfLifeHours decay half-life in hours, {@code > 0}
   * @return a config with {@code minWeight = 2^-5} and no prior (the plain decayed mean)
   * @throws IllegalArgumentException if {@code halfLifeHours} is not finite and positive
   */
  public static NewsSentimentConfig of(double halfLifeHours) {
    return new NewsSentimentConfig(halfLifeHours, DEFAULT_MIN_WEIGHT, 0.0);
  }

  /** @return the decay rate {@code ln 2 / halfLife} per millisecond */
  public double decayPerMs() {
    return Math.log(2.0) / (halfLifeHours * 3_600_000.0);
  }
}
