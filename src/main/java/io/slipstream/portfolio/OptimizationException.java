package io.slipstream.portfolio;

/**
 * An optimisation problem that has no usable answer: the solver did not reach its tolerance within its iteration
 * budget, or the problem is degenerate (e.g. alpha has no component outside the span of the neutrality constraints,
 * so the closed form has no direction to scale to the gross leverage). The message names the cause and the numbers
 * (residuals, iteration count, tolerance). Subclass {@link InfeasibleProblemException} is thrown when the constraints
 * cannot all hold.
 */
public class OptimizationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, with the relevant numbers */
  public OptimizationException(String message) {
    super(message);
  }
}
