package io.slipstream.bench;

import io.slipstream.strategy.gradient.GradientConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridJob;
import io.slipstream.backtest.search.GridRow;
import io.slipstream.backtest.search.Objective;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one grid configuration of the 4h Gradient strategy on the full real data (186 coins, 4,717 booked bars)
 * with the signals shared ({@link #evaluateSharedSignals}: book builds, ledger, stats and block statistics of one
 * configuration of {@code config/grids/gradient_1000.json}, cycling through the 250 that share one signal set),
 * and the signal computation a group of configurations shares ({@link #signalGroup}).
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar GridBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class GridBenchmark {
  private GridEvaluator evaluator;
  private MarketData data;
  private long[] group;
  private int next;

  /** Loads the 4h data and the 1,000-configuration grid once. */
  @Setup
  public void setup() throws IOException {
    Path dataDir = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    data = Lake.load(dataDir, BarInterval.H4, true);
    String base = Files.readString(Path.of("config/gradient.json"));
    String grid = Files.readString(Path.of("config/grids/gradient_1000.json"));
    evaluator = new GridEvaluator(data, new GridJob(base, grid, "gradient.json", 0.3, 16, Objective.SHARPE));
    long[] all = new long[(int) evaluator.spec().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    long[] ordered = evaluator.inGroupOrder(all);
    long g0 = evaluator.signalGroup(ordered[0]);
    int n = 0;
    while (n < ordered.length && evaluator.signalGroup(ordered[n]) == g0) {
      n++;
    }
    group = java.util.Arrays.copyOf(ordered, n);
  }

  /** One configuration, signals from the shared cache. */
  @Benchmark
  public GridRow evaluateSharedSignals() {
    long id = group[next];
    next = (next + 1) % group.length;
    return evaluator.evaluate(id);
  }

  /** The whole-panel signals one group of configurations shares. */
  @Benchmark
  public Object signalGroup() {
    return io.slipstream.strategy.gradient.GradientStrategy.signals(evaluator.config(group[0]).params(GradientConfig.class), data);
  }
}
