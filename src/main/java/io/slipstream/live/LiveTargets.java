package io.slipstream.live;

import io.slipstream.core.Checks;
import io.slipstream.data.MarketData;
import io.slipstream.cost.CostModel;
import io.slipstream.cost.FeeModel;
import io.slipstream.live.store.AuditStore.SignalRow;
import io.slipstream.strategy.BarReplay;
import io.slipstream.strategy.Strategy;
import io.slipstream.portfolio.TargetWeights;
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

  /**
   * Builds a fresh strategy (no bar fed yet) for a coin list, in that column order, and the cost model its
   * contexts carry (the backtest's cost model of the same config over the snapshot, so a cost-aware strategy prices
   * trades as in its backtest).
   */
  @FunctionalInterface
  public interface Factory extends Function<List<String>, Strategy> {
    /**
     * @param data the snapshot the strategy is fed
     * @return the cost model over its columns; the default charges nothing (strategies that do not read costs)
     */
    default CostModel costModel(MarketData data) {
      return CostModel.flat(new FeeModel(0, 0, 0, 0), data.coins().size());
    }

    /**
     * @return the account value the decision is sized at, USD (the config's {@code capital_usd}); the book is
     *     passed to the strategy as flat (the runner sizes deltas against the exchange's positions afterwards)
     */
    default double navUsd() {
      return 1.0;
    }
  }

  /**
   * The decision at the last bar of a snapshot.
   *
   * @param decisionTimeMs close time of the last row, epoch ms UTC
   * @param weights the target weights decided there; empty when that close is not a rebalance time
   * @param signals per coin (column order) the signal values at the last row, for the audit trail: score, sigma
   *     (per bar, a fraction), ADV (USD), as the strategy names them in {@link Strategy#signalNames()}
   *     ({@code score}, {@code sigma}, {@code adv_usd}; NaN for a name it lacks), and the target weight (signed
   *     NAV fraction; 0 for a coin not held, NaN for every coin when there are no targets). Empty for strategies
   *     that expose no per-coin signals
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
    CostModel costs = factory instanceof Factory f ? f.costModel(data)
        : CostModel.flat(new FeeModel(0, 0, 0, 0), data.coins().size());
    double navUsd = factory instanceof Factory f ? f.navUsd() : 1.0;
    int n = data.coins().size();
    int rows = data.rows();
    // the book is passed as flat: the runner sizes deltas against the exchange's positions afterwards
    Optional<TargetWeights> last = BarReplay.of(strategy, data, costs).targetsAt(rows - 1, navUsd, new double[n]);
    long decisionMs = data.close().closeTimeMs(rows - 1);
    List<SignalRow> signals = new ArrayList<>();
    Map<String, Double> adv = new LinkedHashMap<>();
    List<String> names = strategy.signalNames();
    int score = names.indexOf("score");
    int sigma = names.indexOf("sigma");
    int advAt = names.indexOf("adv_usd");
    if (!names.isEmpty()) {
      for (int k = 0; k < n; k++) {
        double[] v = strategy.signals(k);
        double w = last.isPresent() ? last.get().weight(k) : Double.NaN;
        String coin = data.coins().get(k);
        double a = advAt >= 0 ? v[advAt] : Double.NaN;
        signals.add(new SignalRow(coin, score >= 0 ? v[score] : Double.NaN, sigma >= 0 ? v[sigma] : Double.NaN, a, w));
        adv.put(coin, a);
      }
    }
    return new Result(decisionMs, last, signals, adv);
  }
}
