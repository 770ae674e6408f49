package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.DataException;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * Closed form (a): hand-solved cases, numpy values from {@code tools/optim_reference.py}, a jqwik property against a
 * Commons Math LU solve on random positive definite matrices, and bad input.
 */
class BetaNeutralOptimizerClosedFormTest {
  private static final BetaNeutralOptimizer OPT = BetaNeutralOptimizer.DEFAULT;
  private static final OptimizerConstraints L1 = OptimizerConstraints.grossLeverage(1.0);

  @Test
  void closedForm_diagonalThreeAssets_matchesHandSolution() {
    // S = diag(0.01, 0.04, 0.01), beta = 1, alpha = (0.003, 0.002, -0.001):
    // S^-1 alpha = (0.3, 0.05, -0.1), S^-1 beta = (100, 25, 100), lambda = 0.25 / 225 = 1/900,
    // w* = (17/90, 1/45, -19/90), sum|w*| = 19/45, so w = (17/38, 2/38, -19/38) at L = 1
    double[] cov = {0.01, 0, 0, 0, 0.04, 0, 0, 0, 0.01};
    OptimizationResult r = OPT.closedForm(cov, new double[] {0.003, 0.002, -0.001}, new double[] {1, 1, 1}, L1);
    assertThat(r.weight(0)).isCloseTo(17.0 / 38, within(1e-15));
    assertThat(r.weight(1)).isCloseTo(2.0 / 38, within(1e-15));
    assertThat(r.weight(2)).isCloseTo(-19.0 / 38, within(1e-15));
    assertThat(r.betaMultiplier()).isCloseTo(1.0 / 900, within(1e-17));
    assertThat(r.method()).isEqualTo(OptimizationResult.Method.CLOSED_FORM);
    // expected return alpha'w = (0.003 * 17 + 0.002 * 2 + 0.001 * 19) / 38 = 0.074 / 38
    assertThat(r.objective()).isCloseTo(0.074 / 38, within(1e-17));
    assertThat(r.kktResidual()).isLessThan(1e-16);
  }

