package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.DataException;
import io.slipstream.cost.TradeCosts;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Cost-aware problem (b): independent references (scipy SLSQP values from {@code tools/optim_reference.py}, the
 * unconstrained formula solved with Commons Math, hand-built infeasible cases), an independent KKT check, bad input.
 * Also holds the helpers the property test shares (random problems, the KKT check, an ojAlgo QP).
 */
class BetaNeutralOptimizerCostAwareTest {
  static final BetaNeutralOptimizer OPT = BetaNeutralOptimizer.DEFAULT;

  static {
    // ojAlgo prints a hardware-profile banner when it first loads (its BasicLogger.DEBUG wraps System.out at class
    // load): load it with System.out muted so that the tests stay silent
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      assertThat(org.ojalgo.OjAlgoUtils.ENVIRONMENT).isNotNull();
    } finally {
      System.setOut(out);
    }
  }

  /** One problem instance; {@code lo/hi} are the effective bounds (infinite when none). */
  record Problem(double[] cov, double[] alpha, double[] beta, double[] prev, double[] lin, double[] imp,
      double gamma, OptimizerConstraints cons) {
    int n() {
      return alpha.length;
    }

    TradeCosts costs() {
      return TradeCosts.of(lin, imp);
    }

    double[] lo() {
      return cons.lowerBounds(n());
    }

    double[] hi() {
      return cons.upperBounds(n());
    }

    OptimizationResult solve(BetaNeutralOptimizer opt) {
      return opt.costAware(cov, alpha, beta, prev, costs(), gamma, cons);
    }

    Problem withCosts(double[] linear, double[] impact) {
      return new Problem(cov, alpha, beta, prev, linear, impact, gamma, cons);
    }
  }

  // -----------------------------------------------------------------------------------------------------------
  // helpers shared with the property test

  /** Random covariance: market beta beta' sigma_m^2 + two factors + idiosyncratic, daily-ish magnitudes. */
  static double[] factorCovariance(Random rnd, double[] beta) {
    int n = beta.length;
    double[][] f = new double[2][n];
    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < n; i++) {
        f[k][i] = 0.01 * rnd.nextGaussian();
      }
    }
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = 9e-4 * beta[i] * beta[j] + f[0][i] * f[0][j] + f[1][i] * f[1][j];
        if (i == j) {
          double idio = 0.02 + 0.04 * rnd.nextDouble();
          v += idio * idio;
        }
        s[i * n + j] = v;
      }
    }
    return s;
  }

  /**
   * A random problem: {@code n} coins, costs with (impact) or without impact, optional dollar-neutrality, optional
   * bounds that contain 0, a gross limit that sometimes binds.
   */
  static Problem randomProblem(Random rnd, int n, boolean impact) {
    double[] beta = new double[n];
    double[] alpha = new double[n];
    double[] prev = new double[n];
    double[] lin = new double[n];
    double[] imp = new double[n];
    double alphaScale = 1e-3 * Math.exp(rnd.nextGaussian());
    for (int i = 0; i < n; i++) {
      beta[i] = 1 + 0.4 * rnd.nextGaussian();
      alpha[i] = alphaScale * rnd.nextGaussian();
      prev[i] = rnd.nextInt(4) == 0 ? 0.0 : 0.05 * rnd.nextGaussian();
      lin[i] = rnd.nextInt(6) == 0 ? 0.0 : 5e-4 * (0.2 + rnd.nextDouble());
      imp[i] = impact ? 1e-3 + 9e-3 * rnd.nextDouble() : 0.0;
    }
    double[] cov = factorCovariance(rnd, beta);
    double gamma = Math.exp(Math.log(0.5) + rnd.nextDouble() * Math.log(400));
    double lev = 0.1 + rnd.nextDouble() * 1.9;
    OptimizerConstraints cons = OptimizerConstraints.grossLeverage(lev).withDollarNeutral(rnd.nextBoolean());
    int b = rnd.nextInt(3);
    if (b == 1) {
      cons = cons.withPositionLimit(lev / Math.max(2, n / 2.0) * (0.5 + rnd.nextDouble()));
    } else if (b == 2) {
      double[] lo = new double[n];
      double[] hi = new double[n];
      for (int i = 0; i < n; i++) {
        lo[i] = rnd.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : -0.3 * rnd.nextDouble();
        hi[i] = rnd.nextInt(3) == 0 ? Double.POSITIVE_INFINITY : 0.3 * rnd.nextDouble();
      }
      cons = cons.withBounds(lo, hi);
    }
    return new Problem(cov, alpha, beta, prev, lin, imp, gamma, cons);
  }

  /** {@code max(|alpha|_inf, gamma max S_ii L, max c_i, max lambda_i sqrt(L))}: the scale of the gradient. */
  static double scale(Problem pr) {
    int n = pr.n();
    double lev = pr.cons().grossLeverage();
    double sc = 0;
    for (int i = 0; i < n; i++) {
      sc = Math.max(sc, Math.abs(pr.alpha()[i]));
      sc = Math.max(sc, pr.gamma() * pr.cov()[i * n + i] * lev);
      sc = Math.max(sc, pr.lin()[i]);
      sc = Math.max(sc, pr.imp()[i] * Math.sqrt(lev));
    }
    return sc;
  }

  /**
   * The rebalance after one bar: the solved book {@code w} drifts with 3% normal returns per coin (renormalised by
   * the book's return, as the ledger does), and all costs are scaled by {@code exp(N(0, 1.5^2))}.
   */
  static Problem driftedRebalance(Random rnd, Problem first, double[] w) {
    int n = w.length;
    double[] drifted = new double[n];
    double g = 0;
    for (int i = 0; i < n; i++) {
      double ret = 0.03 * rnd.nextGaussian();
      drifted[i] = w[i] * (1 + ret);
      g += w[i] * ret;
    }
    for (int i = 0; i < n; i++) {
      drifted[i] /= 1 + g;
    }
    double k = Math.exp(rnd.nextGaussian() * 1.5);
    Problem pr = new Problem(first.cov(), first.alpha(), first.beta(), drifted, scaled(first.lin(), k),
        scaled(first.imp(), k), first.gamma(), first.cons());
    return pr;
  }

  /**
   * Independent KKT check of {@code min -alpha'w + gamma/2 w'Sw + C(w - p)} s.t. {@code beta'w = 0, [1'w = 0],
   * sum|w| <= L, lo <= w <= hi}, at the returned weights with the returned multipliers: per coin the distance of
   * {@code alpha - gamma (S w)_i - nuB beta_i - nuD} from the subdifferential interval of
   * {@code C_i + mu |.| + bound indicator}; plus {@code mu < 0} and {@code mu (L - sum|w|) / L}.
   */
  static double kkt(Problem pr, OptimizationResult r) {
    int n = pr.n();
    double[] w = r.weights();
    double[] lo = pr.lo();
    double[] hi = pr.hi();
    double mu = r.grossMultiplier();
    double worst = Math.max(0, -mu);
    double gross = 0;
    for (int i = 0; i < n; i++) {
      double sw = 0;
      for (int j = 0; j < n; j++) {
        sw += pr.cov()[i * n + j] * w[j];
      }
      double need = pr.alpha()[i] - pr.gamma() * sw - r.betaMultiplier() * pr.beta()[i] - r.dollarMultiplier();
      double dw = w[i] - pr.prev()[i];
      double slopeL;
      double slopeR;
      double marg = pr.lin()[i] + 1.5 * pr.imp()[i] * Math.sqrt(Math.abs(dw));
      if (dw == 0) {
        slopeL = -pr.lin()[i];
        slopeR = pr.lin()[i];
      } else {
        slopeL = Math.signum(dw) * marg;
        slopeR = slopeL;
      }
      if (w[i] == 0) {
        slopeL -= mu;
        slopeR += mu;
      } else {
        slopeL += Math.signum(w[i]) * mu;
        slopeR += Math.signum(w[i]) * mu;
      }
      if (w[i] == lo[i]) {
        slopeL = Double.NEGATIVE_INFINITY;
      }
      if (w[i] == hi[i]) {
        slopeR = Double.POSITIVE_INFINITY;
      }
      worst = Math.max(worst, Math.max(slopeL - need, need - slopeR));
      gross += Math.abs(w[i]);
    }
    double lev = pr.cons().grossLeverage();
    return Math.max(worst, mu * Math.max(0, lev - gross) / lev);
  }

  /** Constraints of the returned weights with the test's tolerances (1e-10 for the equalities). */
  static void assertFeasible(Problem pr, double[] w) {
    double bw = 0;
    double sum = 0;
    double gross = 0;
    double[] lo = pr.lo();
    double[] hi = pr.hi();
    for (int i = 0; i < w.length; i++) {
      assertThat(Double.isFinite(w[i])).as("weight %d finite", i).isTrue();
      bw += pr.beta()[i] * w[i];
      sum += w[i];
      gross += Math.abs(w[i]);
      assertThat(w[i]).as("bounds of coin %d", i).isBetween(lo[i], hi[i]);
    }
    assertThat(Math.abs(bw)).as("|beta'w|").isLessThanOrEqualTo(1e-10);
    if (pr.cons().dollarNeutral()) {
      assertThat(Math.abs(sum)).as("|1'w|").isLessThanOrEqualTo(1e-10);
    }
    assertThat(gross).as("sum|w|").isLessThanOrEqualTo(pr.cons().grossLeverage() + 1e-9);
  }

  /** {@code alpha'w - gamma/2 w'Sw - C(w - p)} computed here. */
  static double objective(Problem pr, double[] w) {
    int n = pr.n();
    double v = 0;
    for (int i = 0; i < n; i++) {
      double sw = 0;
      for (int j = 0; j < n; j++) {
        sw += pr.cov()[i * n + j] * w[j];
      }
      double d = Math.abs(w[i] - pr.prev()[i]);
      v += pr.alpha()[i] * w[i] - 0.5 * pr.gamma() * w[i] * sw - pr.lin()[i] * d - pr.imp()[i] * Math.pow(d, 1.5);
    }
    return v;
  }

  /**
   * ojAlgo's convex QP solver on the QP form of a problem without impact: variables {@code w, u, v, a, b} with
   * {@code w - u + v = p}, {@code w - a + b = 0}, {@code u, v, a, b >= 0}, {@code sum(a + b) <= L}, minimising
   * {@code -alpha'w + gamma/2 w'Sw + c'(u + v)}. The objective is multiplied by {@code 1/scale} so that ojAlgo's
   * absolute tolerances see numbers of order 1.
   */
  static double[] ojAlgoQp(Problem pr) {
    int n = pr.n();
    double k = 1 / scale(pr);
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    double[] lo = pr.lo();
    double[] hi = pr.hi();
    Variable[] w = new Variable[n];
    Variable[] u = new Variable[n];
    Variable[] v = new Variable[n];
    Variable[] a = new Variable[n];
    Variable[] b = new Variable[n];
    for (int i = 0; i < n; i++) {
      w[i] = model.addVariable("w" + i).weight(-pr.alpha()[i] * k);
      if (lo[i] > Double.NEGATIVE_INFINITY) {
        w[i].lower(lo[i]);
      }
      if (hi[i] < Double.POSITIVE_INFINITY) {
        w[i].upper(hi[i]);
      }
      u[i] = model.addVariable("u" + i).lower(0).weight(pr.lin()[i] * k);
      v[i] = model.addVariable("v" + i).lower(0).weight(pr.lin()[i] * k);
      a[i] = model.addVariable("a" + i).lower(0);
      b[i] = model.addVariable("b" + i).lower(0);
    }
    Expression risk = model.addExpression("risk").weight(0.5 * pr.gamma() * k);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        risk.set(w[i], w[j], pr.cov()[i * n + j]);
      }
    }
    for (int i = 0; i < n; i++) {
      Expression trade = model.addExpression("trade" + i).level(pr.prev()[i]);
      trade.set(w[i], 1).set(u[i], -1).set(v[i], 1);
      Expression split = model.addExpression("split" + i).level(0);
      split.set(w[i], 1).set(a[i], -1).set(b[i], 1);
    }
    Expression gross = model.addExpression("gross").upper(pr.cons().grossLeverage());
    Expression neutral = model.addExpression("beta").level(0);
    Expression dollar = pr.cons().dollarNeutral() ? model.addExpression("dollar").level(0) : null;
    for (int i = 0; i < n; i++) {
      gross.set(a[i], 1).set(b[i], 1);
      neutral.set(w[i], pr.beta()[i]);
      if (dollar != null) {
        dollar.set(w[i], 1);
      }
    }
    Optimisation.Result res = model.minimise();
    assertThat(res.getState().isOptimal()).as("ojAlgo state %s", res.getState()).isTrue();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = w[i].getValue().doubleValue();
    }
    return out;
  }

  // -----------------------------------------------------------------------------------------------------------
  // reference values (tools/optim_reference.py, scipy SLSQP on the smooth reformulation, best of 8 starts)

  private static final double[] COV = {0.0029686459853351067, 0.00111613736820057, 0.0010352208138707363,
      0.0007841583401084924, 0.0010046017712014082, 0.00111613736820057, 0.004768300114774625, 0.00112864811875942,
      0.0005972280518323042, 0.0010563681250429927, 0.0010352208138707363, 0.00112864811875942,
      0.0037503923608432164, 0.0005336540863337189, 0.0010042224590061683, 0.0007841583401084924,
      0.0005972280518323042, 0.0005336540863337189, 0.0026625120617353197, 0.0005569629852868542,
      0.0010046017712014082, 0.0010563681250429927, 0.0010042224590061683, 0.0005569629852868542,
      0.00449420267510522};
  private static final double[] ALPHA = {-0.0018417350377917324, -0.00023509113107468126, -0.0012674464814437032,
      0.00027126435882170153, 0.00015675108662422516};
  private static final double[] BETA = {1.1469526150555596, 1.1070661024480182, 1.0316242746993696,
      0.7208595865875387, 0.9912244532610179};
  private static final double[] PREV = {-0.009346547231497719, -0.12583798554102565, -0.026934644792331833,
      -0.0024250472700535993, 0.005665449300165378};
  private static final double[] LIN = {0.0004984367176967522, 0.0003737574610136654, 0.00025589701277125296,
      0.0003462010719926553, 0.0005960160604409196};
  private static final double[] IMP = {0.0028054605158829567, 0.00432582679541986, 0.0010336081784686835,
      0.008470429568215709, 0.0023901497295529587};

  @Test
  void costAware_impactNoBounds_matchesScipyReference() {
    Problem pr = new Problem(COV, ALPHA, BETA, PREV, LIN, IMP, 20.0, OptimizerConstraints.grossLeverage(1.0));
    OptimizationResult r = pr.solve(OPT);
    double[] expected = {-0.008566264771783088, -0.010291029046867767, 0.002698324294933044, 0.00482936941797056,
        0.015085377548319893};
    assertThat(r.converged()).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(r.weight(i)).as("w%d", i).isCloseTo(expected[i], within(1e-7));
    }
    assertThat(r.objective()).isCloseTo(-0.00023735306050770002, within(1e-11));
    assertThat(objective(pr, r.weights())).isCloseTo(r.objective(), within(1e-15));
    assertFeasible(pr, r.weights());
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
  }

  @Test
  void costAware_impactBindingGrossBoundsDollarNeutral_matchesScipyReference() {
    double[] alpha = ALPHA.clone();
    for (int i = 0; i < 5; i++) {
      alpha[i] *= 10;
    }
    double[] lo = new double[5];
    double[] hi = new double[5];
    Arrays.fill(lo, -0.2);
    Arrays.fill(hi, 0.2);
    OptimizerConstraints cons = OptimizerConstraints.grossLeverage(0.5).withDollarNeutral(true).withBounds(lo, hi);
    Problem pr = new Problem(COV, alpha, BETA, PREV, LIN, IMP, 0.5, cons);
    OptimizationResult r = pr.solve(OPT);
    double[] expected = {-0.04543506707697877, 0.12017513891744637, -0.2, -0.004564932923021529,
        0.12982486108255395};
    for (int i = 0; i < 5; i++) {
      assertThat(r.weight(i)).as("w%d", i).isCloseTo(expected[i], within(1e-7));
    }
    assertThat(r.weight(2)).as("lower bound binds exactly").isEqualTo(-0.2);
    assertThat(r.objective()).isCloseTo(0.0022688854269743773, within(1e-11));
    assertThat(r.grossLeverage()).isCloseTo(0.5, within(1e-12));
    assertThat(r.grossMultiplier()).isPositive();
    assertFeasible(pr, r.weights());
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
  }

  @Test
  void costAware_zeroCostsSlackLimit_equalsUnconstrainedFormula() {
    // w = S^-1 (alpha - nu beta) / gamma, nu = alpha'S^-1 beta / beta'S^-1 beta, solved here with Commons Math LU
    Random rnd = new Random(11);
    int n = 8;
    double[] beta = new double[n];
    double[] alpha = new double[n];
    for (int i = 0; i < n; i++) {
      beta[i] = 1 + 0.3 * rnd.nextGaussian();
      alpha[i] = 1e-3 * rnd.nextGaussian();
    }
    double[] cov = factorCovariance(rnd, beta);
    double gamma = 50;
    RealMatrix s = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s.setEntry(i, j, cov[i * n + j]);
      }
    }
    LUDecomposition lu = new LUDecomposition(s);
    RealVector sa = lu.getSolver().solve(new ArrayRealVector(alpha));
    RealVector sb = lu.getSolver().solve(new ArrayRealVector(beta));
    double nu = sa.dotProduct(new ArrayRealVector(beta)) / sb.dotProduct(new ArrayRealVector(beta));
    RealVector expected = sa.subtract(sb.mapMultiply(nu)).mapDivide(gamma);
    double gross = expected.getL1Norm();
    Problem pr = new Problem(cov, alpha, beta, new double[n], new double[n], new double[n], gamma,
        OptimizerConstraints.grossLeverage(gross * 2));
    OptimizationResult r = pr.solve(OPT);
    for (int i = 0; i < n; i++) {
      assertThat(r.weight(i)).as("w%d", i).isCloseTo(expected.getEntry(i), within(1e-12));
    }
    assertThat(r.betaMultiplier()).isCloseTo(nu, within(1e-14));
    assertThat(r.grossMultiplier()).isZero();
    assertThat(r.tradingCost()).isZero();
  }

  @Test
  void costAware_prohibitiveCosts_keepsFeasiblePreviousWeightsExactly() {
    // previous book already beta-neutral and within L: with costs far above any alpha, no trade is optimal
    double[] beta = {1.0, 2.0, 0.5};
    double[] prev = {0.2, -0.15, 0.2};
    double[] cov = {0.002, 0.0005, 0.0003, 0.0005, 0.003, 0.0004, 0.0003, 0.0004, 0.0025};
    double[] alpha = {0.001, -0.002, 0.0005};
    Problem pr = new Problem(cov, alpha, beta, prev, new double[] {0.1, 0.1, 0.1}, new double[] {0.1, 0.1, 0.1},
        1.0, OptimizerConstraints.grossLeverage(1.0));
    OptimizationResult r = pr.solve(OPT);
    assertThat(r.weights()).containsExactly(prev);
    assertThat(r.turnover()).isZero();
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
  }

  @Test
  void costAware_positionLimit_bindsAndHolds() {
    Random rnd = new Random(3);
    Problem base = randomProblem(rnd, 12, true);
    Problem pr = new Problem(base.cov(), scaled(base.alpha(), 20), base.beta(), base.prev(), base.lin(),
        base.imp(), 1.0, OptimizerConstraints.grossLeverage(2.0).withPositionLimit(0.1));
    OptimizationResult r = pr.solve(OPT);
    assertFeasible(pr, r.weights());
    long atLimit = Arrays.stream(r.weights()).filter(w -> Math.abs(w) == 0.1).count();
    assertThat(atLimit).as("coins at the position limit").isPositive();
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
  }

  @Test
  void costAware_betaParallelToDollar_dollarNeutralIsTheSameConstraint() {
    double[] beta = {1.2, 1.2, 1.2, 1.2};
    double[] cov = {0.002, 0.0005, 0.0003, 0.0002, 0.0005, 0.003, 0.0004, 0.0001, 0.0003, 0.0004, 0.0025, 0.0002,
        0.0002, 0.0001, 0.0002, 0.0018};
    double[] alpha = {0.001, -0.002, 0.0005, 0.0003};
    Problem pr = new Problem(cov, alpha, beta, new double[4], new double[] {5e-4, 5e-4, 5e-4, 5e-4},
        new double[] {2e-3, 2e-3, 2e-3, 2e-3}, 5.0, OptimizerConstraints.grossLeverage(1.0).withDollarNeutral(true));
    OptimizationResult r = pr.solve(OPT);
    assertFeasible(pr, r.weights());
    assertThat(r.dollarMultiplier()).isZero();
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
  }

  @Test
  void costAware_instanceWhereOjAlgoStopsEarly_oursIsFeasibleKktOptimalAndBetter() {
    // ojAlgo 55.0.1 reports OPTIMAL for the QP form of this seeded instance (n = 6, dollar-neutral, per-asset bounds,
    // no impact) at a point whose objective is lower than ours by about 0.39 x scale x L; ours is feasible and meets
    // the KKT conditions, which certify optimality for a convex problem. Documents why the ojAlgo property is seeded.
    Random rnd = new Random(167);
    int n = 2 + rnd.nextInt(7);
    Problem pr = randomProblem(rnd, n, false);
    OptimizationResult r = pr.solve(OPT);
    double[] oj = ojAlgoQp(pr);
    assertFeasible(pr, r.weights());
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
    assertThat(r.objective()).isGreaterThan(objective(pr, oj) + 1e-4);
  }

  /**
   * Yesterday's optimal book drifted by one day of returns (3% vol), costs rescaled: the book is slightly off
   * neutral. In these seeded cases ADMM's z sits still at the no-trade kinks while x - z stays small, and the solve
   * only finishes because rho is raised when z does not move (with plain residual balancing they ran out of 20,000
   * iterations).
   */
  @Test
  void costAware_driftedBook_convergesWhereZStallsAtKinks() {
    for (long seed : new long[] {248 + 555, 1005 + 555, 2980 + 555}) {
      Random rnd = new Random(seed);
      int n = 2 + rnd.nextInt(30);
      Problem first = randomProblem(rnd, n, rnd.nextBoolean());
      double[] w = first.solve(OPT).weights();
      Problem pr = driftedRebalance(rnd, first, w);
      OptimizationResult r = pr.solve(OPT);
      assertThat(r.converged()).isTrue();
      assertThat(r.iterations()).as("seed %d", seed).isLessThan(5000);
      assertFeasible(pr, r.weights());
      assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
    }
  }

  // -----------------------------------------------------------------------------------------------------------
  // infeasibility and non-convergence

  @Test
  void costAware_boundsForceGrossAboveLimit_throwsInfeasible() {
    Problem base = new Problem(COV, ALPHA, BETA, PREV, LIN, IMP, 5.0, OptimizerConstraints.grossLeverage(0.5)
        .withBounds(new double[] {0.3, -1, -1, -1, -1}, new double[] {1, -0.3, 1, 1, 1}));
    assertThatThrownBy(() -> base.solve(OPT)).isInstanceOf(InfeasibleProblemException.class)
        .hasMessageContaining("force a gross leverage").hasMessageContaining("0.6");
  }

  @Test
  void costAware_boundsExcludeBetaNeutrality_throwsInfeasible() {
    // all betas positive and every weight forced >= 0.01: beta'w > 0 for every admissible w
    double[] lo = {0.01, 0.01, 0.01, 0.01, 0.01};
    double[] hi = {1, 1, 1, 1, 1};
    Problem pr = new Problem(COV, ALPHA, BETA, PREV, LIN, IMP, 5.0,
        OptimizerConstraints.grossLeverage(1.0).withBounds(lo, hi));
    assertThatThrownBy(() -> pr.solve(OPT)).isInstanceOf(InfeasibleProblemException.class)
        .hasMessageContaining("beta'w = 0 is impossible");
  }

  @Test
  void costAware_betaAndDollarJointlyInfeasible_throwsInfeasibleFromCertificate() {
    // beta = (1, 2, 3) and 1'w = 0 leave only w = t (1, -2, 1); w1 >= 0.1 needs t >= 0.1, |w3| <= 0.05 needs
    // t <= 0.05. Each equality alone is satisfiable within the bounds and the gross limit.
    double[] cov = {0.002, 0.0005, 0.0003, 0.0005, 0.003, 0.0004, 0.0003, 0.0004, 0.0025};
    double[] lo = {0.1, -1, -0.05};
    double[] hi = {0.2, 1, 0.05};
    Problem pr = new Problem(cov, new double[] {0.001, -0.001, 0.0005}, new double[] {1, 2, 3}, new double[3],
        new double[] {5e-4, 5e-4, 5e-4}, new double[] {1e-3, 1e-3, 1e-3}, 2.0,
        OptimizerConstraints.grossLeverage(1.0).withDollarNeutral(true).withBounds(lo, hi));
    assertThatThrownBy(() -> pr.solve(OPT)).isInstanceOf(InfeasibleProblemException.class)
        .hasMessageContaining("no common point");
  }

  @Test
  void costAware_boundsFeasibleButExcludingZero_solves() {
    // same structure, t in [0.1, 0.2] allowed by every bound: w = t (1, -2, 1), forced long in coin 0
    double[] cov = {0.002, 0.0005, 0.0003, 0.0005, 0.003, 0.0004, 0.0003, 0.0004, 0.0025};
    double[] lo = {0.1, -1, -0.5};
    double[] hi = {0.2, 1, 0.5};
    Problem pr = new Problem(cov, new double[] {0.001, -0.001, 0.0005}, new double[] {1, 2, 3}, new double[3],
        new double[] {5e-4, 5e-4, 5e-4}, new double[] {1e-3, 1e-3, 1e-3}, 2.0,
        OptimizerConstraints.grossLeverage(1.0).withDollarNeutral(true).withBounds(lo, hi));
    OptimizationResult r = pr.solve(OPT);
    assertFeasible(pr, r.weights());
    assertThat(r.weight(1)).isCloseTo(-2 * r.weight(0), within(1e-12));
    assertThat(r.weight(0)).isBetween(0.1, 0.2);
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
  }

  @Test
  void costAware_emptyBoundAfterPositionLimit_throwsInfeasible() {
    Problem pr = new Problem(COV, ALPHA, BETA, PREV, LIN, IMP, 5.0, OptimizerConstraints.grossLeverage(1.0)
        .withBounds(new double[] {-1, 0.2, -1, -1, -1}, new double[] {1, 1, 1, 1, 1}).withPositionLimit(0.1));
    assertThatThrownBy(() -> pr.solve(OPT)).isInstanceOf(InfeasibleProblemException.class)
        .hasMessageContaining("coin 1");
  }

  @Test
  void costAware_iterationBudgetTooSmall_throwsOrFlags() {
    Problem pr = new Problem(COV, scaled(ALPHA, 10), BETA, PREV, LIN, IMP, 0.5,
        OptimizerConstraints.grossLeverage(0.5).withDollarNeutral(true));
    BetaNeutralOptimizer tiny = OPT.withMaxIterations(2);
    assertThatThrownBy(() -> pr.solve(tiny)).isInstanceOf(OptimizationException.class)
        .isNotInstanceOf(InfeasibleProblemException.class).hasMessageContaining("did not converge in 2");
    OptimizationResult r = pr.solve(tiny.withFailOnNonConvergence(false));
    assertThat(r.converged()).isFalse();
    assertThat(r.method()).isEqualTo(OptimizationResult.Method.COST_AWARE_ADMM);
    assertThat(r.kktResidual()).isGreaterThan(1e-9 * scale(pr));
    assertThat(Arrays.stream(r.weights()).allMatch(Double::isFinite)).isTrue();
  }

  // -----------------------------------------------------------------------------------------------------------
  // bad input

  @Test
  void costAware_badInput_throwsNamingTheProblem() {
    OptimizerConstraints cons = OptimizerConstraints.grossLeverage(1.0);
    TradeCosts costs = TradeCosts.of(LIN, IMP);
    double[] nanPrev = PREV.clone();
    nanPrev[3] = Double.NaN;
    assertThatThrownBy(() -> OPT.costAware(COV, ALPHA, BETA, nanPrev, costs, 1.0, cons))
        .isInstanceOf(DataException.class).hasMessageContaining("previousWeights of coin 3");
    double[] nanAlpha = ALPHA.clone();
    nanAlpha[1] = Double.NaN;
    assertThatThrownBy(() -> OPT.costAware(COV, nanAlpha, BETA, PREV, costs, 1.0, cons))
        .isInstanceOf(DataException.class).hasMessageContaining("alpha of coin 1");
    assertThatThrownBy(() -> OPT.costAware(COV, ALPHA, new double[5], PREV, costs, 1.0, cons))
        .isInstanceOf(DataException.class).hasMessageContaining("beta is zero for every coin");
    assertThatThrownBy(() -> OPT.costAware(COV, ALPHA, BETA, PREV, costs, 0.0, cons))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("riskAversion");
    assertThatThrownBy(() -> OPT.costAware(COV, ALPHA, BETA, PREV, costs, Double.NaN, cons))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("riskAversion");
    assertThatThrownBy(() -> OPT.costAware(COV, ALPHA, BETA, PREV, TradeCosts.uniform(4, 1e-4), 1.0, cons))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("costs");
    double[] nanRow = COV.clone();
    Arrays.fill(nanRow, 10, 15, Double.NaN);
    assertThatThrownBy(() -> OPT.costAware(nanRow, ALPHA, BETA, PREV, costs, 1.0, cons))
        .isInstanceOf(DataException.class).hasMessageContaining("covariance row 2").hasMessageContaining("entirely");
    double[] singular = COV.clone();
    for (int j = 0; j < 5; j++) {
      singular[4 * 5 + j] = COV[3 * 5 + j];
      singular[j * 5 + 4] = COV[j * 5 + 3];
    }
    singular[4 * 5 + 4] = COV[3 * 5 + 3];
    assertThatThrownBy(() -> OPT.costAware(singular, ALPHA, BETA, PREV, costs, 1.0, cons))
        .isInstanceOf(DataException.class).hasMessageContaining("singular").hasMessageContaining("coin 4");
    assertThatThrownBy(() -> OptimizerConstraints.grossLeverage(0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grossLeverage");
    assertThatThrownBy(() -> OptimizerConstraints.grossLeverage(-1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grossLeverage");
    assertThatThrownBy(() -> cons.withBounds(new double[] {0, 0.2}, new double[] {1, 0.1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coin 1");
    OptimizerConstraints wrongSize = cons.withBounds(new double[] {-1, -1}, new double[] {1, 1});
    assertThatThrownBy(() -> OPT.costAware(COV, ALPHA, BETA, PREV, costs, 1.0, wrongSize))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowerWeights");
  }

  static double[] scaled(double[] a, double k) {
    double[] b = a.clone();
    for (int i = 0; i < b.length; i++) {
      b[i] *= k;
    }
    return b;
  }
}
