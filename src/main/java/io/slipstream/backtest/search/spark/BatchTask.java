package io.slipstream.backtest.search.spark;

import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridJob;
import io.slipstream.backtest.search.GridRow;
import io.slipstream.data.MarketData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The work of one Spark task: evaluates the configurations of its batch (a partition holding one {@code long[]} of
 * ids) and returns their rows. Serialized with each task; the market data travels once per executor through the
 * broadcast. Each executor JVM keeps one {@link GridEvaluator} per run (keyed by a run id), so the tasks of a run on
 * one executor share its signal and cost-model caches.
 */
final class BatchTask extends AbstractFunction1<Iterator<long[]>, GridRow[]> implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Evaluators of the last few runs seen by this JVM, by run id (a JVM rarely serves more than one run). */
  private static final Map<String, GridEvaluator> EVALUATORS = new LinkedHashMap<>(4, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, GridEvaluator> eldest) {
      return size() > 2;
    }
  };

  private final String runId;
  private final Broadcast<MarketData> data;
  private final GridJob job;

  /**
   * @param runId unique id of the run (the evaluator cache key)
   * @param data the broadcast market data
   * @param job the grid job
   */
  BatchTask(String runId, Broadcast<MarketData> data, GridJob job) {
    this.runId = runId;
    this.data = data;
    this.job = job;
  }

  @Override
  public GridRow[] apply(Iterator<long[]> batches) {
    GridEvaluator ev = evaluator();
    List<GridRow> rows = new ArrayList<>();
    while (batches.hasNext()) {
      for (long id : batches.next()) {
        rows.add(ev.evaluate(id));
      }
    }
    return rows.toArray(new GridRow[0]);
  }

  private GridEvaluator evaluator() {
    synchronized (EVALUATORS) {
      GridEvaluator ev = EVALUATORS.get(runId);
      if (ev == null) {
        ev = new GridEvaluator(data.value(), job);
        EVALUATORS.put(runId, ev);
      }
      return ev;
    }
  }

  /** Drops this JVM's evaluator of a run (the driver calls it at the end; in local mode it is the executor too). */
  static void forget(String runId) {
    synchronized (EVALUATORS) {
      EVALUATORS.remove(runId);
    }
  }
}
