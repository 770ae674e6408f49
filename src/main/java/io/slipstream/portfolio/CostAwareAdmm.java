package io.slipstream.portfolio;

import static io.slipstream.portfolio.BetaNeutralOptimizer.dot;
import static io.slipstream.portfolio.BetaNeutralOptimizer.matVec;
import static io.slipstream.portfolio.BetaNeutralOptimizer.solveInPlace;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * ADMM with polishing for the cost-aware beta-neutral problem (package-private kernel of
 * {@link BetaNeutralOptimizer#costAware}; inputs are validated there). In minimisation form:
 * <pre>
 *   F(x) = -alpha'x + (gamma/2) x'S x + indicator{A x = 0}
 *   G(z) = sum_i [c_i |z_i - p_i| + lambda_i |z_i - p_i|^1.5 + indicator{lo_i <= z_i <= hi_i}]
 *          + indicator{sum|z| <= L}
 *   minimise F(x) + G(z) subject to x = z
 * </pre>
 * Scaled-form ADMM (Boyd et al. 2011, section 3.1) with over-relaxation. Each iteration: the x-step solves
 * {@code (gamma S + rho I) x = alpha + rho (z - u) - A'nu} with {@code A x = 0} (two triangular solves and a rank-m
 * correction with the precomputed {@code M^-1 A'} and {@code (A M^-1 A')^-1}); the z-step is the exact proximal map of
 * {@code G}: per coin a strictly convex 1-D problem with kinks at {@code p_i} and 0 whose stationary point on each
 * smooth piece solves a quadratic in {@code t = sqrt|z - p_i|}, clipped to the bounds; for the L1 ball a multiplier
 * {@code mu >= 0} with {@code sum|z(mu)| = L} found by safeguarded Newton on the monotone {@code sum|z(mu)|}.
 * {@code rho} starts at {@code gamma tr(S) / n} and is rebalanced every 25 iterations from the ratio of the
 * normalised primal and dual residuals ({@code |x - z|_inf / L} and {@code rho |z - z_prev|_inf / scale}); when
 * {@code z} has not moved at all (stuck at the no-trade kinks while {@code x - z} stays) it is raised 100x.
 *
 * <p>Polishing (after OSQP, Stellato et al. 2020, section 4.2, adapted to the kinks of the costs): when the
 * normalised residuals first fall below 1e-5, then each time 10x lower, and otherwise every 50 iterations once they
 * are below 1e-2 (each time only if the active set of {@code z} differs from the last attempt's or the residuals
 * have dropped 1000x since), the coins that {@code z} puts at a bound, at {@code p_i} (no trade) or at 0 (gross limit
 * binding) are fixed and Newton's method solves the smooth equality-constrained problem in the others
 * ({@code A w = 0} and, when binding, {@code sum sign(w_i) w_i = L}). Free coins that end at or across a kink or bound
 * are fixed there and the solve repeated (up to 4 rounds); when the free coins do not determine the multipliers they
 * are fitted to all KKT conditions by a small semismooth least squares. The point is accepted only when feasible and
 * its KKT residual is within {@code tolerance x scale}.
 *
 * <p>Active-set correction ({@link #refine}): the polish only ever fixes coins, so it fails whenever ADMM has left at
 * a kink a coin that should trade. That is the typical near-degenerate case of a rebalance: a coin whose marginal
 * alpha exceeds its linear cost {@code c_i} by a hair trades a tiny amount at the optimum (real backtest instances:
 * {@code 6e-7} and {@code 8e-14} of NAV, with the multiplier at {@code 1.003 c_i} and {@code 1.000004 c_i}), and ADMM,
 * whose tail converges linearly and slowly in exactly this case, keeps {@code z_i = p_i} for thousands of iterations
 * (or stagnates there). When the polished point fails the test, a primal active-set method takes over from it: it
 * releases the fixed coin whose multiplier violates its interval most, takes line-searched Newton steps on the
 * smooth pieces and fixes coins at the first kink met, until every KKT condition holds; its point goes through the
 * same acceptance test. Its steps count against the iteration budget together with the ADMM iterations; when it
 * cannot finish (too few free coins to restore the rows from an early ADMM point, or its budget), ADMM goes on.
 *
 * <p>Precision limit: a coin with impact whose optimal trade is below about one ulp of its weight cannot be
 * represented; its KKT slope {@code c_i + 1.5 lambda_i sqrt|w_i - p_i|} is quantised in steps of about
 * {@code 1.5 lambda_i sqrt(ulp(p_i))}, which can exceed {@code tolerance x scale} (about {@code 3e-11} for
 * {@code lambda_i = 0.01}, {@code p_i = 0.02}). When the multiplier of such a coin falls within that step of its
 * threshold, no double-precision point meets the tolerance and the solve reports non-convergence.
 *
 * <p>Infeasibility (only possible when a bound excludes 0): exact checks of the bounds' minimum gross leverage and of
 * the range of each equality row over {@code {bounds, sum|w| <= L}} (LP duality), then, for the rows jointly, the ADMM
 * displacement {@code x - z} projected on the row space of {@code A} as a separating certificate (Banjac et al. 2019,
 * "Infeasibility detection in the alternating direction method of multipliers for convex optimization").
 * Not thread-safe; one instance per solve.
 */
final class CostAwareAdmm {
  private static final double RELAX = 1.6;
  private static final int RHO_EVERY = 25;
  private static final double FIRST_POLISH = 1e-5;
  private static final double STAGNATION = 1e-14;
  private static final int POLISH_EVERY = 50;
  private static final int POLISH_ROUNDS = 4;
  private static final int REFINE_STEPS = 50;

  private final int n;
  private final int m;
  private final double[] s;
  private final double[] alpha;
  private final double[][] rows;
  private final double[] p;
  private final double[] c;
  private final double[] lam;
  private final double gamma;
  private final double lev;
  private final double[] lo;
  private final double[] hi;
  private final double tol;
  private final int maxIter;
  private final double scale;
  private final boolean zeroInBox;

  private double rho;
  private double rho0;
  private final DMatrixRMaj work;
  private final CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
  private final double[][] bm;
  private double[] kinv;
  private final double[] x;
  private final double[] z;
  private final double[] u;
  private final double[] zOld;
  private final double[] q;
  private final double[] xh;
  private final double[] v;
  private final double[] ic;
  private final double[] nu;
  private final double[] tmpM;
  private double mu;
  private double sumIc;
  private double pieceIc;
  private int refactors;
  private int refineSteps;

  // polished solution
  private double[] wPol;
  /** Scratch: the subdifferential interval {@code [cl, cu]} set by {@link #subdifferential}. */
  private final double[] ends = new double[2];
  private double[] nuPol;
  private double muPol;

  CostAwareAdmm(double[] covariance, double[] alpha, double[][] rows, double[] prev, double[] linear,
      double[] impact, double gamma, double grossLeverage, double[] lo, double[] hi, double tol, int maxIter) {
    this.n = alpha.length;
    this.s = covariance;
    this.alpha = alpha;
    this.p = prev;
    this.c = linear;
    this.lam = impact;
    this.gamma = gamma;
    this.lev = grossLeverage;
    this.lo = lo;
    this.hi = hi;
    this.tol = tol;
    this.maxIter = maxIter;
    double[][] r = rows;
    if (r.length == 2) {
      double b2 = dot(r[0], r[0]);
      double o2 = dot(r[1], r[1]);
      double bo = dot(r[0], r[1]);
      if (BetaNeutralOptimizer.parallel(new double[] {b2, bo, bo, o2})) {
        r = new double[][] {r[0]}; // beta is a multiple of the dollar vector: one constraint
      }
    }
    this.rows = r;
    this.m = r.length;
    boolean zib = true;
    double sc = 0;
    double maxVar = 0;
    for (int i = 0; i < n; i++) {
      zib &= lo[i] <= 0 && hi[i] >= 0;
      sc = Math.max(sc, Math.abs(alpha[i]));
      sc = Math.max(sc, linear[i]);
      sc = Math.max(sc, impact[i] * Math.sqrt(grossLeverage));
      maxVar = Math.max(maxVar, covariance[i * n + i]);
    }
    this.scale = Math.max(sc, gamma * maxVar * grossLeverage);
    this.zeroInBox = zib;
    this.work = new DMatrixRMaj(n, n);
    this.bm = new double[m][];
    this.x = new double[n];
    this.z = new double[n];
    this.u = new double[n];
    this.zOld = new double[n];
    this.q = new double[n];
    this.xh = new double[n];
    this.v = new double[n];
    this.ic = new double[n];
    this.nu = new double[m];
    this.tmpM = new double[m];
  }

  /** @return the gradient scale {@code max(|alpha|_inf, gamma max S_ii L, max c_i, max lambda_i sqrt(L))} */
  double scale() {
    return scale;
  }

  OptimizationResult solve() {
    if (!zeroInBox) {
      preCheckFeasibility();
    }
    double tr = 0;
    for (int i = 0; i < n; i++) {
      tr += s[i * n + i];
    }
    rho0 = gamma * tr / n;
    rho = rho0;
    factor();
    for (int i = 0; i < n; i++) {
      z[i] = Math.min(Math.max(p[i], lo[i]), hi[i]);
    }
    double polishAt = FIRST_POLISH;
    int lastPolish = 0;
    long lastSignature = 0;
    double lastPolishRes = Double.POSITIVE_INFINITY;
    double rp = Double.POSITIVE_INFINITY;
    int k;
    for (k = 1; k + refineSteps <= maxIter; k++) {
      xUpdate();
      for (int i = 0; i < n; i++) {
        double xr = RELAX * x[i] + (1 - RELAX) * z[i];
        xh[i] = xr;
        zOld[i] = z[i];
        v[i] = xr + u[i];
      }
      zUpdate();
      rp = 0;
      double dz = 0;
      for (int i = 0; i < n; i++) {
        u[i] += xh[i] - z[i];
        rp = Math.max(rp, Math.abs(x[i] - z[i]));
        dz = Math.max(dz, Math.abs(z[i] - zOld[i]));
      }
      double rd = rho * dz;
      double res = Math.max(rp / lev, rd / scale);
      boolean tryPolish = false;
      if (res <= polishAt) {
        tryPolish = true;
        polishAt = Math.min(polishAt, res) * 0.1;
      } else if (k - lastPolish >= POLISH_EVERY && res <= 1e-2) {
        tryPolish = true; // slow tail
      }
      if (tryPolish) {
        long signature = activeSetSignature();
        // the same active set gives the same polished point, unless ADMM has got much closer (a better Newton start)
        if (signature != lastSignature || res <= 1e-3 * lastPolishRes) {
          lastPolish = k;
          lastSignature = signature;
          lastPolishRes = res;
          if (polish(maxIter - k - refineSteps)) {
            return result(wPol, nuPol, muPol, OptimizationResult.Method.COST_AWARE_POLISHED, k + refineSteps, rp);
          }
        }
      }
      if (res <= STAGNATION) {
        break;
      }
      if (!zeroInBox && k % 50 == 0 && rp > 1e-9 * lev) {
        checkInfeasibility();
      }
      if (k % RHO_EVERY == 0 && refactors < 50) {
        double pr = rp / lev;
        double dr = rd / scale;
        if (pr > 0) {
          // z not moving at all (stuck at kinks while x - z stays): raise rho so that the dual moves it
          double ratio = dr > 0 ? Math.sqrt(pr / dr) : 100;
          if (ratio > 5 || ratio < 0.2) {
            double next = Math.min(Math.max(rho * ratio, rho0 * 1e-8), rho0 * 1e8);
            if (next != rho) {
              double f = rho / next;
              for (int i = 0; i < n; i++) {
                u[i] *= f;
              }
              rho = next;
              factor();
            }
          }
        }
      }
    }
    int its = Math.min(k, maxIter - refineSteps);
    if (polish(maxIter - its - refineSteps)) {
      return result(wPol, nuPol, muPol, OptimizationResult.Method.COST_AWARE_POLISHED, its + refineSteps, rp);
    }
    if (!zeroInBox && rp > 1e-9 * lev) {
      checkInfeasibility();
    }
    return result(fallbackWeights(), nu.clone(), mu, OptimizationResult.Method.COST_AWARE_ADMM, its + refineSteps,
        rp);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // x-step

  /** Factors {@code gamma S + rho I} and precomputes {@code M^-1 A'} and {@code (A M^-1 A')^-1}. */
  private void factor() {
    double[] d = work.data;
    for (int i = 0; i < n * n; i++) {
      d[i] = gamma * s[i];
    }
    for (int i = 0; i < n; i++) {
      d[i * n + i] += rho;
    }
    if (!chol.decompose(work)) {
      throw new OptimizationException("Cholesky of gamma S + rho I failed (rho = " + rho + ")");
    }
    double[] g = new double[m * m];
    for (int j = 0; j < m; j++) {
      bm[j] = rows[j].clone();
      solveInPlace(work.data, bm[j], n);
    }
    for (int j = 0; j < m; j++) {
      for (int l = 0; l < m; l++) {
        g[j * m + l] = dot(rows[j], bm[l]);
      }
    }
    kinv = new double[m * m];
    for (int j = 0; j < m; j++) {
      double[] e = new double[m];
      e[j] = 1;
      double[] col = BetaNeutralOptimizer.solveSmall(g, e, m);
      for (int l = 0; l < m; l++) {
        kinv[l * m + j] = col[l];
      }
    }
    refactors++;
  }

  private void xUpdate() {
    for (int i = 0; i < n; i++) {
      q[i] = alpha[i] + rho * (z[i] - u[i]);
    }
    solveInPlace(work.data, q, n);
    for (int j = 0; j < m; j++) {
      tmpM[j] = dot(rows[j], q);
    }
    for (int j = 0; j < m; j++) {
      double a = 0;
      for (int l = 0; l < m; l++) {
        a += kinv[j * m + l] * tmpM[l];
      }
      nu[j] = a;
    }
    System.arraycopy(q, 0, x, 0, n);
    for (int j = 0; j < m; j++) {
      double[] b = bm[j];
      double f = nu[j];
      for (int i = 0; i < n; i++) {
        x[i] -= f * b[i];
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // z-step: proximal map of G at v

  private void zUpdate() {
    double sum = proxAll(0.0);
    double tolS = 1e-14 * lev * Math.max(1.0, n / 50.0);
    if (sum <= lev) {
      mu = 0.0;
      return;
    }
    double a = 0;
    double b = Double.POSITIVE_INFINITY;
    double mm = mu > 0 ? mu : (sumIc > 0 ? (sum - lev) / sumIc : scale);
    double sm = sum;
    for (int it = 0; it < 200; it++) {
      sm = proxAll(mm);
      if (sm > lev) {
        a = mm;
      } else {
        b = mm;
      }
      if (Math.abs(sm - lev) <= tolS) {
        break;
      }
      if (b < Double.POSITIVE_INFINITY && b - a <= 1e-15 * b) {
        break;
      }
      double next = sumIc > 0 ? mm + (sm - lev) / sumIc : Double.NaN;
      if (!(next > a && next < b) || (it % 4 == 3 && b < Double.POSITIVE_INFINITY)) {
        next = b < Double.POSITIVE_INFINITY ? 0.5 * (a + b) : (mm > 0 ? 2 * mm : scale);
      }
      mm = next;
    }
    if (sm > lev + tolS && b < Double.POSITIVE_INFINITY) {
      mm = b;
      proxAll(mm);
    }
    mu = mm;
  }

  /** z = prox at v for ball multiplier {@code mub}; fills {@link #ic}, sets {@link #sumIc}; returns sum |z|. */
  private double proxAll(double mub) {
    double sum = 0;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double zi = prox1(i, mub);
      z[i] = zi;
      sum += Math.abs(zi);
      d += ic[i];
    }
    sumIc = d;
    return sum;
  }

  /**
   * argmin over lo_i <= z <= hi_i of c|z - p| + lam|z - p|^1.5 + mub|z| + (rho/2)(z - v)^2; stores in ic[i] the
   * magnitude of dz/dmu (0 at a kink or bound).
   */
  private double prox1(int i, double mub) {
    double vi = v[i];
    double pi = p[i];
    double ci = c[i];
    double li = lam[i];
    double ka = Math.min(pi, 0.0);
    double kb = Math.max(pi, 0.0);
    double zz;
    double icv = 0;
    if (slope(ka, -1, vi, pi, ci, li, mub) > 0) {
      zz = Math.min(piece(-1, -1, vi, pi, ci, li, mub), ka);
      icv = pieceIc;
    } else if (slope(ka, 1, vi, pi, ci, li, mub) >= 0) {
      zz = ka;
    } else if (ka == kb) {
      zz = Math.max(piece(1, 1, vi, pi, ci, li, mub), kb);
      icv = pieceIc;
    } else if (slope(kb, -1, vi, pi, ci, li, mub) > 0) {
      // between the kinks: p < 0 -> z > p, z < 0; p > 0 -> z < p, z > 0
      double sd = pi < 0 ? 1 : -1;
      zz = Math.min(Math.max(piece(sd, -sd, vi, pi, ci, li, mub), ka), kb);
      icv = pieceIc;
    } else if (slope(kb, 1, vi, pi, ci, li, mub) >= 0) {
      zz = kb;
    } else {
      zz = Math.max(piece(1, 1, vi, pi, ci, li, mub), kb);
      icv = pieceIc;
    }
    if (zz <= lo[i]) {
      zz = lo[i];
      icv = 0;
    } else if (zz >= hi[i]) {
      zz = hi[i];
      icv = 0;
    }
    ic[i] = icv;
    return zz;
  }

  /** One-sided derivative at {@code k} from side {@code side} (-1 left, +1 right). */
  private double slope(double k, int side, double vi, double pi, double ci, double li, double mub) {
    double d = k - pi;
    double sd = d > 0 ? 1 : d < 0 ? -1 : side;
    double sk = k > 0 ? 1 : k < 0 ? -1 : side;
    return sd * (ci + 1.5 * li * Math.sqrt(Math.abs(d))) + mub * sk + rho * (k - vi);
  }

  /**
   * Stationary point on the piece where sign(z - p) = sd and sign(z) = sk: with z = p + sd t^2, t >= 0,
   * rho t^2 + 1.5 lam t + (c + mub sk sd + rho sd (p - v)) = 0.
   */
  private double piece(double sd, double sk, double vi, double pi, double ci, double li, double mub) {
    double k0 = ci + mub * sk * sd + rho * sd * (pi - vi);
    double t = k0 >= 0 ? 0.0 : -2 * k0 / (1.5 * li + Math.sqrt(2.25 * li * li - 4 * rho * k0));
    pieceIc = li == 0 ? 1 / rho : t / (rho * t + 0.75 * li);
    return pi + sd * t * t;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // polishing

  /**
   * Active-set polish from the current {@code z}: fixes the coins at a bound, at {@code p_i} (no trade, when the coin
   * has a cost) or at 0 (when the gross limit binds), solves the smooth equality-constrained problem in the others
   * by Newton's method ({@link #newton}) and accepts the point when it is feasible, stays on the same smooth pieces and
   * its KKT residual is within tolerance. Free coins that end at or across a kink or a bound are fixed there and the
   * solve is repeated (at most {@value #POLISH_ROUNDS} rounds): ADMM identifies most of the active set, the rounds
   * settle coins it left within rounding of a kink.
   */
  private boolean polish(int budget) {
    double[] base = z.clone();
    boolean ball = mu > 0;
    for (int round = 0; round < POLISH_ROUNDS; round++) {
      int[] free = new int[n];
      double[] sd = new double[n];
      double[] sk = new double[n];
      boolean[] isFree = new boolean[n];
      int f = 0;
      for (int i = 0; i < n; i++) {
        double bi = base[i];
        if (bi == lo[i] || bi == hi[i] || bi == p[i] && (c[i] > 0 || lam[i] > 0) || bi == 0.0 && ball) {
          continue;
        }
        sd[i] = bi >= p[i] ? 1 : -1;
        sk[i] = bi >= 0 ? 1 : -1;
        isFree[i] = true;
        free[f++] = i;
      }
      int r = m + (ball ? 1 : 0);
      double[][] at = new double[r][f];
      double[] bv = new double[r];
      for (int j = 0; j < m; j++) {
        double fixed = 0;
        for (int i = 0; i < n; i++) {
          if (!isFree[i]) {
            fixed += rows[j][i] * base[i];
          }
        }
        bv[j] = -fixed;
        for (int k = 0; k < f; k++) {
          at[j][k] = rows[j][free[k]];
        }
      }
      if (ball) {
        double fixed = 0;
        for (int i = 0; i < n; i++) {
          if (!isFree[i]) {
            fixed += Math.abs(base[i]);
          }
        }
        bv[m] = lev - fixed;
        for (int k = 0; k < f; k++) {
          at[m][k] = sk[free[k]];
        }
      }
      double[] w = base.clone();
      double[] nuP = f >= r && f > 0 ? newton(w, free, f, sd, at, bv, r) : null;
      boolean degenerate = nuP == null;
      if (degenerate) {
        w = base.clone(); // Newton failed or too few free coins for the constraints: keep the point
      }
      if (f > 0) {
        fixEqualities(w, free, f, at, bv, r);
      }
      // free coins at or across a kink or a bound (beyond rounding): fix them there and solve again
      double snap = 1e-13 * lev;
      boolean moved = false;
      for (int k = 0; k < f; k++) {
        int i = free[k];
        double wi = w[i];
        if (wi <= lo[i]) {
          w[i] = lo[i];
          moved = true;
        } else if (wi >= hi[i]) {
          w[i] = hi[i];
          moved = true;
        } else if ((c[i] > 0 || lam[i] > 0) && sd[i] * (wi - p[i]) <= snap) {
          w[i] = p[i];
          moved = true;
        } else if (ball && sk[i] * wi <= snap) {
          w[i] = 0.0;
          moved = true;
        }
      }
      if (moved) {
        base = w;
        continue;
      }
      if (degenerate) {
        // the free coins do not determine the multipliers: fit them to all KKT conditions, from ADMM's estimate
        double[] y0 = Arrays.copyOf(nu, r);
        if (ball) {
          y0[m] = mu;
        }
        nuP = fitMultipliers(w, isFree, ball, y0);
      }
      if (accept(w, nuP, ball)) {
        return true;
      }
      return refine(w, ball, budget);
    }
    return refine(base, ball, budget);
  }

  /** Whether coin {@code i} pays for trading, so that its cost has a kink at {@code p_i}. */
  private boolean hasCost(int i) {
    return c[i] > 0 || lam[i] > 0;
  }

  /**
   * Primal active-set method (Nocedal and Wright 2006, "Numerical Optimization", section 16.5, with Newton steps on
   * the smooth pieces in place of the QP step) from a point near the solution, for when ADMM's active set is wrong.
   * Uses at most {@code min(budget, 50 + 4n)} steps (one Cholesky of the free block each); returns whether
   * {@link #accept} took its point.
   * The working set: the coins fixed at a kink or bound ({@code p_i}, 0 while the gross limit is in the working set,
   * {@code lo_i}, {@code hi_i}), the rows {@code A w = 0} and, when binding, {@code sum |w| = L}. Each step is a Newton
   * step of the smooth objective on the free coins' pieces within the working set (impact Hessian
   * {@code 0.75 lambda_i / sqrt|w_i - p_i|}), cut at the first kink, bound or (when not in the working set) the
   * gross limit, with an exact line search on the convex objective; a cut adds that coin (or the gross limit) to the
   * working set. Once the free coins are stationary the multipliers are checked against every fixed coin's
   * subdifferential interval ({@link #dualSide}) and {@code mu >= 0}: the most violated one leaves the working set
   * (the coin is released in the improving direction), or, with none violated beyond {@code 0.1 x tolerance x scale},
   * the point goes to {@link #accept}. The objective decreases at every feasible step, so (in exact arithmetic) no
   * working set repeats.
   * The line search is on the Lagrangian with the step's multipliers, its slope written from the stationarity
   * residual, so that it still resolves the tiny decreases of a coin released with a tiny excess. A coin released at
   * {@code p_i} with impact has an infinite Hessian there; its first Hessian is taken at the 1-D move
   * {@code e} with {@code gamma S_ii e + 1.5 lambda_i sqrt(e) = excess}. An infeasible start (rows or the gross limit
   * off by more than rounding) is restored by full Newton steps; without progress, or with too few free coins for the
   * rows, the method gives up.
   */
  private boolean refine(double[] start, boolean ballStart, int budget) {
    double[] w = start.clone();
    boolean ball = ballStart;
    boolean[] fixed = new boolean[n];
    double[] sd = new double[n];
    double[] sk = new double[n];
    double[] floor = new double[n];
    double gross = 0;
    for (int i = 0; i < n; i++) {
      w[i] = Math.min(Math.max(w[i], lo[i]), hi[i]);
      gross += Math.abs(w[i]);
    }
    ball |= gross > lev;
    for (int i = 0; i < n; i++) {
      double wi = w[i];
      if (wi == lo[i] || wi == hi[i] || hasCost(i) && wi == p[i] || ball && wi == 0.0) {
        fixed[i] = true;
      } else {
        sd[i] = wi >= p[i] ? 1 : -1;
        sk[i] = wi >= 0 ? 1 : -1;
      }
    }
    double[] sw = matVec(s, w, n);
    int[] free = new int[n];
    double[] g = new double[n];
    double[] d = new double[n];
    double[] sdv = new double[n];
    double[] st = new double[n];
    DMatrixRMaj hm = new DMatrixRMaj(1, 1);
    CholeskyDecompositionInner_DDRM hc = new CholeskyDecompositionInner_DDRM(true);
    double thr = 0.1 * tol * scale;
    boolean stalled = false;
    double prevSt = Double.POSITIVE_INFINITY;
    double prevViol = Double.POSITIVE_INFINITY;
    int slow = 0;
    int steps = Math.min(budget, REFINE_STEPS + 4 * n);
    for (int step = 0; step < steps; step++) {
      refineSteps++;
      int f = 0;
      for (int i = 0; i < n; i++) {
        if (!fixed[i]) {
          free[f++] = i;
        }
      }
      int r = m + (ball ? 1 : 0);
      double[] res = new double[r];
      boolean feasible = true;
      for (int j = 0; j < m; j++) {
        res[j] = -dot(rows[j], w);
        feasible &= Math.abs(res[j]) <= equalityTolerance(rows[j]);
      }
      double gr = 0;
      for (int i = 0; i < n; i++) {
        gr += Math.abs(w[i]);
      }
      if (ball) {
        res[m] = lev - gr;
        feasible &= Math.abs(res[m]) <= 1e-12 * lev;
      } else {
        feasible &= gr <= lev * (1 + 1e-12);
      }
      if (!feasible) {
        // infeasible start: each full Newton step restores the rows, a blocked one by the fraction taken; give up
        // when three steps in a row do not halve the violation
        double viol = Math.max(ball ? Math.abs(res[m]) : Math.max(gr - lev, 0.0), 0.0) / lev;
        for (int j = 0; j < m; j++) {
          viol = Math.max(viol, Math.abs(res[j]) / (equalityTolerance(rows[j]) * 1e12));
        }
        slow = viol > 0.5 * prevViol ? slow + 1 : 0;
        prevViol = viol;
        if (slow >= 3) {
          return false;
        }
      }
      double[][] at = new double[r][f];
      for (int k = 0; k < f; k++) {
        int i = free[k];
        for (int j = 0; j < m; j++) {
          at[j][k] = rows[j][i];
        }
        if (ball) {
          at[m][k] = sk[i];
        }
        double gk = -alpha[i] + gamma * sw[i];
        if (hasCost(i)) {
          gk += sd[i] * (c[i] + 1.5 * lam[i] * Math.sqrt(Math.abs(w[i] - p[i])));
        }
        g[k] = gk;
      }
      double[] y = new double[r];
      boolean determined = f > 0;
      double stMax = 0;
      if (f > 0) {
        hm.reshape(f, f);
        freeHessian(hm.data, w, free, f, floor);
        if (!hc.decompose(hm)) {
          return false;
        }
        double[] hg = Arrays.copyOf(g, f);
        solveInPlace(hm.data, hg, f);
        double[][] hat = new double[r][];
        for (int j = 0; j < r; j++) {
          hat[j] = at[j].clone();
          solveInPlace(hm.data, hat[j], f);
        }
        double[] gm = new double[r * r];
        double[] rhs = new double[r];
        double dmax = 0;
        for (int j = 0; j < r; j++) {
          for (int l = 0; l < r; l++) {
            gm[j * r + l] = dot(at[j], hat[l]);
          }
          rhs[j] = -dot(at[j], hg) - res[j];
          dmax = Math.max(dmax, gm[j * r + j]);
        }
        if (!wellConditioned(gm, r)) {
          if (!feasible) {
            return false; // too few free coins to restore the rows from this start: ADMM goes on
          }
          determined = false; // the free coins do not determine the multipliers: a regularised solve for d
          for (int j = 0; j < r; j++) {
            gm[j * r + j] += 1e-13 * dmax + 1e-300;
          }
        }
        y = BetaNeutralOptimizer.solveSmall(gm, rhs, r);
        for (int k = 0; k < f; k++) {
          double dk = -hg[k];
          double sk0 = g[k];
          for (int j = 0; j < r; j++) {
            dk -= y[j] * hat[j][k];
            sk0 += y[j] * at[j][k];
          }
          d[k] = dk;
          st[k] = sk0;
          stMax = Math.max(stMax, Math.abs(sk0));
        }
      }
      if (feasible && (stMax <= 0.1 * thr || stalled)) {
        // stationary on the working set, or no step left above rounding (a coin with impact whose optimal trade is a
        // few ulps of its weight: its slope is quantised); the multipliers' check, and in the end accept(), decide
        stalled = false;
        boolean[] isFree = new boolean[n];
        for (int k = 0; k < f; k++) {
          isFree[free[k]] = true;
        }
        if (!determined) {
          y = fitMultipliers(w, isFree, ball, y);
        }
        double muv = ball ? y[m] : 0.0;
        double worst = Math.max(-muv, 0.0);
        int who = muv < 0 ? n : -1;
        int dir = 0;
        for (int i = 0; i < n; i++) {
          if (isFree[i]) {
            continue;
          }
          double t = alpha[i] - gamma * sw[i];
          for (int j = 0; j < m; j++) {
            t -= rows[j][i] * y[j];
          }
          double v = dualSide(i, w[i], t, Math.max(muv, 0.0));
          if (Math.abs(v) > worst) {
            worst = Math.abs(v);
            who = i;
            dir = v > 0 ? 1 : -1;
          }
        }
        if (worst <= thr) {
          double[] bv = new double[r];
          for (int j = 0; j < r; j++) {
            double fx = 0;
            for (int i = 0; i < n; i++) {
              if (!isFree[i]) {
                fx += j < m ? rows[j][i] * w[i] : Math.abs(w[i]);
              }
            }
            bv[j] = (j < m ? 0.0 : lev) - fx;
          }
          // rounding-level correction of the rows, on the free coins whose KKT slope it cannot upset: not those
          // exactly at a kink (released there, not moved) nor those with impact trading so little that a few ulps
          // change 1.5 lambda sqrt|w - p| by more than the tolerance
          int f2 = 0;
          int[] movable = new int[f];
          for (int k = 0; k < f; k++) {
            int i = free[k];
            boolean pinned = hasCost(i) && w[i] == p[i] || ball && w[i] == 0.0
                || lam[i] > 0 && Math.abs(w[i] - p[i]) <= 1e-9 * lev;
            if (pinned) {
              for (int j = 0; j < r; j++) {
                bv[j] -= j < m ? rows[j][i] * w[i] : Math.abs(w[i]);
              }
            } else {
              movable[f2++] = i;
            }
          }
          double[][] at2 = new double[r][f2];
          for (int j = 0; j < r; j++) {
            for (int k = 0; k < f2; k++) {
              int i = movable[k];
              at2[j][k] = j < m ? rows[j][i] : sk[i];
            }
          }
          if (f2 > 0) {
            fixEqualities(w, movable, f2, at2, bv, r);
          }
          return accept(w, y, ball);
        }
        if (who == n) {
          // mu < 0: the gross limit leaves the working set; coins held at 0 only by it are released
          ball = false;
          for (int i = 0; i < n; i++) {
            if (fixed[i] && w[i] == 0.0 && w[i] != lo[i] && w[i] != hi[i] && !(hasCost(i) && p[i] == 0.0)) {
              fixed[i] = false;
              sd[i] = 0.0 >= p[i] ? 1 : -1;
              sk[i] = 1;
            }
          }
        } else {
          fixed[who] = false;
          double wi = w[who];
          sd[who] = hasCost(who) && wi == p[who] ? dir : wi > p[who] ? 1 : -1;
          sk[who] = wi == 0.0 ? dir : wi > 0 ? 1 : -1;
          floor[who] = 0.0;
          if (lam[who] > 0 && wi == p[who]) {
            // first Hessian from the 1-D move this excess gives: gamma S_ii e + 1.5 lambda sqrt(e) = excess
            double a2 = gamma * s[who * n + who];
            double b1 = 1.5 * lam[who];
            double u0 = 2 * worst / (b1 + Math.sqrt(b1 * b1 + 4 * a2 * worst));
            floor[who] = u0 * u0;
          }
        }
        continue;
      }
      if (f == 0) {
        return false;
      }
      // S d over all coins (for the gradient along the step and the multipliers' check)
      for (int i = 0; i < n; i++) {
        int off = i * n;
        double v = 0;
        for (int k = 0; k < f; k++) {
          v += s[off + free[k]] * d[k];
        }
        sdv[i] = v;
      }
      // the first kink, bound or (ball not in the working set) gross limit along d
      double tmax = 1.0;
      int blk = -1;
      double blkVal = 0;
      for (int k = 0; k < f; k++) {
        int i = free[k];
        double di = d[k];
        double wi = w[i];
        if (di > 0 && (hi[i] - wi) < tmax * di) {
          tmax = (hi[i] - wi) / di;
          blk = i;
          blkVal = hi[i];
        } else if (di < 0 && (lo[i] - wi) > tmax * di) {
          tmax = (lo[i] - wi) / di;
          blk = i;
          blkVal = lo[i];
        }
        if (hasCost(i) && sd[i] * di < 0 && sd[i] * (wi - p[i]) < -sd[i] * di * tmax) {
          tmax = sd[i] * (wi - p[i]) / (-sd[i] * di);
          blk = i;
          blkVal = p[i];
        }
        if (ball && sk[i] * di < 0 && sk[i] * wi < -sk[i] * di * tmax) {
          tmax = sk[i] * wi / (-sk[i] * di);
          blk = i;
          blkVal = 0.0;
        }
      }
      tmax = Math.max(tmax, 0.0);
      boolean toBall = false;
      if (!ball && grossAlong(w, d, free, f, tmax) > lev) {
        double a = 0;
        double b = tmax;
        for (int it = 0; it < 100 && b - a > 1e-16 * tmax; it++) {
          double mid = 0.5 * (a + b);
          if (grossAlong(w, d, free, f, mid) > lev) {
            b = mid;
          } else {
            a = mid;
          }
        }
        tmax = a;
        blk = -1;
        toBall = true;
      }
      double t = tmax;
      if (feasible) {
        // exact line search on the Lagrangian f(w) + y'(A w - b), whose slope along d is written from the
        // stationarity residual st (so that it stays accurate when the decrease is tiny): st'd = -d'H d < 0 at 0
        double d0 = lagrangeSlope(w, d, st, sdv, free, f, sd, 0.0);
        double d1 = lagrangeSlope(w, d, st, sdv, free, f, sd, tmax);
        if (!(d0 < 0)) {
          t = 0; // no descent left at rounding level
          blk = -1;
          toBall = false;
        } else if (d1 > 0) {
          t = lineMin(w, d, st, sdv, free, f, sd, tmax, d0, d1);
          blk = -1;
          toBall = false;
        }
      }
      double moved = 0;
      double wmax = 0;
      for (int k = 0; k < f; k++) {
        int i = free[k];
        double nw = w[i] + t * d[k];
        moved = Math.max(moved, Math.abs(nw - w[i]));
        wmax = Math.max(wmax, Math.abs(nw));
        w[i] = nw;
        if (floor[i] > 0) {
          floor[i] = Math.min(floor[i], Math.abs(nw - p[i]));
        }
      }
      for (int i = 0; i < n; i++) {
        sw[i] += t * sdv[i];
      }
      if (blk >= 0) {
        double delta = blkVal - w[blk];
        w[blk] = blkVal;
        fixed[blk] = true;
        if (delta != 0) {
          int off = blk;
          for (int i = 0; i < n; i++) {
            sw[i] += s[i * n + off] * delta;
          }
        }
      } else if (toBall) {
        ball = true;
        for (int k = 0; k < f; k++) {
          int i = free[k];
          if (w[i] == 0.0) {
            fixed[i] = true;
          } else {
            sk[i] = w[i] > 0 ? 1 : -1;
          }
        }
      }
      // stalled: no block and a step at rounding level, or one that no longer reduces the stationarity residual
      // while moving less than 1e-12 L (a coin with impact trading a few ulps: its slope is quantised)
      stalled = blk < 0 && !toBall && (moved <= 1e-15 * wmax || stMax >= 0.9 * prevSt && moved <= 1e-12 * lev);
      prevSt = stMax;
    }
    return false;
  }

  /** {@code sum |w + t d|} with {@code d} on the free coins. */
  private double grossAlong(double[] w, double[] d, int[] free, int f, double t) {
    double gsum = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      double wi = w[i];
      if (k < f && free[k] == i) {
        wi += t * d[k++];
      }
      gsum += Math.abs(wi);
    }
    return gsum;
  }

  /**
   * Slope along {@code d} of the Lagrangian {@code f(w) + y'(A w - b)} at {@code w + t d} on the free coins' pieces:
   * {@code sum_k d_k (st_k + gamma t (S d)_k + sd_k 1.5 lambda_k (sqrt|w_k + t d_k - p_k| - sqrt|w_k - p_k|))}, the
   * square-root difference written without cancellation.
   */
  private double lagrangeSlope(double[] w, double[] d, double[] st, double[] sdv, int[] free, int f, double[] sd,
      double t) {
    double v = 0;
    for (int k = 0; k < f; k++) {
      int i = free[k];
      double gi = st[k] + gamma * t * sdv[i];
      if (lam[i] > 0 && t != 0) {
        double a0 = Math.max(sd[i] * (w[i] - p[i]), 0.0);
        double at = Math.max(a0 + sd[i] * t * d[k], 0.0);
        double den = Math.sqrt(at) + Math.sqrt(a0);
        if (den > 0) {
          gi += 1.5 * lam[i] * (at - a0) / den * sd[i];
        }
      }
      v += gi * d[k];
    }
    return v;
  }

  /** Root of the increasing {@link #lagrangeSlope} in {@code (0, tmax)} (Illinois regula falsi). */
  private double lineMin(double[] w, double[] d, double[] st, double[] sdv, int[] free, int f, double[] sd,
      double tmax, double d0, double d1) {
    double a = 0;
    double b = tmax;
    double fa = d0;
    double fb = d1;
    int side = 0;
    double t = a - fa * (b - a) / (fb - fa);
    for (int it = 0; it < 100; it++) {
      t = a - fa * (b - a) / (fb - fa);
      if (!(t > a && t < b)) {
        t = 0.5 * (a + b);
      }
      double ft = lagrangeSlope(w, d, st, sdv, free, f, sd, t);
      if (ft == 0 || b - a <= 1e-15 * tmax) {
        break;
      }
      if (ft < 0) {
        a = t;
        fa = ft;
        if (side == -1) {
          fb *= 0.5;
        }
        side = -1;
      } else {
        b = t;
        fb = ft;
        if (side == 1) {
          fa *= 0.5;
        }
        side = 1;
      }
    }
    return t;
  }

  /**
   * Sets {@code ends} to the interval {@code [cl, cu]} of coin {@code i}'s subdifferential at {@code wi}: its trade
   * cost ({@code c|d| + lambda |d|^1.5}, {@code d = wi - p_i}), the gross-limit term {@code mu |wi|} and the bounds
   * (an end is infinite at an active bound).
   */
  private void subdifferential(int i, double wi, double muv) {
    double dd = wi - p[i];
    double cl;
    double cu;
    if (dd > 0) {
      cl = c[i] + 1.5 * lam[i] * Math.sqrt(dd);
      cu = cl;
    } else if (dd < 0) {
      cl = -c[i] - 1.5 * lam[i] * Math.sqrt(-dd);
      cu = cl;
    } else {
      cl = -c[i];
      cu = c[i];
    }
    if (wi > 0) {
      cl += muv;
      cu += muv;
    } else if (wi < 0) {
      cl -= muv;
      cu -= muv;
    } else {
      cl -= muv;
      cu += muv;
    }
    if (wi <= lo[i]) {
      cl = Double.NEGATIVE_INFINITY;
    }
    if (wi >= hi[i]) {
      cu = Double.POSITIVE_INFINITY;
    }
    ends[0] = cl;
    ends[1] = cu;
  }

  /**
   * Signed distance of {@code target} (the part of the KKT condition not owed to coin {@code i}'s own cost, gross
   * and bound terms) from its subdifferential interval at {@code wi}: {@code > 0} above it (raising {@code w_i}
   * improves), {@code < 0} below it, 0 inside.
   */
  private double dualSide(int i, double wi, double target, double muv) {
    subdifferential(i, wi, muv);
    double cl = ends[0];
    double cu = ends[1];
    if (target > cu) {
      return target - cu;
    }
    if (target < cl) {
      return target - cl;
    }
    return 0.0;
  }

  /**
   * Multipliers {@code y = (nu, mu)} for a point whose free coins do not determine them: minimises
   * {@code sum_free (t_i(y) - s_i)^2 + sum_fixed (violation of t_i(y) in its subdifferential interval)^2 +
   * min(0, mu)^2} with {@code t_i(y) = alpha_i - gamma (S w)_i - A_i'nu - sigma_i mu} by semismooth Newton (active set
   * of violated interval sides, least squares on them), starting from {@code y0}. A feasible {@code y} gives zero.
   */
  private double[] fitMultipliers(double[] w, boolean[] isFree, boolean ball, double[] y0) {
    int r = y0.length;
    double[] sw = matVec(s, w, n);
    double[] h = new double[n];
    double[][] a = new double[n][r];
    double[] cl = new double[n];
    double[] cu = new double[n];
    double[] kap = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = alpha[i] - gamma * sw[i];
      for (int j = 0; j < m; j++) {
        a[i][j] = rows[j][i];
      }
      if (ball) {
        a[i][m] = w[i] > 0 ? 1 : w[i] < 0 ? -1 : 0;
        kap[i] = w[i] == 0 ? 1 : 0;
      }
      double d = w[i] - p[i];
      if (d == 0 && !isFree[i]) {
        cl[i] = -c[i];
        cu[i] = c[i];
      } else {
        double sl = (d >= 0 ? 1 : -1) * (c[i] + 1.5 * lam[i] * Math.sqrt(Math.abs(d)));
        cl[i] = sl;
        cu[i] = sl;
      }
      if (!isFree[i] && w[i] <= lo[i]) {
        cl[i] = Double.NEGATIVE_INFINITY;
      }
      if (!isFree[i] && w[i] >= hi[i]) {
        cu[i] = Double.POSITIVE_INFINITY;
      }
    }
    double[] y = y0.clone();
    double[] best = y0.clone();
    double bestRes = Double.POSITIVE_INFINITY;
    double[] nm = new double[r * r];
    double[] rhs = new double[r];
    double[] row = new double[r];
    for (int it = 0; it < 40; it++) {
      Arrays.fill(nm, 0);
      Arrays.fill(rhs, 0);
      double res = 0;
      double muv = ball ? y[m] : 0;
      for (int i = 0; i < n; i++) {
        double t = h[i] - dotN(a[i], y, r);
        if (isFree[i]) {
          res = Math.max(res, Math.abs(t - cl[i]));
          addSide(nm, rhs, a[i], 0.0, cl[i] - h[i], r, row); // free: t(y) = slope  ->  -a . y = slope - h
        } else if (t < cl[i] - kap[i] * muv) {
          // t(y) + kap mu = cl  ->  (-a + kap e_mu) . y = cl - h
          res = Math.max(res, cl[i] - kap[i] * muv - t);
          addSide(nm, rhs, a[i], kap[i], cl[i] - h[i], r, row);
        } else if (t > cu[i] + kap[i] * muv) {
          // t(y) - kap mu = cu  ->  (-a - kap e_mu) . y = cu - h
          res = Math.max(res, t - cu[i] - kap[i] * muv);
          addSide(nm, rhs, a[i], -kap[i], cu[i] - h[i], r, row);
        }
      }
      if (ball && y[m] < 0) {
        res = Math.max(res, -y[m]);
        nm[m * r + m] += 1;
      }
      if (res < bestRes) {
        bestRes = res;
        best = y.clone();
      }
      if (res <= 1e-16 * scale) {
        break;
      }
      // proximal term eps |y - y_k|^2: well-posed where nothing pins y; repeated steps remove its bias
      double eps = 1e-30;
      for (int j = 0; j < r; j++) {
        eps = Math.max(eps, 1e-8 * nm[j * r + j]);
      }
      for (int j = 0; j < r; j++) {
        nm[j * r + j] += eps;
        rhs[j] += eps * y[j];
      }
      double[] next = BetaNeutralOptimizer.solveSmall(nm, rhs, r);
      if (!(Math.abs(next[0]) < Double.POSITIVE_INFINITY)) {
        break;
      }
      y = next;
    }
    return best;
  }

  /** Adds the least-squares equation {@code (-a + kap e_mu) . y = target} to the normal equations. */
  private void addSide(double[] nm, double[] rhs, double[] a, double kap, double target, int r, double[] row) {
    for (int j = 0; j < r; j++) {
      row[j] = -a[j];
    }
    if (kap != 0) {
      row[m] += kap;
    }
    for (int j = 0; j < r; j++) {
      for (int l = 0; l < r; l++) {
        nm[j * r + l] += row[j] * row[l];
      }
      rhs[j] += row[j] * target;
    }
  }

  private static double dotN(double[] a, double[] b, int r) {
    double v = 0;
    for (int j = 0; j < r; j++) {
      v += a[j] * b[j];
    }
    return v;
  }

  /** Feasibility, multiplier sign and KKT test of a polished point; stores it when it passes. */
  private boolean accept(double[] w, double[] nuP, boolean ball) {
    double gross = 0;
    for (double wi : w) {
      gross += Math.abs(wi);
    }
    if (gross > lev * (1 + 1e-12)) {
      return false;
    }
    double muP = ball ? nuP[m] : 0.0;
    if (muP < -tol * scale) {
      return false;
    }
    muP = Math.max(muP, 0.0);
    double[] nuEq = Arrays.copyOf(nuP, m);
    for (int j = 0; j < m; j++) {
      if (Math.abs(dot(rows[j], w)) > equalityTolerance(rows[j])) {
        return false;
      }
    }
    if (!(kktResidual(w, nuEq, muP) <= tol * scale)) {
      return false;
    }
    wPol = w;
    nuPol = nuEq;
    muPol = muP;
    return true;
  }

  /** Hash of the active set of {@code z}: per coin bound / no trade / zero / free with its signs. */
  private long activeSetSignature() {
    long h = mu > 0 ? 1 : 2;
    for (int i = 0; i < n; i++) {
      double zi = z[i];
      int code;
      if (zi == lo[i]) {
        code = 1;
      } else if (zi == hi[i]) {
        code = 2;
      } else if (zi == p[i]) {
        code = 3;
      } else if (zi == 0.0) {
        code = 4;
      } else {
        code = (zi > p[i] ? 5 : 7) + (zi > 0 ? 0 : 1);
      }
      h = h * 31 + code;
    }
    return h;
  }

  /**
   * Fills {@code h} (row-major {@code f x f}) with the Hessian of the smooth objective on the free coins:
   * {@code gamma S_FF + diag(0.75 lambda_i / sqrt(max(|w_i - p_i|, floor_i, 1e-300)))} (impact terms only where
   * {@code lambda_i > 0}). Used by the active-set step and by Newton's method.
   *
   * @param floor per-coin lower bound on {@code |w_i - p_i|} in the impact term, or null for none
   */
  private void freeHessian(double[] h, double[] w, int[] free, int f, double[] floor) {
    for (int k = 0; k < f; k++) {
      int off = free[k] * n;
      for (int l = 0; l < f; l++) {
        h[k * f + l] = gamma * s[off + free[l]];
      }
      int i = free[k];
      if (lam[i] > 0) {
        double ad = Math.abs(w[i] - p[i]);
        if (floor != null) {
          ad = Math.max(ad, floor[i]);
        }
        h[k * f + k] += 0.75 * lam[i] / Math.sqrt(Math.max(ad, 1e-300));
      }
    }
  }

  /**
   * Newton's method on the free coins for the smooth problem on the pieces {@code sign(w_i - p_i) = sd_i}, with the
   * equality rows {@code at} (and the ball row) held at {@code bv}; full steps (crossings are handled by the caller).
   * With impact costs the Hessian {@code gamma S_FF + diag(0.75 lambda_i / sqrt|w_i - p_i|)} is factored at the first
   * point and reused (chord steps) while the steps shrink at least 5x each, refactored otherwise (at most 4 times).
   * Returns the multipliers (equalities, then the ball row) or null on failure.
   */
  private double[] newton(double[] w, int[] free, int f, double[] sd, double[][] at, double[] bv, int r) {
    boolean quadratic = true;
    for (int k = 0; k < f; k++) {
      quadratic &= lam[free[k]] == 0;
    }
    DMatrixRMaj hm = new DMatrixRMaj(f, f);
    CholeskyDecompositionInner_DDRM hc = new CholeskyDecompositionInner_DDRM(true);
    double[] grad = new double[f];
    double[] hg = new double[f];
    double[][] hat = new double[r][];
    double[] g = new double[r * r];
    double[] rhs = new double[r];
    double[] nuP = null;
    boolean refactor = true;
    int factorizations = 0;
    double prevStep = Double.POSITIVE_INFINITY;
    for (int it = 0; it < 60; it++) {
      for (int k = 0; k < f; k++) {
        int i = free[k];
        int off = i * n;
        double sw = 0;
        for (int j = 0; j < n; j++) {
          sw += s[off + j] * w[j];
        }
        double ad = Math.abs(w[i] - p[i]);
        grad[k] = -alpha[i] + gamma * sw + sd[i] * (c[i] + 1.5 * lam[i] * Math.sqrt(ad));
      }
      if (refactor) {
        freeHessian(hm.data, w, free, f, null);
        if (!hc.decompose(hm)) {
          return null;
        }
        for (int j = 0; j < r; j++) {
          hat[j] = at[j].clone();
          solveInPlace(hm.data, hat[j], f);
        }
        for (int j = 0; j < r; j++) {
          for (int l = 0; l < r; l++) {
            g[j * r + l] = dot(at[j], hat[l]);
          }
        }
        if (!wellConditioned(g, r)) {
          return null;
        }
        factorizations++;
        refactor = false;
      }
      System.arraycopy(grad, 0, hg, 0, f);
      solveInPlace(hm.data, hg, f);
      for (int j = 0; j < r; j++) {
        double aw = 0;
        for (int k = 0; k < f; k++) {
          aw += at[j][k] * w[free[k]];
        }
        rhs[j] = -dot(at[j], hg) - (bv[j] - aw);
      }
      nuP = BetaNeutralOptimizer.solveSmall(g, rhs, r);
      double dmax = 0;
      for (int k = 0; k < f; k++) {
        double d = -hg[k];
        for (int j = 0; j < r; j++) {
          d -= nuP[j] * hat[j][k];
        }
        dmax = Math.max(dmax, Math.abs(d));
        w[free[k]] += d;
      }
      if (!(dmax <= 10 * lev)) {
        return null; // NaN or a wild step: the active set guess is wrong
      }
      if (dmax <= 1e-15 * lev || quadratic && it >= 1) {
        return nuP;
      }
      // chord steps (Hessian of the first point) while they contract fast; a fresh Hessian otherwise
      if (!quadratic && dmax > 0.2 * prevStep) {
        if (factorizations >= 4) {
          return dmax > 0.5 * prevStep ? null : nuP; // not converging: the active set guess is likely wrong
        }
        refactor = true;
      }
      prevStep = dmax;
    }
    return nuP;
  }

  /**
   * Least-norm correction of the free coins so that the equality rows (and the ball row) hold to rounding; with fewer
   * free coins than rows, the least-squares correction instead.
   */
  private static void fixEqualities(double[] w, int[] free, int f, double[][] at, double[] bv, int r) {
    double[] e = new double[r * r];
    double[] res = new double[r];
    for (int j = 0; j < r; j++) {
      double aw = 0;
      for (int k = 0; k < f; k++) {
        aw += at[j][k] * w[free[k]];
      }
      res[j] = bv[j] - aw;
      for (int l = 0; l < r; l++) {
        e[j * r + l] = dot(at[j], at[l]);
      }
    }
    if (!wellConditioned(e, r)) {
      if (f < r && f <= 3) {
        // fewer free coins than rows: least squares in the free coins, (T'T) d = T'res
        double[] tt = new double[f * f];
        double[] tr = new double[f];
        for (int k = 0; k < f; k++) {
          for (int l = 0; l < f; l++) {
            for (int j = 0; j < r; j++) {
              tt[k * f + l] += at[j][k] * at[j][l];
            }
          }
          for (int j = 0; j < r; j++) {
            tr[k] += at[j][k] * res[j];
          }
        }
        if (wellConditioned(tt, f)) {
          double[] d = BetaNeutralOptimizer.solveSmall(tt, tr, f);
          for (int k = 0; k < f; k++) {
            w[free[k]] += d[k];
          }
        }
      }
      return;
    }
    double[] y = BetaNeutralOptimizer.solveSmall(e, res, r);
    for (int k = 0; k < f; k++) {
      double d = 0;
      for (int j = 0; j < r; j++) {
        d += at[j][k] * y[j];
      }
      w[free[k]] += d;
    }
  }

  /** Symmetric positive semidefinite {@code r x r} with pivots above 1e-12 of their diagonal (Cholesky test). */
  private static boolean wellConditioned(double[] g, int r) {
    double[] l = new double[r * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j <= i; j++) {
        double val = g[i * r + j];
        for (int k = 0; k < j; k++) {
          val -= l[i * r + k] * l[j * r + k];
        }
        if (i == j) {
          if (!(val > 1e-12 * g[i * r + i])) {
            return false;
          }
          l[i * r + i] = Math.sqrt(val);
        } else {
          l[i * r + j] = val / l[j * r + j];
        }
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // fallback, KKT, result

  /** The ADMM iterate made feasible: {@code x} scaled toward 0 (0 inside every bound), else {@code z} corrected. */
  private double[] fallbackWeights() {
    if (zeroInBox) {
      double[] w = x.clone();
      double gross = 0;
      double t = 1;
      for (int i = 0; i < n; i++) {
        gross += Math.abs(w[i]);
        if (w[i] > hi[i]) {
          t = Math.min(t, hi[i] / w[i]);
        } else if (w[i] < lo[i]) {
          t = Math.min(t, lo[i] / w[i]);
        }
      }
      if (gross > lev) {
        t = Math.min(t, lev / gross);
      }
      for (int i = 0; i < n; i++) {
        w[i] *= t;
      }
      return w;
    }
    double[] w = z.clone();
    int[] free = new int[n];
    int f = 0;
    for (int i = 0; i < n; i++) {
      if (w[i] > lo[i] && w[i] < hi[i]) {
        free[f++] = i;
      }
    }
    double[][] at = new double[m][f];
    double[] bv = new double[m];
    for (int j = 0; j < m; j++) {
      double fixed = 0;
      for (int i = 0; i < n; i++) {
        if (!(w[i] > lo[i] && w[i] < hi[i])) {
          fixed += rows[j][i] * w[i];
        }
      }
      bv[j] = -fixed;
      for (int k = 0; k < f; k++) {
        at[j][k] = rows[j][free[k]];
      }
    }
    if (f > 0) {
      fixEqualities(w, free, f, at, bv, m);
    }
    return w;
  }

  /**
   * Max-norm distance of {@code 0 in -alpha + gamma S w + A'nu + d[C(w - p) + mu |w|_1 + bounds]} from holding, plus
   * complementarity {@code mu (L - sum|w|) / L} and {@code max(0, -mu)}; kinks are exact ({@code w_i == p_i},
   * {@code w_i == 0}, {@code w_i} at a bound).
   */
  double kktResidual(double[] w, double[] nuv, double muv) {
    double[] sw = matVec(s, w, n);
    double res = 0;
    double gross = 0;
    for (int i = 0; i < n; i++) {
      double g = -alpha[i] + gamma * sw[i];
      for (int j = 0; j < m; j++) {
        g += rows[j][i] * nuv[j];
      }
      subdifferential(i, w[i], muv);
      double target = -g;
      res = Math.max(res, Math.max(ends[0] - target, target - ends[1]));
      gross += Math.abs(w[i]);
    }
    res = Math.max(res, -muv);
    res = Math.max(res, muv * Math.max(0.0, lev - gross) / lev);
    return Math.max(res, 0.0);
  }

  private OptimizationResult result(double[] w, double[] nuv, double muv, OptimizationResult.Method method,
      int iterations, double rp) {
    double[] sw = matVec(s, w, n);
    double ret = 0;
    double var = 0;
    double cost = 0;
    double turnover = 0;
    double gross = 0;
    double viol = 0;
    for (int i = 0; i < n; i++) {
      ret += alpha[i] * w[i];
      var += w[i] * sw[i];
      double d = Math.abs(w[i] - p[i]);
      cost += c[i] * d + lam[i] * d * Math.sqrt(d);
      turnover += d;
      gross += Math.abs(w[i]);
      viol = Math.max(viol, Math.max(lo[i] - w[i], w[i] - hi[i]));
    }
    viol = Math.max(viol, gross - lev);
    for (double[] row : rows) {
      viol = Math.max(viol, Math.abs(dot(row, w)));
    }
    viol = Math.max(viol, 0.0);
    double kkt = kktResidual(w, nuv, muv);
    boolean converged = method == OptimizationResult.Method.COST_AWARE_POLISHED
        || kkt <= tol * scale && viol <= 1e-12 * Math.max(lev, 1.0);
    double objective = ret - 0.5 * gamma * var - cost;
    return new OptimizationResult(w, method, objective, ret, var, cost, turnover, iterations, rp, viol, kkt,
        converged, nuv[0], m == 2 ? nuv[1] : 0.0, muv);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // feasibility

  /** Exact checks when some bound excludes 0: the bounds' minimum gross, and the range of each row over K. */
  private void preCheckFeasibility() {
    double minGross = 0;
    for (int i = 0; i < n; i++) {
      minGross += lo[i] > 0 ? lo[i] : hi[i] < 0 ? -hi[i] : 0.0;
    }
    if (minGross > lev * (1 + 1e-12)) {
      throw new InfeasibleProblemException("per-asset bounds exclude 0 and force a gross leverage sum|w| >= "
          + minGross + ", above the limit L = " + lev);
    }
    String[] names = {"beta'w", "1'w (dollar-neutrality)"};
    for (int j = 0; j < m; j++) {
      double amax = 0;
      for (double a : rows[j]) {
        amax = Math.max(amax, Math.abs(a));
      }
      double thr = 1e-12 * amax * lev;
      double low = minOverK(rows[j]);
      double[] neg = rows[j].clone();
      for (int i = 0; i < n; i++) {
        neg[i] = -neg[i];
      }
      double high = -minOverK(neg);
      if (low > thr || high < -thr) {
        throw new InfeasibleProblemException(names[j] + " = 0 is impossible: over the per-asset bounds with sum|w|"
            + " <= L = " + lev + " it ranges over [" + low + ", " + high + "]");
      }
    }
  }

  /** Throws when the ADMM displacement {@code x - z} yields a separating certificate. */
  private void checkInfeasibility() {
    double[] dl = new double[n];
    for (int i = 0; i < n; i++) {
      dl[i] = x[i] - z[i];
    }
    double[] e = new double[m * m];
    double[] t = new double[m];
    for (int j = 0; j < m; j++) {
      t[j] = dot(rows[j], dl);
      for (int l = 0; l < m; l++) {
        e[j * m + l] = dot(rows[j], rows[l]);
      }
    }
    double[] y = BetaNeutralOptimizer.solveSmall(e, t, m);
    double[] d = new double[n];
    double dmax = 0;
    for (int i = 0; i < n; i++) {
      double di = 0;
      for (int j = 0; j < m; j++) {
        di -= y[j] * rows[j][i];
      }
      d[i] = di;
      dmax = Math.max(dmax, Math.abs(di));
    }
    if (!(dmax > 0)) {
      return;
    }
    double lb = minOverK(d);
    if (lb > 1e-9 * dmax * lev) {
      throw new InfeasibleProblemException("beta-neutrality" + (m == 2 ? ", dollar-neutrality" : "")
          + ", the per-asset bounds and sum|w| <= L = " + lev + " have no common point: with y = "
          + Arrays.toString(negate(y)) + " every w within the bounds and the gross limit has y'A w >= " + lb
          + " > 0, while A w = 0 needs y'A w = 0 (rows of A: beta" + (m == 2 ? ", 1)" : ")"));
    }
  }

  private static double[] negate(double[] a) {
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = -a[i];
    }
    return b;
  }

  /**
   * {@code min d'w} over {@code K = {lo <= w <= hi, sum|w| <= L}} by LP duality:
   * {@code max over eta >= 0 of sum_i min_{w_i in [lo_i, hi_i]} (d_i w_i + eta |w_i|) - eta L}, a concave piecewise
   * linear function whose breakpoints are {@code 0} and {@code |d_i|}. O(n^2); only used when a bound excludes 0.
   */
  private double minOverK(double[] d) {
    double best = dualValue(d, 0.0);
    for (int k = 0; k < n; k++) {
      best = Math.max(best, dualValue(d, Math.abs(d[k])));
    }
    return best;
  }

  private double dualValue(double[] d, double eta) {
    double sum = -eta * lev;
    for (int i = 0; i < n; i++) {
      double di = d[i];
      if (lo[i] == Double.NEGATIVE_INFINITY && eta < di || hi[i] == Double.POSITIVE_INFINITY && eta < -di) {
        return Double.NEGATIVE_INFINITY;
      }
      double b = Double.POSITIVE_INFINITY;
      if (lo[i] > Double.NEGATIVE_INFINITY) {
        b = Math.min(b, di * lo[i] + eta * Math.abs(lo[i]));
      }
      if (hi[i] < Double.POSITIVE_INFINITY) {
        b = Math.min(b, di * hi[i] + eta * Math.abs(hi[i]));
      }
      if (lo[i] <= 0 && hi[i] >= 0) {
        b = Math.min(b, 0.0);
      }
      sum += b;
    }
    return sum;
  }

  /** {@code 1e-12 max_i |a_i| L}: rounding level of {@code a'w} for any {@code w} with {@code sum|w| <= L}. */
  private double equalityTolerance(double[] a) {
    double amax = 0;
    for (double ai : a) {
      amax = Math.max(amax, Math.abs(ai));
    }
    return 1e-12 * amax * lev;
  }
}
