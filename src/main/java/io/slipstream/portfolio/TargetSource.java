package io.slipstream.portfolio;

import java.util.Optional;

/**
 * Target weights by bar row, as the ledger asks for them: {@code targetsAt(t)} for the decision at the close of
 * row {@code t}. Calls come in increasing row order.
 */
public interface TargetSource {
  /**
   * @param row the decision bar (its close is the decision time)
   * @return target weights if row {@code row} is a rebalance bar, else empty
   */
  Optional<TargetWeights> targetsAt(int row);

  /**
   * The ledger's call: like {@link #targetsAt(int)} but also told the book as it stands at the decision, for
   * strategies that trade off alpha against the cost of moving from it (cost-aware optimisation).
   *
   * @param row the decision bar
   * @param navUsd account value at the decision, USD
   * @param currentWeights the drifted weights at the decision, signed NAV fractions per column; read-only and
   *     valid only during the call
   * @return target weights if row {@code row} is a rebalance bar, else empty
   */
  default Optional<TargetWeights> targetsAt(int row, double navUsd, double[] currentWeights) {
    return targetsAt(row);
  }
}
