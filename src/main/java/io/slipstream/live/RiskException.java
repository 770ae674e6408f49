package io.slipstream.live;

/** A pre-trade risk check refused the whole rebalance (stale data, exposure); the message says which and why. */
public final class RiskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the rule, the value and the limit */
  public RiskException(String message) {
    super(message);
  }
}
