package io.slipstream.portfolio;

import java.util.List;
import java.util.Optional;

/**
 * A trading strategy as the backtester and the live runner both see it (DESIGN.md): fed every closed bar in time
 * order, it decides target weights at its rebalance times from what is visible at that close (bars closed at or
 * before it). The same object runs on history and on freshly fetched bars.
 */
public interface Strategy {
  /** @return the registry name, e.g. {@code "gradient"} */
  String name();

  /** @return the coins, in the column order of the rows fed to {@link #onBar} */
  List<String> coins();

  /**
   * Feeds the bar that just closed for every coin.
   *
   * @param closeTimeMs the bars' close time, epoch ms UTC; strictly increasing by one interval per call
   * @param close close per coin in USD, NaN when missing or zero-volume. Not modified.
   * @param volume base-asset volume per coin, NaN when missing or zero-volume. Not modified.
   * @return target weights when this close is a rebalance time, else empty
   */
  Optional<TargetWeights> onBar(long closeTimeMs, double[] close, double[] volume);
}
