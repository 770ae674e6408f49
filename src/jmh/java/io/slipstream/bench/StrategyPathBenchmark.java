package io.slipstream.bench;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.cost.CostModel;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.strategy.BarReplay;
import io.slipstream.strategy.SignalCache;
import java.nio.file.Path;
import java.util.Optional;
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
 * The cost of the generic strategy layer (issue 12) on the full 1h Gradient backtest (186 coins, one thread), side
 * by side in one run: {@link #registryBatch} (the registered spec's vectorised path, what {@code backtest} runs;
 * compare with {@link BacktestBenchmark#fullBacktest1h}, the same call) and {@link #barByBar} (the strategy fed every
 * bar through {@link BarReplay}, the live path). Run: {@code mvn -Pbench -DskipTests package && java -jar
 * target/benchmarks.jar StrategyPathBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class StrategyPathBenchmark {
  private MarketData data1h;
  private BacktestConfig config1h;
  private CostModel costs;

  /** Loads the 1h data and config once. */
  @Setup
  public void setup() {
    Path dir = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    config1h = ConfigParser.parse(Path.of("config/gradient_1h.json")).withWindow(Optional.empty(), Optional.empty());
    data1h = Lake.load(dir, BarInterval.H1, true);
    costs = Backtester.costModel(data1h, config1h);
  }

  /** Signals, book and ledger through the registry's batch path. */
  @Benchmark
  public BacktestResult registryBatch() {
    return Backtester.run(data1h, Backtester.targets(config1h, data1h, costs, SignalCache.none()), costs,
        config1h.funding(), config1h.capitalUsd(), config1h.start(), config1h.end());
  }

  /** The same run with the strategy fed bar by bar. */
  @Benchmark
  public BacktestResult barByBar() {
    return Backtester.run(data1h, BarReplay.of(config1h.spec().create(config1h.params(), data1h.coins()), data1h,
        costs), costs, config1h.funding(), config1h.capitalUsd(), config1h.start(), config1h.end());
  }
}
