package io.slipstream.portfolio;

/**
 * Output of the {@link BetaNeutralOptimizer}: target weights (signed NAV fractions per coin, in the column order of
 * the inputs) with the numbers that show how good they are. Immutable; arrays are copied out.
 *
 * <p>Multipliers use the sign convention of the stationarity condition the solution satisfies,
 * <pre>
 *   0 in -alpha + gamma S w + nuBeta beta + nuDollar 1 + d/dw [ C(w - w_prev) + mu sum|w_i| + bounds indicator ]
 * </pre>
 * ({@code nuDollar = 0} without dollar-neutrality, {@code mu >= 0} the gross-leverage multiplier, 0 when the limit is
 * slack). For the closed form the condition is {@code S w / k - alpha + nuBeta beta + nuDollar 1 = 0} with {@code k}
 * the rescaling factor to gross leverage {@code L} ({@code gamma = 1/k}, no costs, no bounds, {@code mu = 0}).
 * {@link #kktResidual()} is the max-norm distance of that condition from holding, in the units of {@code alpha}
 * (return per unit weight), measured on the returned weights with these multipliers.
 */
public final class OptimizationResult {
  /** How the weights were obtained. */
  public enum Method {
    /** {@code w = S^-1 (alpha - A' nu)} rescaled to {@code sum |w| = L}. */
    CLOSED_FORM,
    /** ADMM followed by an exact solve on the identified active set (converged to the tolerance). */
    COST_AWARE_POLISHED,
    /** ADMM iterate made feasible, without a successful polish; see {@link #converged()}. */
    COST_AWARE_ADMM
  }

  private final double[] weights;
  private final Method method;
  private final double objective;
  private final double expectedReturn;
  private final double variance;
  private final double tradingCost;
  private final double turnover;
  private final int iterations;
  private final double primalResidual;
  private final double constraintViolation;
  private final double kktResidual;
  private final boolean converged;
  private final double betaMultiplier;
  private final double dollarMultiplier;
  private final double grossMultiplier;

  OptimizationResult(double[] weights, Method method, double objective, double expectedReturn, double variance,
      double tradingCost, double turnover, int iterations, double primalResidual, double constraintViolation,
      double kktResidual, boolean converged, double betaMultiplier, double dollarMultiplier,
      double grossMultiplier) {
    this.weights = weights.clone();
    this.method = method;
    this.objective = objective;
    this.expectedReturn = expectedReturn;
    this.variance = variance;
    this.tradingCost = tradingCost;
    this.turnover = turnover;
    this.iterations = iterations;
    this.primalResidual = primalResidual;
    this.constraintViolation = constraintViolation;
    this.kktResidual = kktResidual;
    this.converged = converged;
    this.betaMultiplier = betaMultiplier;
    this.dollarMultiplier = dollarMultiplier;
    this.grossMultiplier = grossMultiplier;
  }

  /** @return a copy of the target weights, signed NAV fractions, one per coin */
  public double[] weights() {
    return weights.clone();
  }

  /** @return the weight of coin {@code i}, a signed NAV fraction */
  public double weight(int i) {
    return weights[i];
  }

  /** @return number of coins */
  public int size() {
    return weights.length;
  }

  /** @return how the weights were obtained */
  public Method method() {
    return method;
  }

  /**
   * @return the maximised objective at the weights: cost-aware {@code alpha'w - (gamma/2) w'S w - C(w - w_prev)};
   *     closed form {@code alpha'w} (the closed form maximises the ratio {@code alpha'w / sqrt(w'S w)}; its scale is
   *     fixed by {@code L}). Units of {@code alpha} (a return per period, NAV fraction).
   */
  public double objective() {
    return objective;
  }

  /** @return {@code alpha'w}, expected return per period as a NAV fraction */
  public double expectedReturn() {
    return expectedReturn;
  }

  /** @return {@code w'S w}, the variance per period of the portfolio return (NAV fraction squared) */
  public double variance() {
    return variance;
  }

  /** @return {@code C(w - w_prev)}, a NAV fraction (0 for the closed form, which has no costs) */
  public double tradingCost() {
    return tradingCost;
  }

  /** @return {@code sum |w_i - w_prev_i|} (closed form: {@code sum |w_i|}, from an empty book), a NAV multiple */
  public double turnover() {
    return turnover;
  }

  /** @return {@code sum |w_i|}, the gross leverage of the weights (NAV multiple) */
  public double grossLeverage() {
    double s = 0;
    for (double w : weights) {
      s += Math.abs(w);
    }
    return s;
  }

  /** @return solver iterations used: ADMM iterations plus active-set refinement steps (0 for the closed form) */
  public int iterations() {
    return iterations;
  }

  /** @return the last ADMM primal residual {@code max_i |x_i - z_i|} (NAV fractions; 0 for the closed form) */
  public double primalResidual() {
    return primalResidual;
  }

  /**
   * @return the largest violation of any constraint by the returned weights: {@code |beta'w|}, {@code |1'w|}
   *     (dollar-neutral), {@code max(0, sum|w| - L)} (cost-aware) or {@code |sum|w| - L|} (closed form), and the
   *     bound excesses
   */
  public double constraintViolation() {
    return constraintViolation;
  }

  /** @return the KKT stationarity residual described in the class comment, units of {@code alpha} */
  public double kktResidual() {
    return kktResidual;
  }

  /**
   * @return whether the solver met its tolerance; {@code false} only when the optimizer was configured with
   *     {@link BetaNeutralOptimizer#withFailOnNonConvergence(boolean) failOnNonConvergence = false} (by default an
   *     unconverged solve throws {@link OptimizationException})
   */
  public boolean converged() {
    return converged;
  }

  /** @return {@code nuBeta}, the multiplier of {@code beta'w = 0} (units of {@code alpha} per unit beta) */
  public double betaMultiplier() {
    return betaMultiplier;
  }

  /** @return {@code nuDollar}, the multiplier of {@code 1'w = 0} (0 without dollar-neutrality) */
  public double dollarMultiplier() {
    return dollarMultiplier;
  }

  /** @return {@code mu >= 0}, the multiplier of {@code sum |w| <= L} (0 when slack and for the closed form) */
  public double grossMultiplier() {
    return grossMultiplier;
  }

  @Override
  public String toString() {
    return "OptimizationResult[method=" + method + ", n=" + weights.length + ", objective=" + objective
        + ", gross=" + grossLeverage() + ", turnover=" + turnover + ", iterations=" + iterations
        + ", kktResidual=" + kktResidual + ", constraintViolation=" + constraintViolation + ", converged="
        + converged + "]";
  }
}
