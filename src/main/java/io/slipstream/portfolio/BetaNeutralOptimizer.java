package io.slipstream.portfolio;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.cost.TradeCosts;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * Beta-neutral portfolio optimizer over one cross-section of coins (one decision time): a closed form and a
 * cost-aware convex solver. Inputs are per coin, in one column order: {@code alpha} (expected return per period,
 * NAV fraction per unit weight), {@code beta} (market beta, dimensionless), the covariance {@code S} of per-period
 * returns ({@code n x n}, row-major {@code double[n*n]}, fraction squared) and, for the cost-aware problem, the
 * current weights {@code w_prev} and the {@link TradeCosts}. Weights are signed NAV fractions (long &gt; 0). NaN never
 * reaches the optimizer: drop coins without a signal or covariance before calling (a NaN input throws).
 *
 * <h2>(a) Closed form</h2>
 * <pre>
 *   w* = S^-1 (alpha - A' nu),   nu = (A S^-1 A')^-1 A S^-1 alpha,   w = w* L / sum|w*|
 * </pre>
 * with {@code A = beta'} (one row; {@code lambda = nu = alpha'S^-1 beta / beta'S^-1 beta}) or {@code A = [beta'; 1']}
 * when dollar-neutral. {@code w*} maximises {@code alpha'w - (1/2) w'S w} subject to {@code A w = 0} (the maximum
 * Sharpe-ratio neutral direction); it is rescaled to gross leverage {@code sum |w| = L}. Solved with a Cholesky factor
 * of {@code S} (EJML, no explicit inverse) and one step of iterative refinement of {@code A w = 0}.
 *
 * <h2>(b) Cost-aware</h2>
 * <pre>
 *   maximise  alpha'w - (gamma/2) w'S w - C(w - w_prev)
 *   subject to beta'w = 0, [1'w = 0], sum |w_i| &lt;= L, lower_i &lt;= w_i &lt;= upper_i
 *   C(dw) = sum_i c_i |dw_i| + lambda_i |dw_i|^1.5      ({@link TradeCosts})
 * </pre>
 * The |dw|^1.5 impact term makes this a convex problem that is not a QP. It is solved by ADMM (Boyd et al. 2011,
 * "Distributed Optimization and Statistical Learning via the Alternating Direction Method of Multipliers", section
 * 5) with the splitting {@code x = z}: the {@code x}-step is the equality-constrained QP with
 * {@code gamma S + rho I} (Cholesky-factored once per {@code rho}), the {@code z}-step the exact proximal map of the
 * separable costs, bounds and the L1 ball (per-coin closed forms, a safeguarded Newton search for the ball
 * multiplier); over-relaxation 1.6 and residual-balancing {@code rho}. When the residuals are small the solver
 * <em>polishes</em> (as OSQP does, Stellato et al. 2020): it fixes the coins ADMM put at a kink (no trade, zero weight)
 * or a bound, solves the remaining smooth equality-constrained problem exactly by Newton's method and accepts the
 * result only when it is feasible and its KKT residual (see {@link OptimizationResult}) is below
 * {@code tolerance x scale}, with {@code scale = max(|alpha|_inf, gamma max_i S_ii L, max_i c_i, max_i lambda_i
 * sqrt(L))}. When the polished point fails that test because ADMM left at a kink a coin that should trade (the
 * near-degenerate rebalance where a coin's marginal alpha exceeds its cost by a hair and it trades a tiny amount), a
 * primal active-set method (Nocedal and Wright 2006, section 16.5, with line-searched Newton steps on the smooth
 * pieces) continues from it: it releases the coin whose multiplier violates the KKT conditions most, fixes coins at
 * the first kink met, and its point goes through the same test. Otherwise ADMM continues and polishes again later.
 * Typical cost: one Cholesky of {@code S} (the positive definiteness check), one of {@code gamma S + rho I} per
 * {@code rho}, 10-100 iterations of {@code O(n^2)}, one or a few polishes (a Cholesky of the free block per Newton
 * step; one step without impact costs), and in the near-degenerate case a few active-set steps (a Cholesky of the
 * free block each). A coin with impact whose optimal trade is below about one ulp of its weight cannot be represented
 * and its KKT slope is quantised; in the rare case that this step exceeds the tolerance the solve does not converge.
 *
 * <p>Infeasibility is reported as {@link InfeasibleProblemException}: exact checks (the bounds' minimum gross
 * leverage; the range of {@code beta'w} and {@code 1'w} over the bounds and the gross limit) and, for beta- and
 * dollar-neutrality jointly, a separating certificate from the ADMM iterates. A problem whose bounds all contain 0 is
 * always feasible ({@code w = 0}).
 *
 * <p>Guarantees of a returned cost-aware result with {@code converged() == true}: {@code |beta'w|} (and
 * {@code |1'w|}) at rounding level, {@code sum |w| <= L (1 + 1e-12)}, bounds exact, KKT residual
 * {@code <= tolerance x scale}. Immutable and thread-safe; each call allocates its own work arrays.
 */
public final class BetaNeutralOptimizer {
  /** Tolerance 1e-9, at most 20,000 iterations (ADMM iterations plus active-set steps), an unconverged solve throws. */
  public static final BetaNeutralOptimizer DEFAULT = new BetaNeutralOptimizer(20_000, 1e-9, true);

  /** Smallest conditional variance ratio {@code L_ii^2 / S_ii} of the Cholesky factor accepted as non-singular. */
  static final double SINGULAR_PIVOT_RATIO = 1e-12;
  /** A neutral direction smaller than this fraction of {@code |S^-1 alpha|_1} counts as no direction at all. */
  static final double DEGENERATE_DIRECTION = 1e-10;

  private final int maxIterations;
  private final double tolerance;
  private final boolean failOnNonConvergence;

  private BetaNeutralOptimizer(int maxIterations, double tolerance, boolean failOnNonConvergence) {
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.failOnNonConvergence = failOnNonConvergence;
  }

  /**
   * @param maxIterations iteration budget of the cost-aware solve, {@code > 0}: ADMM iterations plus the steps of the
   *     active-set correction (each counts one)
   * @return a copy with that budget
   * @throws IllegalArgumentException if {@code maxIterations <= 0}
   */
  public BetaNeutralOptimizer withMaxIterations(int maxIterations) {
    return new BetaNeutralOptimizer(Checks.positive(maxIterations, "maxIterations"), tolerance,
        failOnNonConvergence);
  }

  /**
   * @param tolerance relative KKT tolerance of the cost-aware solve (dimensionless, relative to the gradient scale
   *     described in the class comment), in {@code [1e-14, 1e-3]}
   * @return a copy with that tolerance
   * @throws IllegalArgumentException if out of range
   */
  public BetaNeutralOptimizer withTolerance(double tolerance) {
    return new BetaNeutralOptimizer(maxIterations, Checks.inRange(tolerance, 1e-14, 1e-3, "tolerance"),
        failOnNonConvergence);
  }

  /**
   * @param failOnNonConvergence {@code true} (default): a cost-aware solve that does not meet the tolerance within
   *     the iteration budget throws {@link OptimizationException}; {@code false}: it returns the feasible-made ADMM
   *     iterate with {@link OptimizationResult#converged()} {@code == false} and the caller decides
   * @return a copy with that setting
   */
  public BetaNeutralOptimizer withFailOnNonConvergence(boolean failOnNonConvergence) {
    return new BetaNeutralOptimizer(maxIterations, tolerance, failOnNonConvergence);
  }

  /** @return the iteration budget (ADMM iterations plus active-set steps) */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return the relative KKT tolerance */
  public double tolerance() {
    return tolerance;
  }

  /** @return whether an unconverged cost-aware solve throws */
  public boolean failOnNonConvergence() {
    return failOnNonConvergence;
  }

  /**
   * The closed-form beta-neutral portfolio (a), rescaled to gross leverage {@code sum |w| = L}; see the class
   * comment for the formula. Costs and bounds play no part.
   *
   * @param covariance {@code S}, {@code n x n} row-major, symmetric positive definite, per-period returns
   *     (fraction squared). Not modified.
   * @param alpha expected return per period per coin (NAV fraction), finite, length {@code n}. Not modified.
   * @param beta market beta per coin, finite, not all zero, length {@code n}. Not modified.
   * @param constraints gross leverage {@code L} and the dollar-neutral option; must have no per-asset bounds
   * @return weights with {@code A w = 0} to rounding and {@code sum |w| = L}; {@link OptimizationResult#objective()}
   *     is {@code alpha'w}
   * @throws IllegalArgumentException on wrong lengths or when {@code constraints} carry bounds
   * @throws DataException naming the coin (index) and the value: a non-finite alpha, beta or covariance entry (an
   *     all-NaN covariance row is named as such), a non-positive variance, an asymmetric, singular or not positive
   *     definite covariance (the Cholesky pivot), a beta of zeros
   * @throws OptimizationException when alpha is zero or lies in the span of the neutrality constraints (in the
   *     {@code S^-1} metric), so no neutral direction exists to scale to {@code L}
   */
  public OptimizationResult closedForm(double[] covariance, double[] alpha, double[] beta,
      OptimizerConstraints constraints) {
    Checks.notNull(constraints, "constraints");
    int n = checkedSize(alpha);
    checkVector(alpha, n, "alpha");
    checkVector(beta, n, "beta");
    checkCovariance(covariance, n);
    if (constraints.hasBounds()) {
      throw new IllegalArgumentException("the closed form takes no per-asset bounds (" + constraints
          + "); use costAware(...) for a bounded problem");
    }
    double[][] rows = constraintRows(beta, constraints.dollarNeutral(), n);
    boolean alphaZero = true;
    for (double a : alpha) {
      alphaZero &= a == 0.0;
    }
    if (alphaZero) {
      throw new OptimizationException("alpha is zero for every coin: there is no bet to make");
    }
    double[] chol = factorCovariance(covariance, n);

    double[] sa = alpha.clone();
    solveInPlace(chol, sa, n);
    int m = rows.length;
    double[][] sb = new double[m][];
    for (int j = 0; j < m; j++) {
      sb[j] = rows[j].clone();
      solveInPlace(chol, sb[j], n);
    }
    double[] g = new double[m * m];
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < m; k++) {
        g[j * m + k] = dot(rows[j], sb[k]);
      }
    }
    if (m == 2 && parallel(g)) {
      // beta is a multiple of the dollar vector: beta'w = 0 already implies 1'w = 0
      m = 1;
      rows = new double[][] {rows[0]};
      sb = new double[][] {sb[0]};
      g = new double[] {g[0]};
    }
    double[] t = new double[m];
    for (int j = 0; j < m; j++) {
      t[j] = dot(rows[j], sa);
    }
    double[] nu = solveSmall(g, t, m);
    double[] w = sa.clone();
    for (int j = 0; j < m; j++) {
      axpy(-nu[j], sb[j], w);
    }
    // one step of iterative refinement of A w = 0 in the same metric
    for (int j = 0; j < m; j++) {
      t[j] = dot(rows[j], w);
    }
    double[] dnu = solveSmall(g, t, m);
    for (int j = 0; j < m; j++) {
      axpy(-dnu[j], sb[j], w);
      nu[j] += dnu[j];
    }
    double gross = 0;
    double base = 0;
    for (int i = 0; i < n; i++) {
      gross += Math.abs(w[i]);
      base += Math.abs(sa[i]);
    }
    if (!(gross > DEGENERATE_DIRECTION * base)) {
      throw new OptimizationException("no beta-neutral bet: alpha lies in the span of beta"
          + (m == 2 ? " and the dollar vector" : "") + " (sum|w*| = " + gross + " <= " + DEGENERATE_DIRECTION
          + " x sum|S^-1 alpha| = " + base + "), so there is no neutral direction to scale to L");
    }
    double lev = constraints.grossLeverage();
    double k = lev / gross;
    for (int i = 0; i < n; i++) {
      w[i] *= k;
    }
    // KKT: S w / k - alpha + A' nu = 0
    double[] sw = matVec(covariance, w, n);
    double kkt = 0;
    double ret = 0;
    double var = 0;
    double newGross = 0;
    for (int i = 0; i < n; i++) {
      double r = sw[i] / k - alpha[i];
      for (int j = 0; j < m; j++) {
        r += rows[j][i] * nu[j];
      }
      kkt = Math.max(kkt, Math.abs(r));
      ret += alpha[i] * w[i];
      var += w[i] * sw[i];
      newGross += Math.abs(w[i]);
    }
    double viol = Math.abs(newGross - lev);
    for (double[] row : rows) {
      viol = Math.max(viol, Math.abs(dot(row, w)));
    }
    if (constraints.dollarNeutral()) {
      double s = 0;
      for (double x : w) {
        s += x;
      }
      viol = Math.max(viol, Math.abs(s));
    }
    double nuDollar = m == 2 ? nu[1] : 0.0;
    return new OptimizationResult(w, OptimizationResult.Method.CLOSED_FORM, ret, ret, var, 0.0, newGross, 0, 0.0,
        viol, kkt, true, nu[0], nuDollar, 0.0);
  }

  /**
   * The cost-aware beta-neutral portfolio (b); see the class comment for the problem and the method.
   *
   * @param covariance {@code S}, {@code n x n} row-major, symmetric positive definite, per-period returns
   *     (fraction squared). Not modified.
   * @param alpha expected return per period per coin (NAV fraction), finite, length {@code n}. Not modified.
   * @param beta market beta per coin, finite, not all zero, length {@code n}. Not modified.
   * @param previousWeights {@code w_prev}, current signed NAV fractions (after drift), finite, length {@code n}.
   *     Not modified.
   * @param costs {@code c_i, lambda_i} for the same coins in the same order
   * @param riskAversion {@code gamma}, finite and {@code > 0}, dimensionless
   * @param constraints gross limit {@code L}, the dollar-neutral option and per-asset bounds
   * @return weights, objective, multipliers and residuals; {@code converged() == false} only when configured not to
   *     fail on non-convergence
   * @throws IllegalArgumentException on wrong lengths, {@code gamma} not finite and {@code > 0}
   * @throws DataException as for {@link #closedForm}, and for a non-finite previous weight (naming the coin)
   * @throws InfeasibleProblemException when the constraints cannot all hold (an empty bound interval, bounds that
   *     force {@code sum |w| > L}, bounds under which {@code beta'w = 0} or {@code 1'w = 0} is impossible, or a
   *     separating certificate found by ADMM for the joint constraints)
   * @throws OptimizationException when the tolerance is not met within the iteration budget (and
   *     {@code failOnNonConvergence})
   */
  public OptimizationResult costAware(double[] covariance, double[] alpha, double[] beta, double[] previousWeights,
      TradeCosts costs, double riskAversion, OptimizerConstraints constraints) {
    Checks.notNull(constraints, "constraints");
    Checks.notNull(costs, "costs");
    int n = checkedSize(alpha);
    checkVector(alpha, n, "alpha");
    checkVector(beta, n, "beta");
    checkVector(previousWeights, n, "previousWeights");
    Checks.sameLength(costs.size(), n, "costs");
    Checks.positive(riskAversion, "riskAversion");
    checkCovariance(covariance, n);
    double[][] rows = constraintRows(beta, constraints.dollarNeutral(), n);
    factorCovariance(covariance, n); // positive definiteness, with a message naming the coin
    double[] lo = constraints.lowerBounds(n);
    double[] hi = constraints.upperBounds(n);
    for (int i = 0; i < n; i++) {
      if (lo[i] > hi[i]) {
        throw new InfeasibleProblemException("bounds of coin " + i + " are empty once the position limit "
            + constraints.maxAbsWeight() + " is applied: lower = " + lo[i] + " > upper = " + hi[i]);
      }
    }
    CostAwareAdmm admm = new CostAwareAdmm(covariance, alpha, rows, previousWeights, costs.linear(),
        costs.impact(), riskAversion, constraints.grossLeverage(), lo, hi, tolerance, maxIterations);
    OptimizationResult r = admm.solve();
    if (!r.converged() && failOnNonConvergence) {
      throw new OptimizationException("cost-aware optimizer did not converge in " + r.iterations()
          + " ADMM iterations: KKT residual " + r.kktResidual() + " > tolerance " + tolerance + " x scale "
          + admm.scale() + ", primal residual " + r.primalResidual() + ", constraint violation "
          + r.constraintViolation());
    }
    return r;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // input checks

  private static int checkedSize(double[] alpha) {
    Checks.notNull(alpha, "alpha");
    if (alpha.length == 0) {
      throw new IllegalArgumentException("Argument 'alpha' must have at least one coin, was empty");
    }
    return alpha.length;
  }

  private static void checkVector(double[] v, int n, String name) {
    Checks.notNull(v, name);
    Checks.sameLength(v.length, n, name);
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(v[i])) {
        throw new DataException(name + " of coin " + i + " is not finite: " + v[i]
            + " (drop coins without a value before optimizing)");
      }
    }
  }

  /** Finite entries (an all-non-finite row named as such), positive diagonal, symmetry. */
  static void checkCovariance(double[] s, int n) {
    Checks.notNull(s, "covariance");
    if (s.length != (long) n * n) {
      throw new IllegalArgumentException("Argument 'covariance' must have length n*n = " + n + "*" + n + " = "
          + (long) n * n + " (row-major n x n), was " + s.length);
    }
    for (int i = 0; i < n; i++) {
      int firstBad = -1;
      int bad = 0;
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(s[i * n + j])) {
          bad++;
          if (firstBad < 0) {
            firstBad = j;
          }
        }
      }
      if (bad == n) {
        throw new DataException("covariance row " + i + " (coin " + i + ") is entirely non-finite (first value "
            + s[i * n] + "): the coin has no covariance estimate; drop it before optimizing");
      }
      if (bad > 0) {
        throw new DataException("covariance entry (" + i + ", " + firstBad + ") is not finite: "
            + s[i * n + firstBad] + " (" + bad + " non-finite entries in row " + i + ")");
      }
      if (!(s[i * n + i] > 0)) {
        throw new DataException("covariance is not positive definite: the variance of coin " + i
            + " (diagonal entry) must be > 0, was " + s[i * n + i]);
      }
    }
    double[] root = new double[n];
    for (int i = 0; i < n; i++) {
      root[i] = Math.sqrt(s[i * n + i]);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double a = s[i * n + j];
        double b = s[j * n + i];
        if (Math.abs(a - b) > 1e-10 * root[i] * root[j]) {
          throw new DataException("covariance is not symmetric: entry (" + i + ", " + j + ") = " + a + " but ("
              + j + ", " + i + ") = " + b);
        }
      }
    }
  }

  /** The constraint rows {@code beta} and, when dollar-neutral, {@code 1}; beta must not be all zero. */
  static double[][] constraintRows(double[] beta, boolean dollarNeutral, int n) {
    boolean zero = true;
    for (double b : beta) {
      zero &= b == 0.0;
    }
    if (zero) {
      throw new DataException("beta is zero for every coin (n = " + n + "): beta-neutrality is undefined");
    }
    if (!dollarNeutral) {
      return new double[][] {beta.clone()};
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    return new double[][] {beta.clone(), ones};
  }

  /**
   * Lower Cholesky factor of {@code S} (row-major, upper triangle zero) via EJML; rejects a singular or not positive
   * definite {@code S} naming the coin whose pivot fails.
   */
  static double[] factorCovariance(double[] s, int n) {
    DMatrixRMaj mat = new DMatrixRMaj(n, n);
    System.arraycopy(s, 0, mat.data, 0, n * n);
    CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
    if (!chol.decompose(mat)) {
      int[] at = new int[1];
      double pivot = firstBadPivot(s, n, at);
      throw new DataException("covariance is not positive definite: Cholesky pivot of coin " + at[0] + " is "
          + pivot + " <= 0 (coin " + at[0] + "'s variance " + s[at[0] * n + at[0]]
          + " is not explained consistently by coins 0.." + (at[0] - 1) + ")");
    }
    double[] l = mat.data;
    for (int i = 0; i < n; i++) {
      double piv = l[i * n + i] * l[i * n + i];
      double var = s[i * n + i];
      if (piv < SINGULAR_PIVOT_RATIO * var) {
        throw new DataException("covariance is singular to working precision: coin " + i + " keeps a variance of "
            + piv + " after regressing on coins 0.." + (i - 1) + ", a fraction " + piv / var + " < "
            + SINGULAR_PIVOT_RATIO + " of its variance " + var
            + " (coin " + i + " is numerically a linear combination of earlier coins)");
      }
    }
    return l;
  }

  /** Error path only: index and value of the first non-positive pivot of a plain Cholesky of {@code s}. */
  private static double firstBadPivot(double[] s, int n, int[] at) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = s[i * n + j];
        for (int k = 0; k < j; k++) {
          v -= l[i * n + k] * l[j * n + k];
        }
        if (i == j) {
          if (!(v > 0)) {
            at[0] = i;
            return v;
          }
          l[i * n + i] = Math.sqrt(v);
        } else {
          l[i * n + j] = v / l[j * n + j];
        }
      }
    }
    at[0] = n - 1;
    return 0.0;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // small kernels shared with CostAwareAdmm

  /** Solves {@code L L' x = b} in place with the lower factor {@code l}. */
  static void solveInPlace(double[] l, double[] b, int n) {
    TriangularSolver_DDRM.solveL(l, b, n);
    TriangularSolver_DDRM.solveTranL(l, b, n);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  static double[] matVec(double[] s, double[] x, int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double v = 0;
      int off = i * n;
      for (int j = 0; j < n; j++) {
        v += s[off + j] * x[j];
      }
      y[i] = v;
    }
    return y;
  }

  /** Whether the 2x2 Gram matrix {@code g} is (numerically) singular: the two constraint rows are parallel. */
  static boolean parallel(double[] g) {
    double det = g[0] * g[3] - g[1] * g[2];
    return det <= 1e-12 * g[0] * g[3];
  }

  /** Solves the small symmetric positive definite system {@code g x = t} ({@code m <= 3}) by Gaussian elimination. */
  static double[] solveSmall(double[] g, double[] t, int m) {
    double[] a = g.clone();
    double[] x = t.clone();
    for (int c = 0; c < m; c++) {
      int piv = c;
      for (int r = c + 1; r < m; r++) {
        if (Math.abs(a[r * m + c]) > Math.abs(a[piv * m + c])) {
          piv = r;
        }
      }
      if (piv != c) {
        for (int k = 0; k < m; k++) {
          double tmp = a[c * m + k];
          a[c * m + k] = a[piv * m + k];
          a[piv * m + k] = tmp;
        }
        double tmp = x[c];
        x[c] = x[piv];
        x[piv] = tmp;
      }
      for (int r = c + 1; r < m; r++) {
        double f = a[r * m + c] / a[c * m + c];
        for (int k = c; k < m; k++) {
          a[r * m + k] -= f * a[c * m + k];
        }
        x[r] -= f * x[c];
      }
    }
    for (int c = m - 1; c >= 0; c--) {
      double v = x[c];
      for (int k = c + 1; k < m; k++) {
        v -= a[c * m + k] * x[k];
      }
      x[c] = v / a[c * m + c];
    }
    return x;
  }
}
