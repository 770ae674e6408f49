package io.slipstream.bench;

import io.slipstream.backtest.search.BlockReturns;
import io.slipstream.backtest.search.PboResult;
import io.slipstream.backtest.search.ProbabilityOfBacktestOverfitting;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of CSCV ({@link ProbabilityOfBacktestOverfitting#cscv}) with S = 16 blocks (C(16, 8) = 12,870
 * combinations) for N = 1,000 and 10,000 trials (target: a few seconds for N = 10,000 on 2 cores). The block
 * statistics come from seeded random returns (480 bars per trial, 30 per block; some trials with a drift); the
 * kernel's cost does not depend on the number of bars.
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar OverfittingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class OverfittingBenchmark {
  /** Number of trials N. */
  @Param({"1000", "10000"})
  public int trials;

  private BlockReturns blocks;

  /** Builds the block statistics once. */
  @Setup
  public void setup() {
    int s = 16;
    int t = 480;
    Random rnd = new Random(42);
    double[][] r = new double[trials][t];
    for (int i = 0; i < trials; i++) {
      double drift = rnd.nextInt(10) == 0 ? 0.0005 * rnd.nextGaussian() : 0;
      for (int k = 0; k < t; k++) {
        r[i][k] = drift + 0.01 * rnd.nextGaussian();
      }
    }
    blocks = BlockReturns.of(r, s);
  }

  /** One full CSCV: 12,870 combinations x N trials. */
  @Benchmark
  public PboResult cscvS16() {
    return ProbabilityOfBacktestOverfitting.cscv(blocks);
  }
}
