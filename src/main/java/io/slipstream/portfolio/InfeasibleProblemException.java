package io.slipstream.portfolio;

/**
 * The constraints of a portfolio problem have no common point: for example per-asset bounds that exclude 0 and
 * force a gross leverage above the limit {@code L}, or bounds under which {@code beta'w = 0} (or {@code 1'w = 0})
 * cannot hold. The message names the constraints that conflict and the numbers that show it (the smallest gross
 * leverage the bounds allow, the range of {@code beta'w} over the feasible box, or a separating direction).
 */
public class InfeasibleProblemException extends OptimizationException {
  private static final long serialVersionUID = 1L;

  /** @param message which constraints conflict and why */
  public InfeasibleProblemException(String message) {
    super(message);
  }
}
