package io.slipstream.strategy;

import io.slipstream.cost.CostModel;
import java.util.List;

/**
 * What is visible at the close of one bar, as a strategy is fed it (DESIGN.md "Strategy layer"; cvxportfolio's
 * policies see holdings and the cost model the same way). Every array holds one value per coin in the column order
 * of {@link #coins()}; arrays are read-only and valid only during the {@link Strategy#onBar} call (copy what you
 * keep). Prices in USD, volume in base-asset units; NaN = not available (not listed, missing bar, zero volume:
 * DESIGN.md convention 1).
 */
public interface BarContext {
  /** @return the coins, the column order of every array */
  List<String> coins();

  /** @return the index of this bar in the run's regular time grid (0 = first bar fed) */
  int row();

  /** @return this bar's close time, epoch ms UTC; the decision time when the strategy returns targets */
  long closeTimeMs();

  /** @return opens per coin, USD (NaN unless the strategy's {@link Requirements#readsHighLow()}) */
  double[] open();

  /** @return highs per coin, USD (NaN unless the strategy's {@link Requirements#readsHighLow()}) */
  double[] high();

  /** @return lows per coin, USD (NaN unless the strategy's {@link Requirements#readsHighLow()}) */
  double[] low();

  /** @return closes per coin, USD */
  double[] close();

  /** @return volumes per coin, base-asset units */
  double[] volume();

  /**
   * @return funding paid over this bar per coin (sum of the hourly rates with {@code open_time < h <= close_time},
   *     DESIGN.md convention 8), decimal fraction of notional, positive = longs pay; 0 where no rate was published;
   *     all zeros unless the strategy's {@link Requirements#readsFunding()}
   */
  double[] funding();

  /** @return account value at this close, USD ({@code capital_usd x nav} in a backtest) */
  double navUsd();

  /** @return the book held at this close after drift, signed NAV fractions per coin */
  double[] weights();

  /**
   * @return the run's cost model over the columns of {@link #coins()}, indexed by {@link #row()}: the same object the
   *     ledger (or the paper venue) charges
   */
  CostModel costs();
}
