package io.slipstream.bench;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
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
 * The whole beta-neutral backtest of {@code config/beta_neutral.json} on the real 4h panel (186 coins, 5,814 bars):
 * PCA re-estimated every H = 24h over the whole history, the forecasts, a shrunk covariance and a cost-aware solve
 * with lot rounding at each of ~690 decisions, and the ledger. One thread; the data is loaded once in setup.
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar BetaNeutralBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BetaNeutralBenchmark {
  private MarketData data4h;
  private BacktestConfig config;

  /** Loads the 4h data with funding and the shipped config. */
  @Setup
  public void setup() {
    Path dataDir = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    config = ConfigParser.parse(Path.of("config/beta_neutral.json"));
    data4h = Lake.load(dataDir, BarInterval.H4, true);
  }

  /** Factors, forecasts, optimizer, lots and ledger over the whole 4h history. */
  @Benchmark
  public BacktestResult betaNeutralBacktest4h() {
    return Backtester.run(data4h, config);
  }
}
