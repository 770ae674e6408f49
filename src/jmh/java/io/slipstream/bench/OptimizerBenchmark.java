package io.slipstream.bench;

import io.slipstream.cost.TradeCosts;
import io.slipstream.portfolio.BetaNeutralOptimizer;
import io.slipstream.portfolio.OptimizationResult;
import io.slipstream.portfolio.OptimizerConstraints;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the beta-neutral optimizer on {@code n} coins (default 200) with realistic daily magnitudes: covariance
 * from a market factor (vol 3%/day, betas around 1), two style factors and idiosyncratic vols of 2-6%/day; alpha of
 * order 1e-3 per day; linear costs around 5e-4, impact coefficients 1e-3..1e-2; gross leverage {@code L = 1},
 * risk aversion 5 (the gross limit binds). Targets (issue): closed form under 1 ms, cost-aware under 20 ms.
 * <ul>
 *   <li>{@link #closedForm}: (a), beta-neutral, rescaled to {@code L};</li>
 *   <li>{@link #costAwareRebalance}: (b), from yesterday's optimal book (alpha moved by noise of its own size);</li>
 *   <li>{@link #costAwareFromCash}: (b), from an empty book;</li>
 *   <li>{@link #costAwareDollarNeutralCapped}: (b), rebalance, dollar-neutral, {@code |w_i| <= 2%}.</li>
 * </ul>
 * The ADMM iterations and the number of solves are reported as secondary metrics {@code iterations} and
 * {@code solves} (counts per measurement iteration; iterations per solve = their ratio).
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar OptimizerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
public class OptimizerBenchmark {
  /** Number of coins. */
  @Param({"200"})
  public int n;

  private double[] cov;
  private double[] alpha;
  private double[] beta;
  private double[] prev;
  private TradeCosts costs;
  private final BetaNeutralOptimizer opt = BetaNeutralOptimizer.DEFAULT;
  private final OptimizerConstraints betaNeutral = OptimizerConstraints.grossLeverage(1.0);
  private final OptimizerConstraints capped = OptimizerConstraints.grossLeverage(1.0).withDollarNeutral(true)
      .withPositionLimit(0.02);
  private static final double GAMMA = 5.0;

  /**
   * ADMM iterations and calls of the cost-aware benchmarks, reported by JMH as secondary metrics (event counts per
   * measurement iteration; their ratio is the iterations per solve).
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Iterations {
    /** Sum of ADMM iterations over the calls of the measured iteration. */
    public long iterations;
    /** Number of solves in the measured iteration. */
    public long solves;

    /** Clears the counters before each measured iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      iterations = 0;
      solves = 0;
    }
  }

  /** Builds the seeded problem and yesterday's book. */
  @Setup
  public void setup() {
    Random rnd = new Random(20250701L);
    beta = new double[n];
    alpha = new double[n];
    double[] lin = new double[n];
    double[] imp = new double[n];
    double[][] f = new double[2][n];
    double[] idio = new double[n];
    for (int i = 0; i < n; i++) {
      beta[i] = 1 + 0.3 * rnd.nextGaussian();
      alpha[i] = 1e-3 * rnd.nextGaussian();
      lin[i] = 5e-4 * (0.5 + rnd.nextDouble());
      imp[i] = 1e-3 + 9e-3 * rnd.nextDouble();
      f[0][i] = 0.01 * rnd.nextGaussian();
      f[1][i] = 0.01 * rnd.nextGaussian();
      idio[i] = 0.02 + 0.04 * rnd.nextDouble();
    }
    cov = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = 9e-4 * beta[i] * beta[j] + f[0][i] * f[0][j] + f[1][i] * f[1][j];
        cov[i * n + j] = i == j ? v + idio[i] * idio[i] : v;
      }
    }
    costs = TradeCosts.of(lin, imp);
    double[] yesterday = new double[n];
    for (int i = 0; i < n; i++) {
      yesterday[i] = alpha[i] + 1e-3 * rnd.nextGaussian();
    }
    prev = opt.costAware(cov, yesterday, beta, new double[n], costs, GAMMA, betaNeutral).weights();
  }

  /** (a) closed form, beta-neutral, {@code sum|w| = 1}. */
  @Benchmark
  public OptimizationResult closedForm() {
    return opt.closedForm(cov, alpha, beta, betaNeutral);
  }

  /** (b) from yesterday's book, beta-neutral, {@code sum|w| <= 1}. */
  @Benchmark
  public OptimizationResult costAwareRebalance(Iterations it) {
    OptimizationResult r = opt.costAware(cov, alpha, beta, prev, costs, GAMMA, betaNeutral);
    it.iterations += r.iterations();
    it.solves++;
    return r;
  }

  /** (b) from an empty book. */
  @Benchmark
  public OptimizationResult costAwareFromCash(Iterations it) {
    OptimizationResult r = opt.costAware(cov, alpha, beta, new double[n], costs, GAMMA, betaNeutral);
    it.iterations += r.iterations();
    it.solves++;
    return r;
  }

  /** (b) from yesterday's book, dollar- and beta-neutral, position limit 2%. */
  @Benchmark
  public OptimizationResult costAwareDollarNeutralCapped(Iterations it) {
    OptimizationResult r = opt.costAware(cov, alpha, beta, prev, costs, GAMMA, capped);
    it.iterations += r.iterations();
    it.solves++;
    return r;
  }
}