  @Test
  void closedForm_twoAssets_isTheOnlyNeutralDirectionSignedByAlpha() {
    // beta = (1, 2): the neutral line is t (2, -1); d'alpha = 2 (0.001) - 0.003 < 0, so w = -(2, -1)/3 at L = 1
    double[] cov = {0.04, 0.01, 0.01, 0.09};
    OptimizationResult r = OPT.closedForm(cov, new double[] {0.001, 0.003}, new double[] {1, 2},
        OptimizerConstraints.grossLeverage(1.5));
    assertThat(r.weight(0)).isCloseTo(-1.0, within(1e-15));
    assertThat(r.weight(1)).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void closedForm_threeAssetsDollarNeutral_isTheOnlyDirectionLeft() {
    // beta = (0.5, 1, 1.5) and 1'w = 0 leave t (1, -2, 1); d'alpha = 0.002 + 0.002 + 0.001 > 0
    double[] cov = {0.03, 0.01, 0.005, 0.01, 0.02, 0.004, 0.005, 0.004, 0.05};
    OptimizationResult r = OPT.closedForm(cov, new double[] {0.002, -0.001, 0.001}, new double[] {0.5, 1, 1.5},
        L1.withDollarNeutral(true));
    assertThat(r.weight(0)).isCloseTo(0.25, within(1e-15));
    assertThat(r.weight(1)).isCloseTo(-0.5, within(1e-15));
    assertThat(r.weight(2)).isCloseTo(0.25, within(1e-15));
  }

  // numpy.linalg.solve reference, tools/optim_reference.py, seed 20240601, n = 6
  private static final double[] COV = {0.0028173995341774054, 0.0004492360330855075, 0.0005831003926998117,
      0.0008687902637093869, 0.00036141563002058027, 0.0006475978680139257, 0.0004492360330855075,
      0.0020635763958311306, 0.0005680699583312867, 0.0007741181073740546, 0.00013407587140464735,
      0.000702232971072527, 0.0005831003926998117, 0.0005680699583312867, 0.0013023300749136065,
      0.001038846971479477, 0.0005259875202935212, 0.0006970837881821344, 0.0008687902637093869,
      0.0007741181073740546, 0.001038846971479477, 0.0022523038301479233, 0.000658656374012708,
      0.0011676989816148651, 0.00036141563002058027, 0.00013407587140464735, 0.0005259875202935212,
      0.000658656374012708, 0.001311820354941424, 0.00037248136014726805, 0.0006475978680139257,
      0.000702232971072527, 0.0006970837881821344, 0.0011676989816148651, 0.00037248136014726805,
      0.0013936425851403186};
  private static final double[] ALPHA = {-1.5652895541861434e-05, -4.655182959846793e-06, -0.0009885139058919145,
      -0.00036583041215273977, 0.0006538175542587454, -0.0007145507176945845};
  private static final double[] BETA = {0.6814106076394488, 0.8906293630092761, 0.873994431341448,
      1.2062527338085567, 0.4302652112319423, 0.9425893932082872};

  @Test
  void closedForm_denseSixAssets_matchesNumpy() {
    double[] expected = {0.041680917386240565, 0.13054741573334186, -0.31060847794917, 0.11024805218832606,
        0.2748767242756963, -0.1320384124672252};
    OptimizationResult r = OPT.closedForm(COV, ALPHA, BETA, L1);
    for (int i = 0; i < 6; i++) {
      assertThat(r.weight(i)).as("w%d", i).isCloseTo(expected[i], within(1e-13));
    }
    assertThat(r.betaMultiplier()).isCloseTo(-0.00056718164099284, within(1e-16));
  }

  @Test
  void closedForm_denseSixAssetsDollarNeutral_matchesNumpy() {
    double[] expected = {0.01281045443402209, 0.11520018657310561, -0.3355767233918272, 0.22795713908265208,
        0.14403221991022022, -0.16442327660817277};
    OptimizationResult r = OPT.closedForm(COV, ALPHA, BETA, L1.withDollarNeutral(true));
    for (int i = 0; i < 6; i++) {
      assertThat(r.weight(i)).as("w%d", i).isCloseTo(expected[i], within(1e-13));
    }
    assertThat(r.betaMultiplier()).isCloseTo(-0.00151637568537894, within(1e-16));
    assertThat(r.dollarMultiplier()).isCloseTo(0.00089696184851399, within(1e-16));
  }

  /** Random SPD matrix B B'/k + diag(d) times 1e-3, condition numbers up to about 1e5. */
  static double[] randomSpd(Random rnd, int n) {
    int k = 1 + rnd.nextInt(n + 2);
    double[][] b = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        b[i][j] = rnd.nextGaussian();
      }
    }
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = 0;
        for (int l = 0; l < k; l++) {
          v += b[i][l] * b[j][l];
        }
        v /= k;
        if (i == j) {
          v += Math.pow(10, -4 + 4 * rnd.nextDouble());
        }
        s[i * n + j] = 1e-3 * v;
        s[j * n + i] = 1e-3 * v;
      }
    }
    return s;
  }

  @Property(tries = 200, seed = "31337")
  void closedForm_randomSpd_neutralGrossLAndEqualToLuSolve(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 40) int n) {
    Random rnd = new Random(seed);
    double[] cov = randomSpd(rnd, n);
    double[] alpha = new double[n];
    double[] beta = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = 1e-3 * rnd.nextGaussian();
      beta[i] = rnd.nextInt(8) == 0 ? 0.0 : 1 + 0.5 * rnd.nextGaussian();
    }
    beta[rnd.nextInt(n)] = 1.0;
    boolean dollar = n >= 3 && rnd.nextBoolean();
    double lev = 0.1 + 4.9 * rnd.nextDouble();
    OptimizationResult r = OPT.closedForm(cov, alpha, beta,
        OptimizerConstraints.grossLeverage(lev).withDollarNeutral(dollar));
    double[] w = r.weights();

    double bw = 0;
    double sum = 0;
    double gross = 0;
    for (int i = 0; i < n; i++) {
      bw += beta[i] * w[i];
      sum += w[i];
      gross += Math.abs(w[i]);
    }
    assertThat(Math.abs(bw)).as("|beta'w|").isLessThanOrEqualTo(1e-10);
    if (dollar) {
      assertThat(Math.abs(sum)).as("|1'w|").isLessThanOrEqualTo(1e-10);
    }
    assertThat(gross).isCloseTo(lev, within(1e-12 * lev));

    // independent: Commons Math LU, w* = S^-1 (alpha - A' nu), nu = (A S^-1 A')^-1 A S^-1 alpha
    RealMatrix s = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s.setEntry(i, j, cov[i * n + j]);
      }
    }
    DecompositionSolver lu = new LUDecomposition(s).getSolver();
    int m = dollar ? 2 : 1;
    RealMatrix a = new Array2DRowRealMatrix(m, n);
    a.setRow(0, beta);
    if (dollar) {
      a.setRow(1, ones(n));
    }
    RealVector sa = lu.solve(new ArrayRealVector(alpha));
    RealMatrix sat = lu.solve(a.transpose());
    RealVector nu = new LUDecomposition(a.multiply(sat)).getSolver().solve(a.operate(sa));
    RealVector ref = sa.subtract(sat.operate(nu));
    ref = ref.mapMultiply(lev / ref.getL1Norm());
    for (int i = 0; i < n; i++) {
      assertThat(w[i]).as("w%d vs LU", i).isCloseTo(ref.getEntry(i), within(1e-8 * lev));
    }
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    java.util.Arrays.fill(o, 1.0);
    return o;
  }

  // -----------------------------------------------------------------------------------------------------------
  // bad input

  @Test
  void closedForm_nonFiniteInputs_throwNamingTheEntry() {
    double[] cov = COV.clone();
    cov[2 * 6 + 4] = Double.NaN;
    assertThatThrownBy(() -> OPT.closedForm(cov, ALPHA, BETA, L1)).isInstanceOf(DataException.class)
        .hasMessageContaining("covariance entry (2, 4)");
    double[] allNan = COV.clone();
    java.util.Arrays.fill(allNan, 3 * 6, 4 * 6, Double.NaN);
    assertThatThrownBy(() -> OPT.closedForm(allNan, ALPHA, BETA, L1)).isInstanceOf(DataException.class)
        .hasMessageContaining("covariance row 3").hasMessageContaining("entirely non-finite");
    double[] inf = BETA.clone();
    inf[5] = Double.POSITIVE_INFINITY;
    assertThatThrownBy(() -> OPT.closedForm(COV, ALPHA, inf, L1)).isInstanceOf(DataException.class)
        .hasMessageContaining("beta of coin 5");
    double[] nanAlpha = ALPHA.clone();
    nanAlpha[0] = Double.NaN;
    assertThatThrownBy(() -> OPT.closedForm(COV, nanAlpha, BETA, L1)).isInstanceOf(DataException.class)
        .hasMessageContaining("alpha of coin 0");
  }

  @Test
  void closedForm_badCovariance_throwsSayingWhichAndWhy() {
    double[] asym = COV.clone();
    asym[1] += 1e-4;
    assertThatThrownBy(() -> OPT.closedForm(asym, ALPHA, BETA, L1)).isInstanceOf(DataException.class)
        .hasMessageContaining("not symmetric").hasMessageContaining("(1, 0)");
    double[] zeroVar = COV.clone();
    zeroVar[2 * 6 + 2] = 0.0;
    assertThatThrownBy(() -> OPT.closedForm(zeroVar, ALPHA, BETA, L1)).isInstanceOf(DataException.class)
        .hasMessageContaining("variance of coin 2");
    // indefinite with a positive diagonal: correlation 1.5 between coins 0 and 1
    double[] indefinite = {0.01, 0.015, 0, 0.015, 0.01, 0, 0, 0, 0.01};
    assertThatThrownBy(() -> OPT.closedForm(indefinite, new double[] {1e-3, 0, -1e-3}, new double[] {1, 1, 1}, L1))
        .isInstanceOf(DataException.class).hasMessageContaining("not positive definite")
        .hasMessageContaining("Cholesky pivot of coin 1");
    // exactly singular: coin 2 = coin 0 + coin 1 (rank 2)
    double[] singular = {0.01, 0.002, 0.012, 0.002, 0.02, 0.022, 0.012, 0.022, 0.034};
    assertThatThrownBy(() -> OPT.closedForm(singular, new double[] {1e-3, 0, -1e-3}, new double[] {1, 1, 1}, L1))
        .isInstanceOf(DataException.class).hasMessageContaining("coin 2");
  }

  @Test
  void closedForm_degenerateBetaOrAlpha_throws() {
    assertThatThrownBy(() -> OPT.closedForm(COV, ALPHA, new double[6], L1)).isInstanceOf(DataException.class)
        .hasMessageContaining("beta is zero for every coin");
    assertThatThrownBy(() -> OPT.closedForm(COV, new double[6], BETA, L1))
        .isInstanceOf(OptimizationException.class).hasMessageContaining("alpha is zero");
    double[] collinear = BetaNeutralOptimizerCostAwareTest.scaled(BETA, 3e-4);
    assertThatThrownBy(() -> OPT.closedForm(COV, collinear, BETA, L1))
        .isInstanceOf(OptimizationException.class).hasMessageContaining("no beta-neutral bet");
    // dollar-neutral and beta-neutral with two coins: only w = 0 is neutral
    assertThatThrownBy(() -> OPT.closedForm(new double[] {0.01, 0, 0, 0.02}, new double[] {1e-3, -1e-3},
        new double[] {1, 2}, L1.withDollarNeutral(true)))
        .isInstanceOf(OptimizationException.class).hasMessageContaining("no beta-neutral bet");
  }

  @Test
  void closedForm_badArguments_throwIllegalArgument() {
    assertThatThrownBy(() -> OPT.closedForm(COV, ALPHA, BETA, L1.withPositionLimit(0.1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no per-asset bounds");
    assertThatThrownBy(() -> OPT.closedForm(new double[35], ALPHA, BETA, L1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covariance").hasMessageContaining("36");
    assertThatThrownBy(() -> OPT.closedForm(COV, ALPHA, new double[] {1, 1}, L1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
    assertThatThrownBy(() -> OPT.closedForm(new double[0], new double[0], new double[0], L1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    assertThatThrownBy(() -> OptimizerConstraints.grossLeverage(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grossLeverage");
  }
}
