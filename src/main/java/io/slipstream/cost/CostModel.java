package io.slipstream.cost;

/**
 * A cost model over the coins (columns) of one market-data panel: at a decision bar it yields the
 * {@link TradeCosts} the optimizer minimises and the backtest ledger charges, so both see the same costs.
 * Implementations use only data closed at or before the decision bar.
 */
public interface CostModel {
  /**
   * @param row decision bar row of the panel the model was built on
   * @param navUsd account value in USD at the decision, {@code > 0} (impact grows with trade size in USD)
   * @return cost coefficients for every column of the panel at that decision
   */
  TradeCosts at(int row, double navUsd);

  /**
   * @return trades whose notional is below this many USD are not sent (the ledger keeps the drifted weight);
   *     0 = no minimum
   */
  default double minTradeUsd() {
    return 0.0;
  }

  /**
   * @param fees the fee model
   * @param columns number of coins
   * @return {@code c_i = fees.feeRate()} for every coin, no impact, no minimum: the Gradient convention 8
   */
  static CostModel flat(FeeModel fees, int columns) {
    TradeCosts costs = TradeCosts.uniform(columns, fees.feeRate());
    return (row, navUsd) -> costs;
  }
}
