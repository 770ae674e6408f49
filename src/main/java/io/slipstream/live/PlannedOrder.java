package io.slipstream.live;

/**
 * One coin's delta to execute.
 *
 * @param coin the coin
 * @param asset asset index
 * @param szDecimals the coin's size decimals (sizes are multiples of {@code 10^-szDecimals})
 * @param delta signed size to trade, base asset (+ buy, - sell), on the lot grid, non-zero
 * @param decisionPx the mid price at the decision, USD (the implementation-shortfall benchmark)
 * @param reduceOnly whether the orders may only reduce the position (a full close)
 */
public record PlannedOrder(String coin, int asset, int szDecimals, double delta, double decisionPx,
    boolean reduceOnly) {
  /** @return true for a buy */
  public boolean isBuy() {
    return delta > 0;
  }
}
