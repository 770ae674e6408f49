package io.slipstream.backtest.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/** Invariants of CSCV and of the deflated Sharpe ratio on seeded random inputs. */
class PboPropertyTest {

  /** Random T x N matrix {@code [trial][t]}: Gaussian noise, random drifts, sometimes a duplicate or a zero trial. */
  private static double[][] matrix(Random rnd, int n, int t) {
    double[][] r = new double[n][t];
    for (int i = 0; i < n; i++) {
      double drift = rnd.nextInt(3) == 0 ? rnd.nextGaussian() * 0.003 : 0;
      double vol = 0.005 + rnd.nextDouble() * 0.02;
      for (int k = 0; k < t; k++) {
        r[i][k] = drift + vol * rnd.nextGaussian();
      }
    }
    if (n > 3 && rnd.nextBoolean()) {
      r[n - 1] = r[0].clone();
    }
    if (n > 3 && rnd.nextBoolean()) {
      r[n - 2] = new double[t];
    }
    return r;
  }

  @Property(tries = 60, seed = "20240601")
  void cscv_random_pboAndLossAreProbabilitiesAndMatchBruteForce(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 12) int n, @ForAll @IntRange(min = 1, max = 4) int halfS) {
    Random rnd = new Random(seed);
    int s = 2 * halfS;
    int t = s * (2 + rnd.nextInt(6)) + rnd.nextInt(s);
    double[][] r = matrix(rnd, n, t);

    PboResult res = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, s));
    PboFixtures.Brute b = PboFixtures.bruteForce(r, s);

    assertThat(res.pbo()).isBetween(0.0, 1.0);
    assertThat(res.probabilityOfOosLoss()).isBetween(0.0, 1.0);
    assertThat(res.combinations()).isEqualTo((int) ProbabilityOfBacktestOverfitting.binomial(s, halfS));
    for (double l : res.logits()) {
      // omega in [1/(N+1), N/(N+1)]
      assertThat(Math.abs(l)).isLessThanOrEqualTo(Math.log(n) + 1e-12);
    }
    assertThat(res.pbo()).isEqualTo(b.pbo());
    assertThat(res.logits()).containsExactly(b.logits(), within(1e-12));
    assertThat(res.probabilityOfOosLoss()).isEqualTo(b.loss());
  }

  @Property(tries = 40, seed = "11")
  void cscv_oneTrialDominatesEveryBlock_pboIsZero(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 30) int n, @ForAll @IntRange(min = 1, max = 5) int halfS) {
    Random rnd = new Random(seed);
    int s = 2 * halfS;
    int t = s * (3 + rnd.nextInt(5));
    double[][] r = matrix(rnd, n, t);
    // trial k: every return shifted up by far more than any noise -> best Sharpe in any union of blocks
    int k = rnd.nextInt(n);
    for (int j = 0; j < t; j++) {
      r[k][j] = 1.0 + 0.01 * rnd.nextGaussian();
    }

    PboResult res = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, s));

    assertThat(res.pbo()).isZero();
    assertThat(res.probabilityOfOosLoss()).isZero();
    // selected = best OOS too: rank N, logit ln N
    for (double l : res.logits()) {
      assertThat(l).isCloseTo(Math.log(n), within(1e-12));
    }
  }

  @Property(tries = 40, seed = "12")
  void cscv_permutingTrials_leavesResultUnchanged(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 15) int n, @ForAll @IntRange(min = 1, max = 4) int halfS) {
    Random rnd = new Random(seed);
    int s = 2 * halfS;
    int t = s * (2 + rnd.nextInt(8));
    double[][] r = matrix(rnd, n, t);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = r[perm[i]];
    }

    PboResult a = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, s));
    PboResult b = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(p, s));

    // identical trials tie exactly, so even duplicates cannot change the outcome
    assertThat(b.pbo()).isEqualTo(a.pbo());
    assertThat(b.logits()).containsExactly(a.logits());
    assertThat(b.probabilityOfOosLoss()).isEqualTo(a.probabilityOfOosLoss());
    if (!Double.isNaN(a.degradationSlope())) {
      assertThat(b.degradationSlope()).isEqualTo(a.degradationSlope());
      assertThat(b.degradationIntercept()).isEqualTo(a.degradationIntercept());
    }
  }

  @Property(tries = 2, seed = "13")
  void cscv_parallelPath_matchesBruteForce(@ForAll @LongRange long seed) {
    // N x C = 1140 x 924 >= 2^20: the kernel splits the combination pairs over the fork-join pool
    Random rnd = new Random(seed);
    int n = 1140;
    int s = 12;
    double[][] r = matrix(rnd, n, s * 4 + rnd.nextInt(s));

    PboResult a = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, s));
    PboFixtures.Brute b = PboFixtures.bruteForce(r, s);

    assertThat(a.combinations()).isEqualTo(924);
    assertThat(a.pbo()).isEqualTo(b.pbo());
    assertThat(a.logits()).containsExactly(b.logits(), within(1e-12));
    assertThat(a.probabilityOfOosLoss()).isEqualTo(b.loss());
    assertThat(a.degradationSlope()).isCloseTo(b.slope(), within(1e-9));
    assertThat(a).isEqualTo(ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, s)));
  }

  @Property(tries = 200, seed = "14")
  void dsr_decreasesAsTrialsGrow(@ForAll @DoubleRange(min = -0.3, max = 0.3) @Scale(6) double sharpe,
      @ForAll @IntRange(min = 1, max = 100_000) int trials, @ForAll @DoubleRange(min = 1e-6, max = 0.05) @Scale(8) double v,
      @ForAll @IntRange(min = 10, max = 5000) int t, @ForAll @DoubleRange(min = -1, max = 1) double skew,
      @ForAll @DoubleRange(min = 0, max = 10) double excessKurtosis) {
    double kurt = 3 + excessKurtosis + skew * skew;
    double sr0a = DeflatedSharpe.expectedMaxSharpe(trials, v);
    double sr0b = DeflatedSharpe.expectedMaxSharpe(trials + 1 + trials / 2, v);
    double dsrA = DeflatedSharpe.probabilistic(sharpe, sr0a, t, skew, kurt);
    double dsrB = DeflatedSharpe.probabilistic(sharpe, sr0b, t, skew, kurt);

    assertThat(sr0b).isGreaterThan(sr0a);
    assertThat(dsrB).isLessThanOrEqualTo(dsrA);
    assertThat(dsrA).isBetween(0.0, 1.0);
  }

  @Property(tries = 200, seed = "15")
  void psr_sharpeEqualsBenchmark_isOneHalf(@ForAll @DoubleRange(min = -0.5, max = 0.5) double sharpe,
      @ForAll @IntRange(min = 2, max = 100_000) int t, @ForAll @DoubleRange(min = -2, max = 2) double skew,
      @ForAll @DoubleRange(min = 0, max = 20) double excessKurtosis) {
    double kurt = 3 + excessKurtosis + skew * skew;

    assertThat(DeflatedSharpe.probabilistic(sharpe, sharpe, t, skew, kurt)).isEqualTo(0.5);
    // and monotone in the estimate
    assertThat(DeflatedSharpe.probabilistic(sharpe + 0.01, sharpe, t, skew, kurt)).isGreaterThan(0.5);
  }
}
