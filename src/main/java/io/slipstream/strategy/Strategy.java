package io.slipstream.strategy;

import io.slipstream.portfolio.TargetWeights;
import java.util.List;
import java.util.Optional;

/**
 * A target-weight trading strategy as every runner sees it (DESIGN.md "Strategy layer"): fed every closed bar in
 * time order through a {@link BarContext}, it returns target weights (signed NAV fractions per coin) at its decision
 * times, from what is visible at that close only. The same object runs in backtests (through
 * {@link BarReplay}), walk-forward, notebooks and the live runner.
 *
 * <p>Implementations are stateful (signal recursions) and not thread-safe: one object per run.
 */
public interface Strategy {
  /** @return the registry name, e.g. {@code "gradient"} */
  String name();

  /** @return the coins, in the column order of the contexts that will be fed */
  List<String> coins();

  /** @return what the strategy needs from its runner (interval, warm-up, fields, schedule) */
  Requirements requirements();

  /**
   * Feeds the bar that just closed for every coin.
   *
   * @param bar what is visible at the close; calls come one bar after the other, {@link BarContext#row()} increasing
   *     by one
   * @return target weights when this close is a decision time (and the strategy trades), else empty
   */
  Optional<TargetWeights> onBar(BarContext bar);

  /**
   * Per-coin signal values at the last bar fed, for the live audit trail and notebooks: names and values. Empty
   * names when the strategy exposes none.
   *
   * @return the signal names, e.g. {@code ["score", "sigma", "adv_usd"]}
   */
  default List<String> signalNames() {
    return List.of();
  }

  /**
   * @param coin column index
   * @return the values of {@link #signalNames()} for that coin after the last bar fed (NaN where not available)
   */
  default double[] signals(int coin) {
    return new double[0];
  }
}
