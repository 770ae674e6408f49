package io.slipstream.live;

import io.slipstream.core.Checks;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.live.store.AuditStore.SignalRow;
import io.slipstream.portfolio.GradientStrategy;
import io.slipstream.portfolio.Strategy;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.GradientSignalState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live decision: a fresh strategy is fed every row of the snapshot's panels through {@link Strategy#onBar} in
 * time order (the bar-by-bar path the backtest's batch kernels equal bit for bit), and the targets it returns at
 * the last row are the decision. Feeding the whole history rebuilds the signal state from the first bar, exactly as
 * a backtest warms up (DESIGN.md convention 9).
 */
public final class LiveTargets {
  private LiveTargets() {
  }

  /** Builds a fresh strategy (no bar fed yet) for a coin list, in that column order. */
  @FunctionalInterface
  public interface Factory extends Function<List<String>, Strategy> {
  }

  /**
   * The decision at the last bar of a snapshot.
   *
   * @param decisionTimeMs close time of the last row, epoch ms UTC
   * @param weights the target weights decided there; empty when that close is not a rebalance time
   * @param signals per coin (column order) the signal values at the last row, for the audit trail: score, sigma
   *     (per bar, a fraction), ADV (USD) from {@link GradientStrategy#state(int)}, and the target weight (signed
   *     NAV fraction; 0 for a coin not held, NaN for every coin when there are no targets). Empty for strategies
   *     that expose no per-coin signals (anything but {@link GradientStrategy})
   * @param advUsd dollar ADV over the last 24 hours by coin, USD (NaN when incomplete), as in {@code signals};
   *     empty for strategies that expose no per-coin signals
   */
  public record Result(long decisionTimeMs, Optional<TargetWeights> weights, List<SignalRow> signals,
      Map<String, Double> advUsd) {
    /** Copies the rows and the map. */
    public Result {
      Checks.notNull(weights, "weights");
      signals = List.copyOf(signals);
      advUsd = Collections.unmodifiableMap(new LinkedHashMap<>(advUsd));
    }
  }

  /**
   * Builds a strategy for the data's coins and feeds it every row, in time order.
   *
   * @param factory builds a fresh strategy (no bar fed yet) for a coin list, in that column order (a
   *     {@link Factory} or any function)
   * @param data masked panels (e.g. {@link LiveHistory.Snapshot#data()}), at least one row
   * @return the decision at the last row
   * @throws IllegalArgumentException when the data has no rows or the strategy's coins differ from the data's
   */
  public static Result compute(Function<List<String>, Strategy> factory, MarketData data) {
    Checks.notNull(factory, "factory");
    Checks.notNull(data, "data");
    if (data.rows() < 1) {
      throw new IllegalArgumentException("Argument 'data' must have at least one row, was " + data.rows());
    }
    Strategy strategy = factory.apply(data.coins());
    if (!strategy.coins().equals(data.coins())) {
      throw new IllegalArgumentException("strategy coins " + strategy.coins() + " differ from the data's coins "
          + data.coins());
    }
    Panel close = data.close();
    Panel volume = data.volume();
    int n = data.coins().size();
    int rows = data.rows();
    double[] closeCm = close.toColumnMajor();
    double[] volumeCm = volume.toColumnMajor();
    Optional<TargetWeights> last = Optional.empty();
    for (int t = 0; t < rows; t++) {
      double[] c = new double[n]; // fresh rows: a strategy may keep what it is given
      double[] v = new double[n];
      for (int k = 0; k < n; k++) {
        c[k] = closeCm[k * rows + t];
        v[k] = volumeCm[k * rows + t];
      }
      last = strategy.onBar(close.closeTimeMs(t), c, v);
    }
    long decisionMs = close.closeTimeMs(rows - 1);
    List<SignalRow> signals = new ArrayList<>();
    Map<String, Double> adv = new LinkedHashMap<>();
    if (strategy instanceof GradientStrategy g) {
      for (int k = 0; k < n; k++) {
        GradientSignalState s = g.state(k);
        double w = last.isPresent() ? last.get().weight(k) : Double.NaN;
        String coin = data.coins().get(k);
        signals.add(new SignalRow(coin, s.score(), s.sigma(), s.adv(), w));
        adv.put(coin, s.adv());
      }
    }
    return new Result(decisionMs, last, signals, adv);
  }
}
