package io.slipstream.ml.model;

import io.slipstream.core.Checks;

/**
 * Parameters of {@link LogisticRegression}.
 *
 * @param l2Lambda {@code lambda}, the L2 penalty {@code (lambda / 2) ||w||^2} on the standardised coefficients (not
 *     the intercept), added to the summed log loss; scikit-learn's {@code C = 1 / lambda}. Finite, {@code >= 0}
 *     (0 = unpenalised, which fails on separable data or a constant feature)
 * @param tolerance Newton stops when the largest absolute step of any standardised coefficient is
 *     {@code < tolerance}; finite, {@code > 0}
 * @param maxIterations the most Newton steps before {@link io.slipstream.portfolio.OptimizationException},
 *     {@code >= 1}
 */
public record LogisticRegressionConfig(double l2Lambda, double tolerance, int maxIterations) {
  /** {@code lambda = 1} (scikit-learn's default {@code C = 1}), tolerance {@code 1e-10}, 100 iterations. */
  public static final LogisticRegressionConfig DEFAULT = new LogisticRegressionConfig(1.0, 1e-10, 100);

  /**
   * @throws IllegalArgumentException naming the field and the value
   */
  public LogisticRegressionConfig {
    Checks.nonNegative(l2Lambda, "l2Lambda");
    Checks.positive(tolerance, "tolerance");
    Checks.positive(maxIterations, "maxIterations");
  }

  /** @return a copy with another {@code lambda} */
  public LogisticRegressionConfig withL2Lambda(double l2Lambda) {
    return new LogisticRegressionConfig(l2Lambda, tolerance, maxIterations);
  }
}
