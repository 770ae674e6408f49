package io.slipstream.backtest.search;

/**
 * Evaluates a list of grid configurations and hands every row to a {@link ResultWriter}. Engines differ only in
 * where the work runs (this machine's cores, a Spark cluster); for the same grid they produce identical rows.
 */
public interface GridEngine {
  /** Told about every finished configuration (from any thread; implementations must be thread-safe). */
  @FunctionalInterface
  interface Listener {
    /** @param row the finished configuration's row */
    void done(GridRow row);

    /** A listener that ignores everything. */
    Listener NONE = row -> { };
  }

  /**
   * @param evaluator the grid and its data
   * @param ids the configuration ids to evaluate, in the order to run them (see
   *     {@link GridEvaluator#inGroupOrder(long[])})
   * @param writer receives every row (and writes them as Parquet parts)
   * @param listener told about every finished row
   * @throws io.slipstream.core.ConfigException when a configuration's combination of values is invalid
   * @throws IllegalStateException when the run is interrupted
   */
  void run(GridEvaluator evaluator, long[] ids, ResultWriter writer, Listener listener);
}
