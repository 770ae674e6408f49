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
}
