package io.slipstream.portfolio;

import io.slipstream.core.Checks;
import java.util.Arrays;

/**
 * Constraints of the {@link BetaNeutralOptimizer} besides beta-neutrality ({@code beta'w = 0}, always imposed):
 * <ul>
 *   <li>gross leverage {@code L > 0} (a NAV multiple): the closed form rescales to {@code sum |w_i| = L}, the
 *       cost-aware problem imposes {@code sum |w_i| <= L};</li>
 *   <li>optionally dollar-neutrality {@code sum w_i = 0};</li>
 *   <li>optionally per-asset bounds {@code lower_i <= w_i <= upper_i} in signed NAV fractions, as arrays (one entry
 *       per coin, infinite entries allowed) and/or a uniform position limit {@code |w_i| <= maxAbsWeight}; the
 *       effective bounds are the intersection. Bounds may exclude 0 (a forced minimum position); the cost-aware
 *       solver then checks feasibility and throws {@link InfeasibleProblemException} when the constraints conflict.
 *       The closed form accepts no bounds.</li>
 * </ul>
 * Weights are signed fractions of NAV (long &gt; 0). Immutable; arrays are copied in and out.
 */
public final class OptimizerConstraints {
  private final double grossLeverage;
  private final boolean dollarNeutral;
  private final double maxAbsWeight;
  private final double[] lowerWeights;
  private final double[] upperWeights;

  private OptimizerConstraints(double grossLeverage, boolean dollarNeutral, double maxAbsWeight,
      double[] lowerWeights, double[] upperWeights) {
    this.grossLeverage = grossLeverage;
    this.dollarNeutral = dollarNeutral;
    this.maxAbsWeight = maxAbsWeight;
    this.lowerWeights = lowerWeights;
    this.upperWeights = upperWeights;
  }

  /**
   * Beta-neutrality and a gross leverage limit only: not dollar-neutral, no per-asset bounds.
   *
   * @param grossLeverage {@code L}, a NAV multiple ({@code sum |w_i|}), finite and {@code > 0}
   * @return the constraints
   * @throws IllegalArgumentException if {@code grossLeverage} is not finite and {@code > 0}
   */
  public static OptimizerConstraints grossLeverage(double grossLeverage) {
    return new OptimizerConstraints(Checks.positive(grossLeverage, "grossLeverage"), false,
        Double.POSITIVE_INFINITY, null, null);
  }

  /**
   * @param dollarNeutral whether to impose {@code sum w_i = 0} as well
   * @return a copy with that setting
   */
  public OptimizerConstraints withDollarNeutral(boolean dollarNeutral) {
    return new OptimizerConstraints(grossLeverage, dollarNeutral, maxAbsWeight, lowerWeights, upperWeights);
  }

  /**
   * @param maxAbsWeight uniform position limit {@code |w_i| <= maxAbsWeight}, a NAV fraction, {@code > 0}
   *     ({@code +Infinity} = none)
   * @return a copy with that limit (intersected with any per-asset bounds)
   * @throws IllegalArgumentException if {@code maxAbsWeight} is NaN or {@code <= 0}
   */
  public OptimizerConstraints withPositionLimit(double maxAbsWeight) {
    if (!(maxAbsWeight > 0)) {
      throw new IllegalArgumentException("Argument 'maxAbsWeight' must be > 0, was " + maxAbsWeight);
    }
    return new OptimizerConstraints(grossLeverage, dollarNeutral, maxAbsWeight, lowerWeights, upperWeights);
  }

  /**
   * @param lowerWeights {@code lower_i} per coin, signed NAV fractions, not NaN ({@code -Infinity} = none).
   *     Not modified.
   * @param upperWeights {@code upper_i} per coin, signed NAV fractions, not NaN ({@code +Infinity} = none),
   *     {@code >= lower_i}, same length. Not modified.
   * @return a copy with these per-asset bounds (replacing earlier ones; intersected with the position limit)
   * @throws IllegalArgumentException on a length mismatch, a NaN bound, {@code lower_i = +Infinity},
   *     {@code upper_i = -Infinity} or {@code lower_i > upper_i} (naming the coin index and both values)
   */
  public OptimizerConstraints withBounds(double[] lowerWeights, double[] upperWeights) {
    Checks.notNull(lowerWeights, "lowerWeights");
    Checks.notNull(upperWeights, "upperWeights");
    Checks.sameLength(upperWeights.length, lowerWeights.length, "upperWeights");
    for (int i = 0; i < lowerWeights.length; i++) {
      double lo = lowerWeights[i];
      double hi = upperWeights[i];
      if (Double.isNaN(lo) || Double.isNaN(hi) || lo == Double.POSITIVE_INFINITY
          || hi == Double.NEGATIVE_INFINITY || lo > hi) {
        throw new IllegalArgumentException("bounds of coin " + i + " must satisfy -inf <= lower <= upper <= +inf"
            + " without NaN, were lower = " + lo + ", upper = " + hi);
      }
    }
    return new OptimizerConstraints(grossLeverage, dollarNeutral, maxAbsWeight, lowerWeights.clone(),
        upperWeights.clone());
  }

  /** @return {@code L}, the gross leverage (NAV multiple) */
  public double grossLeverage() {
    return grossLeverage;
  }

  /** @return whether {@code sum w_i = 0} is imposed */
  public boolean dollarNeutral() {
    return dollarNeutral;
  }

  /** @return the uniform position limit (NAV fraction), {@code +Infinity} when none */
  public double maxAbsWeight() {
    return maxAbsWeight;
  }

  /** @return whether any per-asset bound (arrays or a finite position limit) is set */
  public boolean hasBounds() {
    return lowerWeights != null || maxAbsWeight != Double.POSITIVE_INFINITY;
  }

  /**
   * @param n number of coins of the problem
   * @return effective lower bounds {@code max(lower_i, -maxAbsWeight)}, length {@code n}, a fresh array
   * @throws IllegalArgumentException if per-asset bounds were set for a different number of coins
   */
  public double[] lowerBounds(int n) {
    double[] lo = new double[n];
    if (lowerWeights != null) {
      Checks.sameLength(lowerWeights.length, n, "lowerWeights");
      for (int i = 0; i < n; i++) {
        lo[i] = Math.max(lowerWeights[i], -maxAbsWeight);
      }
    } else {
      Arrays.fill(lo, -maxAbsWeight);
    }
    return lo;
  }

  /**
   * @param n number of coins of the problem
   * @return effective upper bounds {@code min(upper_i, maxAbsWeight)}, length {@code n}, a fresh array
   * @throws IllegalArgumentException if per-asset bounds were set for a different number of coins
   */
  public double[] upperBounds(int n) {
    double[] hi = new double[n];
    if (upperWeights != null) {
      Checks.sameLength(upperWeights.length, n, "upperWeights");
      for (int i = 0; i < n; i++) {
        hi[i] = Math.min(upperWeights[i], maxAbsWeight);
      }
    } else {
      Arrays.fill(hi, maxAbsWeight);
    }
    return hi;
  }

  @Override
  public String toString() {
    return "OptimizerConstraints[grossLeverage=" + grossLeverage + ", dollarNeutral=" + dollarNeutral
        + ", maxAbsWeight=" + maxAbsWeight + ", perAssetBounds=" + (lowerWeights != null) + "]";
  }
}
