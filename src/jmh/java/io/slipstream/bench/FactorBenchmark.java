package io.slipstream.bench;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.factor.FactorHistory;
import io.slipstream.factor.FactorModel;
import io.slipstream.factor.FactorPipeline;
import io.slipstream.factor.PcaConfig;
import io.slipstream.factor.PcaFactorEstimator;
import io.slipstream.factor.PcaResult;
import io.slipstream.factor.VolumeWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Speed of one PCA re-estimation (target: under 20 ms for 186 coins x 720 observations), one thread:
 * <ul>
 *   <li>{@link #estimateReal1hH24}: the real 1h panel, H = 24, K = 30 (T = 720 overlapping daily returns), the
 *       estimation set and sqrt-volume-weighted observations of the last estimation time (2025-07-26: every coin
 *       with a complete 30-day window, 165 of the 186, so 720 x 165);</li>
 *   <li>{@link #estimate186x720}: exactly 186 coins x 720 observations (a one-factor random matrix with the real
 *       data's scale), the size of the target;</li>
 *   <li>{@link #pipeline4hH24}: the whole pipeline on the real 4h panel for H = 24 (about 850 estimations).</li>
 * </ul>
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar FactorBenchmark}
 * (data folder from {@code -Dslipstream.data}, default {@code ../shared/data/hyperliquid}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class FactorBenchmark {
  private PcaFactorEstimator estimator;
  private double[] realX;
  private int realRows;
  private int realCols;
  private List<String> realCoins;
  private double[] synthX;
  private List<String> synthCoins;
  private MarketData data4h;

  /** Loads the data and builds the observation matrices once. */
  @Setup
  public void setup() {
    Path dir = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    MarketData d1 = Lake.load(dir, BarInterval.H1, false);
    PcaConfig cfg = PcaConfig.of(24);
    estimator = new PcaFactorEstimator(cfg);
    // the last estimation time only (the model is the same as in a full run: the pipeline is causal)
    long lastClose = d1.close().closeTimeMs(d1.rows() - 1);
    FactorHistory h = FactorPipeline.run(d1, cfg, lastClose - 25 * 3_600_000L, lastClose);
    FactorModel m = h.models().get(h.models().size() - 1);
    int[] cols = m.columns();
    realRows = h.windowObservations();
    realCols = cols.length;
    realCoins = m.coins();
    Panel r = h.horizonLogReturns();
    Panel w = VolumeWeights.rawWeights(d1.close(), d1.volume(), h.horizonBars(), cfg.volumeWindowPeriods(),
        cfg.weighting());
    realX = new double[realRows * realCols];
    for (int j = 0; j < realRows; j++) {
      int s = m.estimationRow() - realRows + 1 + j;
      double[] raw = new double[realCols];
      for (int k = 0; k < realCols; k++) {
        raw[k] = w.get(s, cols[k]);
      }
      double[] nw = VolumeWeights.normalise(raw);
      for (int k = 0; k < realCols; k++) {
        realX[j * realCols + k] = nw[k] * r.get(s, cols[k]);
      }
    }
    // sanity: the kernel reproduces the pipeline's model on these observations
    if (Math.abs(estimator.estimate(realX, realRows, realCols, realCoins).eigenvalue(0) - m.eigenvalue(0))
        > 1e-9 * m.eigenvalue(0)) {
      throw new IllegalStateException("benchmark observations do not reproduce the pipeline model");
    }
    Random rnd = new Random(1);
    int n = 186;
    int t = 720;
    synthX = new double[t * n];
    synthCoins = new ArrayList<>();
    double[] beta = new double[n];
    for (int k = 0; k < n; k++) {
      synthCoins.add(k == 0 ? "BTC" : "C" + k);
      beta[k] = 0.5 + rnd.nextDouble();
    }
    for (int i = 0; i < t; i++) {
      double f = rnd.nextGaussian() * 0.03;
      for (int k = 0; k < n; k++) {
        synthX[i * n + k] = beta[k] * f + rnd.nextGaussian() * 0.04;
      }
    }
    data4h = Lake.load(dir, BarInterval.H4, false);
  }

  /** One estimation on the real 1h set at the last daily estimation time (T = 720). */
  @Benchmark
  public PcaResult estimateReal1hH24() {
    return estimator.estimate(realX, realRows, realCols, realCoins);
  }

  /** One estimation on 186 coins x 720 observations. */
  @Benchmark
  public PcaResult estimate186x720() {
    return estimator.estimate(synthX, 720, 186, synthCoins);
  }

  /** The whole pipeline on the real 4h panel, H = 24, K = 30. */
  @Benchmark
  public FactorHistory pipeline4hH24() {
    return FactorPipeline.run(data4h, PcaConfig.of(24));
  }
}
