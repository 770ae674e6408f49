package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run's tear sheet and {@code metrics.json} show, computed once: the {@link Metrics}, and optionally the
 * benchmark with its {@link BenchmarkStats} and the P&amp;L {@link Attribution}.
 *
 * @param metrics the ledger's metrics
 * @param benchmark the benchmark on the ledger's bars, if any
 * @param benchmarkStats the statistics against it (present exactly when {@code benchmark} is)
 * @param attribution the P&amp;L attribution, if the market data was at hand
 */
public record RunAnalysis(Metrics metrics, Optional<Benchmark> benchmark, Optional<BenchmarkStats> benchmarkStats,
    Optional<Attribution> attribution) {
  /** Coins listed at each end of the attribution summary in {@code metrics.json} and the report. */
  public static final int TOP_COINS = 10;

  /**
   * Checks that the statistics go with the benchmark.
   *
   * @throws IllegalArgumentException if exactly one of {@code benchmark} and {@code benchmarkStats} is present
   */
  public RunAnalysis {
    Checks.notNull(metrics, "metrics");
    if (benchmark.isPresent() != benchmarkStats.isPresent()) {
      throw new IllegalArgumentException("Arguments 'benchmark' and 'benchmarkStats' must both be present or both"
          + " empty");
    }
  }

  /**
   * Analyses a ledger.
   *
   * @param r the ledger
   * @param benchmark its benchmark, if any
   * @param attribution its attribution, if any
   * @return the analysis
   */
  public static RunAnalysis of(BacktestResult r, Optional<Benchmark> benchmark, Optional<Attribution> attribution) {
    return new RunAnalysis(Metrics.of(r), benchmark, benchmark.map(b -> BenchmarkStats.of(r, b)), attribution);
  }

  /** @return the content of {@code metrics.json}: {@link Metrics#toMap()}, then {@code benchmark}, {@code attribution} */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(metrics.toMap());
    benchmarkStats.ifPresent(s -> m.put("benchmark", s.toMap()));
    attribution.ifPresent(a -> m.put("attribution", a.toMap(TOP_COINS)));
    return m;
  }
}
