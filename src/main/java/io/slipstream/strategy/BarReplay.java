package io.slipstream.strategy;

import io.slipstream.core.Checks;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.util.List;
import java.util.Optional;

/**
 * The bar-by-bar path over history: feeds the rows of a {@link MarketData} to a {@link Strategy} in time order,
 * lazily, as the ledger asks for decisions ({@link TargetSource}), each through a {@link BarContext} holding that
 * row's close and volume (open, high and low when {@link Requirements#readsHighLow()}, else NaN; funding when
 * {@link Requirements#readsFunding()}, else 0), the NAV and drifted book the ledger passes, and the run's cost
 * model. Rows the ledger does not ask about (warm-up before the booked window) are fed with the NAV and book of the
 * next call (flat at the start of a run). The live runner feeds a fetched snapshot the same way, so backtest and
 * live run one code path.
 */
public final class BarReplay implements TargetSource {
  private final Strategy strategy;
  private final MarketData data;
  private final CostModel costs;
  private final int rows;
  private final int n;
  private final double[] openCm;
  private final double[] highCm;
  private final double[] lowCm;
  private final double[] closeCm;
  private final double[] volumeCm;
  private final double[] fundingCm;
  private final Context ctx;
  private int fed = -1;
  private Optional<TargetWeights> last = Optional.empty();

  private BarReplay(Strategy strategy, MarketData data, CostModel costs) {
    this.strategy = Checks.notNull(strategy, "strategy");
    this.data = Checks.notNull(data, "data");
    this.costs = Checks.notNull(costs, "costs");
    if (!strategy.coins().equals(data.coins())) {
      throw new IllegalArgumentException("strategy coins " + strategy.coins() + " differ from the data's coins "
          + data.coins());
    }
    if (strategy.requirements().interval() != data.interval()) {
      throw new IllegalArgumentException("data interval " + data.interval().label() + " differs from the strategy's "
          + strategy.requirements().interval().label());
    }
    this.rows = data.rows();
    this.n = data.coins().size();
    Requirements req = strategy.requirements();
    this.closeCm = data.close().toColumnMajor();
    this.volumeCm = data.volume().toColumnMajor();
    this.fundingCm = req.readsFunding() ? data.funding().toColumnMajor() : null;
    this.openCm = req.readsHighLow() ? data.open().toColumnMajor() : null;
    this.highCm = req.readsHighLow() ? data.high().toColumnMajor() : null;
    this.lowCm = req.readsHighLow() ? data.low().toColumnMajor() : null;
    this.ctx = new Context(data.coins(), n, costs);
  }

  /**
   * @param strategy a fresh strategy (no bar fed) over the data's coins and interval
   * @param data masked market data
   * @param costs the run's cost model over the data's columns
   * @return the strategy's targets by decision row; rows must be asked in increasing order
   * @throws IllegalArgumentException when the coins or the interval differ
   */
  public static BarReplay of(Strategy strategy, MarketData data, CostModel costs) {
    return new BarReplay(strategy, data, costs);
  }

  /** @return the strategy fed */
  public Strategy strategy() {
    return strategy;
  }

  /** @return the last row fed, -1 before the first call */
  public int lastRowFed() {
    return fed;
  }

  @Override
  public Optional<TargetWeights> targetsAt(int row) {
    return targetsAt(row, 1.0, new double[n]);
  }

  /**
   * Feeds every row up to {@code row} not fed yet and returns the decision at {@code row}.
   *
   * @param row the decision row, {@code >=} the last row asked
   * @param navUsd account value at that close, USD
   * @param currentWeights the drifted book at that close, signed NAV fractions; read during the call only
   * @return the targets decided at {@code row}, else empty
   * @throws IllegalStateException when a row before the last one fed is asked
   * @throws IndexOutOfBoundsException when {@code row} is outside the data
   */
  @Override
  public Optional<TargetWeights> targetsAt(int row, double navUsd, double[] currentWeights) {
    if (row < fed) {
      throw new IllegalStateException("row " + row + " requested after row " + fed);
    }
    if (row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }
    ctx.navUsd = navUsd;
    ctx.weights = currentWeights;
    while (fed < row) {
      fed++;
      fill(fed);
      last = strategy.onBar(ctx);
    }
    return last;
  }

  private void fill(int t) {
    ctx.row = t;
    ctx.closeMs = data.close().closeTimeMs(t);
    for (int c = 0, i = t; c < n; c++, i += rows) {
      ctx.close[c] = closeCm[i];
      ctx.volume[c] = volumeCm[i];
    }
    if (fundingCm != null) {
      for (int c = 0, i = t; c < n; c++, i += rows) {
        ctx.funding[c] = fundingCm[i];
      }
    }
    if (openCm != null) {
      for (int c = 0, i = t; c < n; c++, i += rows) {
        ctx.open[c] = openCm[i];
        ctx.high[c] = highCm[i];
        ctx.low[c] = lowCm[i];
      }
    }
  }

  /** The mutable context one replay reuses for every bar. */
  private static final class Context implements BarContext {
    private final List<String> coins;
    private final CostModel costs;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final double[] funding;
    private int row;
    private long closeMs;
    private double navUsd;
    private double[] weights;

    Context(List<String> coins, int n, CostModel costs) {
      this.coins = coins;
      this.costs = costs;
      this.open = new double[n];
      this.high = new double[n];
      this.low = new double[n];
      this.close = new double[n];
      this.volume = new double[n];
      this.funding = new double[n];
      java.util.Arrays.fill(open, Double.NaN);
      java.util.Arrays.fill(high, Double.NaN);
      java.util.Arrays.fill(low, Double.NaN);
    }

    @Override
    public List<String> coins() {
      return coins;
    }

    @Override
    public int row() {
      return row;
    }

    @Override
    public long closeTimeMs() {
      return closeMs;
    }

    @Override
    public double[] open() {
      return open;
    }

    @Override
    public double[] high() {
      return high;
    }

    @Override
    public double[] low() {
      return low;
    }

    @Override
    public double[] close() {
      return close;
    }

    @Override
    public double[] volume() {
      return volume;
    }

    @Override
    public double[] funding() {
      return funding;
    }

    @Override
    public double navUsd() {
      return navUsd;
    }

    @Override
    public double[] weights() {
      return weights;
    }

    @Override
    public CostModel costs() {
      return costs;
    }
  }
}
