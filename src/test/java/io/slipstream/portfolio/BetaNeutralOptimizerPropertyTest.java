package io.slipstream.portfolio;

import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.OPT;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.assertFeasible;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.driftedRebalance;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.kkt;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.objective;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.ojAlgoQp;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.randomProblem;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.scale;
import static io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.scaled;
import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.portfolio.BetaNeutralOptimizerCostAwareTest.Problem;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of the cost-aware solver on seeded random problems: constraints, KKT residual, agreement with ojAlgo's
 * QP solver when there is no impact term, and monotonicity of the trading cost in the cost level.
 */
class BetaNeutralOptimizerPropertyTest {

  @Property(tries = 150, seed = "4242")
  void costAware_randomProblem_feasibleAndKktBelowTolerance(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 25) int n) {
    Random rnd = new Random(seed);
    Problem pr = randomProblem(rnd, n, rnd.nextBoolean());
    OptimizationResult r = pr.solve(OPT);

    assertThat(r.converged()).isTrue();
    assertFeasible(pr, r.weights());
    assertThat(kkt(pr, r)).as("independent KKT residual").isLessThanOrEqualTo(1e-9 * scale(pr));
    assertThat(r.kktResidual()).isLessThanOrEqualTo(1e-9 * scale(pr));
    assertThat(objective(pr, r.weights())).isCloseTo(r.objective(), org.assertj.core.api.Assertions.within(1e-14));
    // never worse than staying put when staying put is feasible, nor than holding nothing
    assertThat(r.objective()).isGreaterThanOrEqualTo(objective(pr, new double[n]) - 1e-15);
  }

  /** Rebalancing a drifted optimal book (slightly off neutral) with rescaled costs: converged, feasible, KKT. */
  @Property(tries = 150, seed = "2718")
  void costAware_driftedOptimalBook_feasibleAndKktBelowTolerance(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 25) int n) {
    Random rnd = new Random(seed);
    Problem first = randomProblem(rnd, n, rnd.nextBoolean());
    double[] w = first.solve(OPT).weights();
    Problem pr = driftedRebalance(rnd, first, w);
    OptimizationResult r = pr.solve(OPT);

    assertThat(r.converged()).isTrue();
    assertFeasible(pr, r.weights());
    assertThat(kkt(pr, r)).isLessThanOrEqualTo(1e-9 * scale(pr));
  }

  /**
   * Agreement with ojAlgo's convex QP solver on small problems without impact. Seeded: ojAlgo 55.0.1 itself
   * occasionally stops at a suboptimal point it reports as OPTIMAL (about 1 in 200 of these instances, see the
   * cost-aware test {@code costAware_instanceWhereOjAlgoStopsEarly_oursIsFeasibleKktOptimalAndBetter});
   * ours is never worse than ojAlgo's.
   */
  @Property(tries = 60, seed = "99")
  void costAware_noImpact_matchesOjAlgoQp(@ForAll @LongRange long seed, @ForAll @IntRange(min = 2, max = 8) int n) {
    Random rnd = new Random(seed);
    Problem pr = randomProblem(rnd, n, false);
    OptimizationResult r = pr.solve(OPT);
    double[] ref = ojAlgoQp(pr);

    double objScale = Math.max(Math.abs(objective(pr, ref)), scale(pr) * pr.cons().grossLeverage());
    assertThat(r.objective()).as("objective vs ojAlgo").isGreaterThanOrEqualTo(objective(pr, ref) - 1e-8 * objScale);
    assertThat(Math.abs(r.objective() - objective(pr, ref))).isLessThanOrEqualTo(1e-6 * objScale);
    for (int i = 0; i < n; i++) {
      assertThat(r.weight(i)).as("w%d vs ojAlgo %s", i, java.util.Arrays.toString(ref))
          .isCloseTo(ref[i], org.assertj.core.api.Assertions.within(1e-6 * pr.cons().grossLeverage()));
    }
  }

  /**
   * Scaling every cost coefficient by {@code theta} never raises the optimal cost measured at the base
   * coefficients: from optimality at {@code theta1 < theta2},
   * {@code (theta2 - theta1) (C(w2 - p) - C(w1 - p)) <= 0}. With uniform linear costs {@code C = c x turnover}, so
   * turnover itself falls (for heterogeneous costs plain turnover need not be monotone, the cost-weighted one is).
   */
  @Property(tries = 40, seed = "1234")
  void costAware_costsScaledUp_tradingCostAndTurnoverNonIncreasing(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 15) int n) {
    Random rnd = new Random(seed);
    boolean uniform = rnd.nextBoolean();
    Problem base = randomProblem(rnd, n, !uniform);
    if (uniform) {
      double[] lin = new double[n];
      java.util.Arrays.fill(lin, 5e-4);
      base = base.withCosts(lin, new double[n]);
    }
    double[] thetas = {0, 0.25, 0.5, 1, 2, 4, 8, 16, 64};
    double prevCost = Double.POSITIVE_INFINITY;
    double prevTurnover = Double.POSITIVE_INFINITY;
    for (double theta : thetas) {
      Problem pr = base.withCosts(scaled(base.lin(), theta), scaled(base.imp(), theta));
      OptimizationResult r = pr.solve(OPT);
      double cost = base.costs().cost(minus(r.weights(), pr.prev()));
      assertThat(cost).as("base-cost of the trade at theta %s", theta)
          .isLessThanOrEqualTo(prevCost + 1e-12);
      if (uniform) {
        assertThat(r.turnover()).as("turnover at theta %s", theta).isLessThanOrEqualTo(prevTurnover + 1e-9);
      }
      prevCost = cost;
      prevTurnover = r.turnover();
    }
  }

  private static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
