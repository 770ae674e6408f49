package io.slipstream.cost;

import io.slipstream.core.Checks;
import io.slipstream.core.Units;

/**
 * Linear trading cost per unit of turnover (DESIGN.md convention 8):
 * {@code fee_rate = (passive_fill_fraction x maker_fee_bps + (1 - passive_fill_fraction) x taker_fee_bps
 * + slippage_bps) / 1e4}, a decimal fraction of traded notional; {@code fee_cost = turnover x fee_rate} with
 * turnover {@code = sum |w_new - w_drifted|} in NAV fractions. The same object serves the backtest ledger and,
 * later, the optimizer (cvxportfolio's single cost model).
 *
 * @param makerFeeBps maker fee in bps of notional, {@code >= 0} (Hyperliquid base tier: 1.5)
 * @param takerFeeBps taker fee in bps of notional, {@code >= 0} (Hyperliquid base tier: 4.5)
 * @param passiveFillFraction share of turnover filled passively at the maker fee, in {@code [0, 1]}
 * @param slippageBps slippage in bps of notional paid on all turnover, {@code >= 0}
 */
public record FeeModel(double makerFeeBps, double takerFeeBps, double passiveFillFraction, double slippageBps) {
  /** Validates ranges. @throws IllegalArgumentException naming the field and value */
  public FeeModel {
    Checks.nonNegative(makerFeeBps, "maker_fee_bps");
    Checks.nonNegative(takerFeeBps, "taker_fee_bps");
    Checks.inRange(passiveFillFraction, 0.0, 1.0, "passive_fill_fraction");
    Checks.nonNegative(slippageBps, "slippage_bps");
  }

  /** A model with no costs. */
  public static final FeeModel ZERO = new FeeModel(0, 0, 0, 0);

  /** @return cost per unit of turnover, a decimal fraction */
  public double feeRate() {
    return Units.bpsToFraction(
        passiveFillFraction * makerFeeBps + (1 - passiveFillFraction) * takerFeeBps + slippageBps);
  }

  /**
   * @param turnover {@code sum |dw|} in NAV fractions, {@code >= 0}
   * @return the cost as a fraction of NAV: {@code turnover x feeRate()}; non-negative and monotone in turnover
   */
  public double cost(double turnover) {
    return turnover * feeRate();
  }
}
