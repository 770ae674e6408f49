package io.slipstream.bench;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.ml.FeatureBuilder;
import io.slipstream.ml.FeatureConfig;
import io.slipstream.ml.FeatureMatrix;
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
 * Speed of {@link FeatureBuilder#build} for SOL on the full real 1h data (about 8,300 bars x 24 features with
 * {@link FeatureConfig#DEFAULT}; target: under 1 s), one thread. The data is loaded once in {@link #setup()}
 * (loading is not measured).
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar FeatureBenchmark}
 * (data folder from {@code -Dslipstream.data}, default {@code ../shared/data/hyperliquid}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class FeatureBenchmark {
  private MarketData data;

  /** Loads the real 1h candles and funding once. */
  @Setup
  public void setup() {
    Path dir = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    data = Lake.load(dir, BarInterval.H1, true);
  }

  /** All default features of SOL over the full 1h grid. */
  @Benchmark
  public FeatureMatrix buildSol1h() {
    return FeatureBuilder.build(data, "SOL", FeatureConfig.DEFAULT);
  }
}
