package io.slipstream.bench;

import io.slipstream.strategy.gradient.GradientConfig;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.signal.GradientSignals;
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
 * Speed of the Gradient backtest on the real 1h panel (186 coins, ~8,300 bars), one thread: signals + book +
 * ledger ({@link #fullBacktest1h}) and the signal kernels alone ({@link #signals1h}); and loading
 * {@code candles_1h.parquet} into panels ({@link #loadCandles1h}).
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar}
 * (data folder from {@code -Dslipstream.data}, default {@code ../shared/data/hyperliquid}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class BacktestBenchmark {
  private Path dataDir;
  private MarketData data1h;
  private BacktestConfig config1h;

  /** Loads the 1h data and config once. */
  @Setup
  public void setup() {
    dataDir = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    config1h = ConfigParser.parse(Path.of("config/gradient_1h.json")).withWindow(Optional.empty(), Optional.empty());
    data1h = Lake.load(dataDir, BarInterval.H1, true);
  }

  /** Signals, book and ledger over the whole 1h panel. */
  @Benchmark
  public BacktestResult fullBacktest1h() {
    return Backtester.run(data1h, config1h);
  }

  /** The signal kernels alone (log return, EW vol, z, 10-span momentum) over the 1h panel. */
  @Benchmark
  public GradientSignals signals1h() {
    return GradientSignals.compute(data1h.close(), data1h.volume(), config1h.params(GradientConfig.class).lookbackSpans(),
        config1h.params(GradientConfig.class).volSpan(), config1h.params(GradientConfig.class).warmupBars());
  }

  /** {@code candles_1h.parquet} (1.18 M rows) into masked panels, funding not read. */
  @Benchmark
  public MarketData loadCandles1h() {
    return Lake.load(dataDir, BarInterval.H1, false);
  }
}
